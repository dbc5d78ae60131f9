/*
 * Faults a test injects: a modelled error instead of the answer, latency, or a
 * response dropped after the operation was applied (the client sees a network
 * error and retries, which is what idempotency tokens are for).
 */
import { ErrorName, isErrorName } from './errors';
import type { OperationName } from './operations';
import { CONSTRAINTS } from '../../src/contract/constraints';

export type FaultEffect =
  /** Answer with this modelled error; the operation is not applied. */
  | { readonly kind: 'error'; readonly error: ErrorName; readonly message?: string }
  /** Wait this long before handling the request. */
  | { readonly kind: 'latency'; readonly ms: number }
  /** Apply the operation, then close the connection without answering. */
  | { readonly kind: 'drop' };

/** Which requests a fault applies to. Every condition given must hold. */
export interface FaultMatch {
  /** Default: every operation (for an error: every operation that models it). */
  readonly operation?: OperationName | readonly OperationName[];
  /** A condition on the request's input (typed as the SDK sends it). */
  readonly when?: (input: Readonly<Record<string, unknown>>) => boolean;
  /** Only every n-th matching request (n, 2n, ...). Default 1. */
  readonly every?: number;
  /** At most this many injections, then the fault retires. Default: no limit. */
  readonly times?: number;
}

export interface FaultRule extends FaultMatch {
  readonly effect: FaultEffect;
}

/** A fault in place: how often it struck, and a way to remove it. */
export interface InjectedFault {
  readonly rule: FaultRule;
  readonly injected: number;
  remove(): void;
}

class Fault implements InjectedFault {
  public injected = 0;
  private matched = 0;

  constructor(public readonly rule: FaultRule, public readonly remove: () => void) {}

  /** Counts a request and tells whether the fault strikes it. */
  public strikes(operation: OperationName, input: Readonly<Record<string, unknown>>): boolean {
    const { effect, every = 1, times = Infinity, when } = this.rule;
    const operations = this.rule.operation === undefined ? undefined : ([] as OperationName[]).concat(this.rule.operation);
    if (operations ? !operations.includes(operation) : effect.kind === 'error' && !models(operation, effect.error)) return false;
    if ((when && !when(input)) || this.injected >= times) return false;
    this.matched += 1;
    if (this.matched % every !== 0) return false;
    this.injected += 1;
    return true;
  }
}

export class FaultInjector {
  private faults: Fault[] = [];

  public add(rule: FaultRule): InjectedFault {
    const { effect, every, times } = rule;
    if (effect.kind === 'error') {
      if (!isErrorName(effect.error)) throw new Error(`"${effect.error}" is not a modelled Bedrock error`);
      const operations = rule.operation === undefined ? [] : ([] as OperationName[]).concat(rule.operation);
      const unmodelled = operations.filter((op) => !models(op, effect.error));
      if (unmodelled.length > 0) throw new Error(`${unmodelled.join(', ')} cannot answer ${effect.error} (not in its modelled errors)`);
    }
    if (every !== undefined && !(Number.isInteger(every) && every >= 1)) throw new Error(`every must be an integer >= 1 (got ${every})`);
    if (times !== undefined && !(times >= 0)) throw new Error(`times must be >= 0 (got ${times})`);
    const fault: Fault = new Fault(rule, () => {
      this.faults = this.faults.filter((f) => f !== fault);
    });
    this.faults.push(fault);
    return fault;
  }

  /** 429 ThrottlingException, which the SDK retries. */
  public throttle(match: FaultMatch = {}): InjectedFault {
    return this.error('ThrottlingException', match, 'Rate exceeded');
  }

  /** 500 InternalServerException, which the SDK retries. */
  public internalError(match: FaultMatch = {}): InjectedFault {
    return this.error('InternalServerException', match, 'Internal server error');
  }

  /** Any modelled error of the operations matched. */
  public error(error: ErrorName, match: FaultMatch = {}, message?: string): InjectedFault {
    return this.add({ ...match, effect: { kind: 'error', error, message } });
  }

  public latency(ms: number, match: FaultMatch = {}): InjectedFault {
    return this.add({ ...match, effect: { kind: 'latency', ms } });
  }

  /** Applies the operation, then drops the connection without answering. */
  public dropResponse(match: FaultMatch = {}): InjectedFault {
    return this.add({ ...match, effect: { kind: 'drop' } });
  }

  public clear(): void {
    this.faults = [];
  }

  /** The effects that strike this request, in the order the faults were added. */
  public strike(operation: OperationName, input: Readonly<Record<string, unknown>>): FaultEffect[] {
    return this.faults.filter((f) => f.strikes(operation, input)).map((f) => f.rule.effect);
  }
}

function models(operation: OperationName, error: ErrorName): boolean {
  return CONSTRAINTS.operations[operation].errors.includes(error);
}
