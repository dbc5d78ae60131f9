import { ValidationError } from '../errors';

/** A retrier or catcher of a Task state (Amazon States Language). */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
}

export interface State {
  readonly Type: string;
  readonly Resource?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  readonly Result?: unknown;
  readonly Error?: string;
  readonly Cause?: string;
}

export interface StateMachineDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
}

/** The state types the local interpreter runs, and the fields it does not implement. */
const STATE_TYPES = ['Task', 'Pass', 'Succeed', 'Fail'];
const UNSUPPORTED_FIELDS = ['InputPath', 'OutputPath', 'ResultPath', 'Parameters', 'ResultSelector', 'Arguments', 'Output', 'TimeoutSeconds', 'HeartbeatSeconds'];

/**
 * The definition of an `AWS::StepFunctions::StateMachine` from its resolved
 * properties; fails on what the local interpreter cannot run (read when an
 * execution starts, so a stack may hold state machines it never runs).
 */
export function parseDefinition(where: string, properties: Readonly<Record<string, unknown>>): StateMachineDefinition {
  let text = typeof properties.DefinitionString === 'string' ? properties.DefinitionString : JSON.stringify(properties.Definition ?? null);
  for (const [key, value] of Object.entries((properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>)) {
    text = text.split(`\${${key}}`).join(String(value));
  }
  const definition = JSON.parse(text) as StateMachineDefinition | null;
  if (!definition?.StartAt || !definition.States) throw new ValidationError(`${where}: no definition (DefinitionString or Definition) to run`);
  for (const [name, state] of Object.entries(definition.States)) {
    if (!STATE_TYPES.includes(state.Type)) throw new ValidationError(`${where}: state ${name} is of type ${state.Type}; the local engine runs ${STATE_TYPES.join(', ')}`);
    const unsupported = UNSUPPORTED_FIELDS.filter((field) => field in state);
    if (unsupported.length > 0) throw new ValidationError(`${where}: state ${name} uses ${unsupported.join(', ')}, which the local engine does not implement`);
  }
  const targets = [definition.StartAt, ...Object.values(definition.States).flatMap((s) => [s.Next, ...(s.Catch ?? []).map((c) => c.Next)])];
  const missing = targets.filter((target) => target !== undefined && !(target in definition.States));
  if (missing.length > 0) throw new ValidationError(`${where}: no state named ${missing.join(', ')}`);
  return definition;
}
