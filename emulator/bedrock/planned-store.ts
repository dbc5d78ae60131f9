/*
 * What the stores of kinds with plans share: a plan per resource (the
 * built-in one, overridden by the store's default, overridden by a plan for
 * the name), an idempotency ledger for the create operation, paging, and
 * creation order.
 */
import type { ServiceError } from './errors';
import { IdempotencyLedger } from './idempotency';
import { Pager } from './pagination';

export abstract class PlannedStore<Plan extends object> {
  /** The plan of resources that have no plan of their own. */
  public defaultPlan: Plan;
  protected readonly ledger: IdempotencyLedger<string>;
  protected readonly pager = new Pager();
  private readonly plansByName = new Map<string, Plan>();
  private seq = 0;

  /** `tokenMismatch`: the error of a token reused with other parameters (default ConflictException). */
  constructor(private readonly builtInPlan: Required<Plan>, defaultPlan: Plan, tokenMismatch?: (message: string) => ServiceError) {
    this.defaultPlan = defaultPlan;
    this.ledger = new IdempotencyLedger<string>(tokenMismatch);
  }

  /** The plan for the resource created later under this name. */
  public planFor(name: string, plan: Plan): void {
    this.plansByName.set(name, plan);
  }

  protected planOf(name: string): Required<Plan> {
    return { ...this.builtInPlan, ...this.defaultPlan, ...this.plansByName.get(name) };
  }

  /** Breaks ties between resources created in the same millisecond. */
  protected nextSeq(): number {
    return this.seq++;
  }
}
