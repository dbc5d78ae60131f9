import { randomUUID } from 'crypto';
import { Clock } from '../clock';
import { errorMessage } from '../errors';
import { parseDefinition } from './definition';
import { Execution, runExecution, TaskResult } from './interpreter';
import { LocalLambda } from '../lambda/local-lambda';

export interface StartExecutionInput {
  readonly stateMachineArn: string;
  readonly name?: string;
  readonly input?: string;
}

interface StateMachine {
  readonly logicalId: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * The state machines of the stack. StartExecution only queues the execution,
 * as Step Functions answers at once; the engine runs queued executions after
 * the invocation that started them returns, on its clock.
 */
export class LocalStepFunctions {
  public readonly executions: Execution[] = [];
  private readonly stateMachines = new Map<string, StateMachine>();
  private readonly queue: Execution[] = [];

  constructor(private readonly lambda: LocalLambda, private readonly clock: Clock) {}

  public deploy(arn: string, logicalId: string, properties: Readonly<Record<string, unknown>>): void {
    this.stateMachines.set(arn, { logicalId, properties });
  }

  public remove(arn: string): void {
    this.stateMachines.delete(arn);
  }

  /**
   * StartExecution. A name is unique per state machine: starting it again with
   * the same input while it runs returns the running execution; otherwise it
   * is ExecutionAlreadyExists.
   */
  public async startExecution(request: StartExecutionInput): Promise<{ executionArn: string; startDate: Date }> {
    if (!this.stateMachines.has(request.stateMachineArn)) {
      throw Object.assign(new Error(`State Machine Does Not Exist: '${request.stateMachineArn}'`), { name: 'StateMachineDoesNotExist' });
    }
    const name = request.name ?? randomUUID();
    const input = request.input ?? '{}';
    const existing = this.executions.find((e) => e.stateMachineArn === request.stateMachineArn && e.name === name);
    if (existing) {
      if (existing.status !== 'RUNNING' || existing.input !== input) {
        throw Object.assign(new Error(`Execution Already Exists: '${existing.executionArn}'`), { name: 'ExecutionAlreadyExists' });
      }
      return { executionArn: existing.executionArn, startDate: existing.startDate };
    }
    const execution: Execution = {
      executionArn: `${request.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
      stateMachineArn: request.stateMachineArn,
      name,
      input,
      startDate: new Date(this.clock.now()),
      status: 'RUNNING',
      attempts: [],
    };
    this.executions.push(execution);
    this.queue.push(execution);
    return { executionArn: execution.executionArn, startDate: execution.startDate };
  }

  /** Runs the queued executions; `shouldStop` aborts one between attempts. */
  public async runQueued(shouldStop: () => boolean): Promise<void> {
    for (let execution = this.queue.shift(); execution; execution = this.queue.shift()) {
      const stateMachine = this.stateMachines.get(execution.stateMachineArn);
      try {
        const definition = parseDefinition(`state machine ${stateMachine?.logicalId}`, stateMachine?.properties ?? {});
        await runExecution(definition, execution, { clock: this.clock, shouldStop, runTask: (resource, input) => this.runTask(resource, input) });
      } catch (error) {
        Object.assign(execution, { status: 'FAILED', stopDate: new Date(this.clock.now()), error: 'States.Runtime', cause: errorMessage(error) });
      }
    }
  }

  /** A Task whose resource is a Lambda function ARN: the function's result, or its error as Step Functions reports it. */
  private async runTask(resource: string, input: unknown): Promise<TaskResult> {
    if (!/^arn:[^:]+:lambda:/.test(resource)) {
      return { error: 'States.Runtime', cause: `Task resource ${resource} is not a Lambda function ARN; the local engine runs Lambda tasks only` };
    }
    try {
      const output = await this.lambda.invoke(resource, JSON.stringify(input));
      const payload = new TextDecoder().decode(output.Payload);
      if (output.FunctionError) return { error: (JSON.parse(payload) as { errorType?: string }).errorType ?? 'Error', cause: payload };
      return { output: JSON.parse(payload) };
    } catch (error) {
      return { error: `Lambda.${(error as Error).name ?? 'Unknown'}`, cause: errorMessage(error) };
    }
  }
}
