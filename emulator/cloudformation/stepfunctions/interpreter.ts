import { Clock } from '../clock';
import { Retrier, State, StateMachineDefinition } from './definition';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** A Step Functions execution and what happened in it. */
export interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Every task attempt: the state, when it ran, and its error if it failed. */
  readonly attempts: { readonly state: string; readonly at: Date; readonly error?: string }[];
}

export type TaskResult = { readonly output: unknown } | { readonly error: string; readonly cause: string };

export interface InterpreterServices {
  readonly clock: Clock;
  /** Runs a Task state's resource on its input. */
  readonly runTask: (resource: string, input: unknown) => Promise<TaskResult>;
  /** Asked before each attempt: true stops the execution (ABORTED). */
  readonly shouldStop: () => boolean;
}

type Outcome = { readonly output: unknown } | { readonly error: string; readonly cause: string } | { readonly aborted: true };

/**
 * Runs an execution to its end with Amazon States Language semantics for
 * Task, Pass, Succeed and Fail states: a failed task is retried by the first
 * retrier matching its error (IntervalSeconds × BackoffRate^n, at most
 * MaxAttempts retries), then caught by the first matching catcher, whose
 * state receives `{ Error, Cause }`.
 */
export async function runExecution(definition: StateMachineDefinition, execution: Execution, services: InterpreterServices): Promise<void> {
  let name = definition.StartAt;
  let input: unknown = JSON.parse(execution.input || '{}');
  for (;;) {
    const state = definition.States[name];
    const outcome = await runState(name, state, input, execution, services);
    if ('aborted' in outcome) return finish(execution, services.clock, 'ABORTED');
    if ('error' in outcome) {
      const catcher = state.Catch?.find((c) => matches(c.ErrorEquals, outcome.error));
      if (!catcher) return finish(execution, services.clock, 'FAILED', { error: outcome.error, cause: outcome.cause });
      name = catcher.Next;
      input = { Error: outcome.error, Cause: outcome.cause };
      continue;
    }
    if (state.End || state.Type === 'Succeed' || !state.Next) return finish(execution, services.clock, 'SUCCEEDED', { output: outcome.output });
    name = state.Next;
    input = outcome.output;
  }
}

async function runState(name: string, state: State, input: unknown, execution: Execution, services: InterpreterServices): Promise<Outcome> {
  switch (state.Type) {
    case 'Pass': return { output: 'Result' in state ? state.Result : input };
    case 'Succeed': return { output: input };
    case 'Fail': return { error: state.Error ?? 'States.Fail', cause: state.Cause ?? '' };
    default: return runTask(name, state, input, execution, services);
  }
}

async function runTask(name: string, state: State, input: unknown, execution: Execution, services: InterpreterServices): Promise<Outcome> {
  const retries = new Map<Retrier, number>();
  for (;;) {
    if (services.shouldStop()) return { aborted: true };
    const result = await services.runTask(state.Resource ?? '', input);
    execution.attempts.push({ state: name, at: new Date(services.clock.now()), ...('error' in result ? { error: result.error } : {}) });
    if (!('error' in result)) return result;
    const retrier = state.Retry?.find((r) => matches(r.ErrorEquals, result.error));
    const done = retrier ? retries.get(retrier) ?? 0 : 0;
    if (!retrier || done >= (retrier.MaxAttempts ?? 3)) return result;
    retries.set(retrier, done + 1);
    const delaySeconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** done;
    await services.clock.sleep(Math.min(delaySeconds, retrier.MaxDelaySeconds ?? Infinity) * 1000);
  }
}

/** ErrorEquals: `States.ALL` matches any error, `States.TaskFailed` any but a timeout. */
function matches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some((e) => e === error || e === 'States.ALL' || (e === 'States.TaskFailed' && error !== 'States.Timeout'));
}

function finish(execution: Execution, clock: Clock, status: ExecutionStatus, result: Pick<Execution, 'output' | 'error' | 'cause'> = {}): void {
  Object.assign(execution, { status, stopDate: new Date(clock.now()), ...result });
}
