/*
 * The account's concurrency limits: how many resources of a kind may hold a
 * slot at once in the account and Region. A create beyond a limit is refused
 * with ServiceQuotaExceededException, the error CreateModelCustomizationJob,
 * CreateCustomModel and CreateModelImportJob model, with its documentation as
 * the message (the API model, com.amazonaws.bedrock#ServiceQuotaExceededException).
 *
 * - Model customization jobs: two at a time, a limit that cannot be adjusted:
 *   "Bedrock Custom Models have a maximum training concurrency of 2, and this
 *   limit cannot adjusted" (https://github.com/hashicorp/terraform-provider-aws/pull/37990,
 *   which serializes its acceptance tests for it).
 * - Model imports: one at a time: "The \"Concurrent model import jobs\" Bedrock
 *   quota is fixed at 1 and not raisable" (https://github.com/aws/sagemaker-python-sdk/pull/5952).
 *
 * Stores hold slots for their resources (hold) and ask before a create
 * (admit); each holder tells from its own timeline when it let its slot go,
 * after applying its plan up to now, so that a job that ended by its plan
 * frees its slot even though nobody polled it. Limits and rules change per
 * test; reset() makes a new Capacity with the start's. `requestRules` hold
 * how creates of every kind answer retries and taken names.
 */
import { ServiceError } from './errors';
import type { IamPropagation } from './iam-propagation';
import type { IdempotencyLedger, TokenMismatch } from './idempotency';
import type { OperationName } from './operations';

/** The limits, by what they count. */
export type CapacityLimitName = 'customizationJobs' | 'modelImports';

/**
 * The create operations whose resources hold a slot: each kind's registration
 * says which of its creates do and of which limit (`slots`, e.g.
 * CreateModelCustomizationJob: customizationJobs; CreateCustomModel and a
 * model import job kind's CreateModelImportJob: modelImports).
 */
export type SlotOrigin = Extract<OperationName, `Create${string}`>;

/** Which limit the resources of each create count against. */
export type SlotLimits = Readonly<Partial<Record<SlotOrigin, CapacityLimitName>>>;

export const DEFAULT_CAPACITY_LIMITS: Readonly<Record<CapacityLimitName, number>> = { customizationJobs: 2, modelImports: 1 };

/** The documentation of ServiceQuotaExceededException in the API model, which is all AWS says of the answer. */
export const SERVICE_QUOTA_EXCEEDED_MESSAGE = 'The number of requests exceeds the service quota. Resubmit your request later.';

/** Where AWS is silent; each default is the reading that refuses more. */
export interface CapacityRules {
  /**
   * Whether a Stopping job still holds its slot until it is Stopped. AWS says
   * which statuses a job has (InProgress, Stopping, Stopped, Completed,
   * Failed) but not which hold a slot. Default true; false frees the slot when
   * StopModelCustomizationJob is accepted.
   */
  stoppingHoldsSlot: boolean;
  /**
   * Whether a model Creating from CreateCustomModel holds the import slot (and
   * is refused when it is taken). AWS documents the quota for model import
   * jobs only. Default true; false leaves CreateCustomModel out of the limit.
   */
  customModelsHoldImportSlot: boolean;
  /**
   * Whether the quota is checked before the request's own checks (base model,
   * names, data...), so that a request that is both invalid and over the limit
   * is refused for the quota. AWS does not say. Default true; false checks the
   * request first.
   */
  quotaCheckedFirst: boolean;
}

export const DEFAULT_CAPACITY_RULES: Readonly<CapacityRules> = {
  stoppingHoldsSlot: true,
  customModelsHoldImportSlot: true,
  quotaCheckedFirst: true,
};

/**
 * Where AWS is silent on how a create answers a retry or a taken name, across
 * kinds (ledger rows L-37, L-40, L-41): each default is the emulator's
 * reading, the other value the other reading. Read at each create; reset()
 * makes new ones. Apart from CapacityRules, which start options set.
 */
export interface RequestRules {
  /**
   * L-37. A create that repeats the clientRequestToken and the parameters of
   * an accepted create while every slot of its limit is taken.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelCustomizationJob.html:
   * "If this token matches a previous request, Amazon Bedrock ignores the
   * request, but does not return an error"; silent on the quota. 'returned'
   * (the default): the token is answered before the quota, so a retry gets its
   * resource back whatever the slots, as the sentence reads. 'refused': the
   * quota comes first, and a retry is refused with ServiceQuotaExceededException
   * while every slot is taken (its own resource's included), so a caller that
   * retries a create whose answer it lost must wait for a slot. For the creates
   * that hold a slot and answer retries through Capacity.replay.
   */
  replayWhileFull: 'returned' | 'refused';
  /**
   * L-40. A clientRequestToken reused with other parameters. The APIs say only
   * that a token matching a previous request makes Bedrock ignore the request
   * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModelDeployment.html).
   * 'refused' (the default), the reading that refuses more: ConflictException
   * for the creates that model it, ValidationException for deployments and
   * throughputs, whose creates do not. 'replayed': the token alone matches, so
   * the create returns the resource of the earlier request and changes nothing,
   * as the sentence reads. For the stores whose ledger follows these rules
   * (IdempotencyLedger.follow).
   */
  tokenMismatch: TokenMismatch;
  /**
   * L-41. How a custom model deployment or Provisioned Throughput name already
   * taken in the account and Region is refused, at its create and at a
   * throughput's rename.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModelDeployment.html:
   * "The name must be unique within your Amazon Web Services account and
   * Region"; neither create (nor UpdateProvisionedModelThroughput) models a
   * ConflictException. 'ValidationException' (the default): an error the
   * operations model, which a caller takes for a malformed request and cannot
   * tell from one. 'ConflictException': the error Bedrock's other creates answer
   * for a taken name, though these operations do not model it.
   */
  nameTakenRefusal: 'ValidationException' | 'ConflictException';
}

export function defaultRequestRules(): RequestRules {
  return { replayWhileFull: 'returned', tokenMismatch: 'refused', nameTakenRefusal: 'ValidationException' };
}

/** The refusal of a taken deployment or throughput name, as `rules.nameTakenRefusal` says. */
export function nameTaken(rules: RequestRules, message: string): ServiceError {
  return new ServiceError(rules.nameTakenRefusal, message);
}

/** The limits and rules an emulator starts (and resets) with. */
export interface CapacityOptions {
  /** Default 2; Infinity turns the limit off. */
  readonly customizationJobs?: number;
  /** Default 1; Infinity turns the limit off. */
  readonly modelImports?: number;
  /** Default DEFAULT_CAPACITY_RULES. */
  readonly rules?: Partial<CapacityRules>;
}

/** A resource that holds a slot from its creation (`start`). */
export interface SlotHolder {
  readonly arn: string;
  readonly name: string;
  readonly origin: SlotOrigin;
  readonly start: Date;
  /** Applies the resource's plan up to now; then when it let its slot go under `rules`, or undefined while it holds it. */
  end(rules: CapacityRules): Date | undefined;
}

/** The time a resource held a slot: `end` undefined while it still does. */
export interface SlotInterval {
  readonly arn: string;
  readonly name: string;
  readonly origin: SlotOrigin;
  readonly start: Date;
  readonly end?: Date;
}

/** From `time` until the next step, `inUse` resources held a slot. */
export interface CapacityStep {
  readonly time: Date;
  readonly inUse: number;
}

/** The limits, mutable per test: a whole number of slots, or Infinity (no limit). */
export class CapacityLimits {
  private readonly values: Record<CapacityLimitName, number>;

  constructor(values: Record<CapacityLimitName, number>) {
    this.values = { customizationJobs: checkLimit('customizationJobs', values.customizationJobs), modelImports: checkLimit('modelImports', values.modelImports) };
  }

  public get customizationJobs(): number {
    return this.values.customizationJobs;
  }

  public set customizationJobs(value: number) {
    this.values.customizationJobs = checkLimit('customizationJobs', value);
  }

  public get modelImports(): number {
    return this.values.modelImports;
  }

  public set modelImports(value: number) {
    this.values.modelImports = checkLimit('modelImports', value);
  }

  public of(limit: CapacityLimitName): number {
    return this.values[limit];
  }
}

export class Capacity {
  public readonly limits: CapacityLimits;
  public readonly rules: CapacityRules;
  /** How creates answer retries and taken names, across kinds (RequestRules). */
  public readonly requestRules: RequestRules = defaultRequestRules();
  private readonly holders: SlotHolder[] = [];
  /** When a resource was dropped outright (a test's "forgotten" job, a deleted model): it holds no slot after that. */
  private readonly released = new Map<string, Date>();

  /** `now`: the emulator's time, at which admission counts the slots held; `limitOf`: the kinds' `slots`. */
  constructor(private readonly now: () => Date, options: CapacityOptions = {}, private readonly limitOf: SlotLimits = {}) {
    this.limits = new CapacityLimits({
      customizationJobs: options.customizationJobs ?? DEFAULT_CAPACITY_LIMITS.customizationJobs,
      modelImports: options.modelImports ?? DEFAULT_CAPACITY_LIMITS.modelImports,
    });
    this.rules = { ...DEFAULT_CAPACITY_RULES, ...options.rules };
  }

  /**
   * Runs a create's own checks and the quota's, in the order `rules.quotaCheckedFirst`
   * says. Called after an idempotent replay is ruled out (a replay goes
   * through `replay`).
   */
  public admit<T>(origin: SlotOrigin, checkRequest: () => T): T {
    if (this.rules.quotaCheckedFirst) {
      this.checkQuota(origin);
      return checkRequest();
    }
    const checked = checkRequest();
    this.checkQuota(origin);
    return checked;
  }

  /**
   * A create that repeats an accepted one (its token, and its parameters or
   * not under requestRules.tokenMismatch): that resource, `result`, unless
   * requestRules.replayWhileFull refuses it for the quota.
   */
  public replay<T>(origin: SlotOrigin, result: T): T {
    if (this.requestRules.replayWhileFull === 'refused') this.checkQuota(origin);
    return result;
  }

  /**
   * A create that takes a slot, its checks in their order: the role (first by default: iam.checkedFirst), a repeat of
   * an accepted create (the resource it made, see replay), the quota and the request's own checks (admit), the role
   * (last, when not checked first). Every kind that holds a slot creates through this, so the order is one.
   */
  public admitCreate<T>(
    origin: SlotOrigin,
    request: { readonly roleArn?: string; readonly clientRequestToken?: string },
    services: { readonly ledger: IdempotencyLedger<string>; readonly iam: IamPropagation },
    checkRequest: () => T,
  ): { readonly replayed: string } | { readonly admitted: T } {
    services.iam.assumeFirst(request.roleArn);
    const replayed = services.ledger.replay(request.clientRequestToken, request);
    if (replayed) return { replayed: this.replay(origin, replayed) };
    const admitted = this.admit(origin, checkRequest);
    services.iam.assumeLast(request.roleArn);
    return { admitted };
  }

  /** A resource accepted by its create holds a slot from its start. */
  public hold(holder: SlotHolder): void {
    this.holders.push(holder);
  }

  /** A resource dropped at `time` (never heard of again) holds no slot from then on. */
  public release(arn: string, time: Date): void {
    if (!this.released.has(arn)) this.released.set(arn, time);
  }

  /** The resources that hold a slot of `limit` now, oldest first. */
  public inUse(limit: CapacityLimitName): SlotInterval[] {
    const now = this.now();
    return this.intervals(limit).filter((i) => i.end === undefined || i.end > now);
  }

  /** Every resource that held a slot of `limit`, from its own timeline (creation to end), by start. */
  public intervals(limit: CapacityLimitName): SlotInterval[] {
    return this.holders.filter((h) => this.limitOf[h.origin] === limit && this.holdsSlot(h.origin)).map((h) => this.interval(h))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /**
   * How many resources held a slot of `limit` over time, a step at each change
   * (none before the first start). A slot freed at a moment is free for a
   * resource that starts at that moment; an interval of no length holds none.
   */
  public timeline(limit: CapacityLimitName): CapacityStep[] {
    const changes: { readonly at: number; readonly delta: number }[] = [];
    this.intervals(limit).forEach(({ start, end }) => {
      if (end !== undefined && end <= start) return;
      changes.push({ at: start.getTime(), delta: 1 });
      if (end !== undefined) changes.push({ at: end.getTime(), delta: -1 });
    });
    changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
    const steps: CapacityStep[] = [];
    let inUse = 0;
    changes.forEach(({ at, delta }) => {
      inUse += delta;
      const last = steps[steps.length - 1];
      if (last?.time.getTime() === at) steps[steps.length - 1] = { time: last.time, inUse };
      else steps.push({ time: new Date(at), inUse });
    });
    return steps.filter((step, i) => i === 0 || step.inUse !== steps[i - 1].inUse);
  }

  /** How many resources held a slot of `limit` at `time`. */
  public inUseAt(limit: CapacityLimitName, time: Date): number {
    const steps = this.timeline(limit).filter((s) => s.time <= time);
    return steps.length === 0 ? 0 : steps[steps.length - 1].inUse;
  }

  /** The most resources that ever held a slot of `limit` at once. */
  public peak(limit: CapacityLimitName): number {
    return this.timeline(limit).reduce((max, s) => Math.max(max, s.inUse), 0);
  }

  private checkQuota(origin: SlotOrigin): void {
    const limit = this.limitOf[origin];
    if (limit === undefined) throw new Error(`${origin} holds no slot: its kind registers none for it (slots)`);
    if (!this.holdsSlot(origin)) return;
    if (this.inUse(limit).length >= this.limits.of(limit)) {
      throw new ServiceError('ServiceQuotaExceededException', SERVICE_QUOTA_EXCEEDED_MESSAGE);
    }
  }

  /** Whether resources of `origin` hold a slot under the rules (CreateCustomModel's only while customModelsHoldImportSlot). */
  private holdsSlot(origin: SlotOrigin): boolean {
    return origin !== 'CreateCustomModel' || this.rules.customModelsHoldImportSlot;
  }

  private interval(holder: SlotHolder): SlotInterval {
    const own = holder.end(this.rules);
    const released = this.released.get(holder.arn);
    const end = released !== undefined && (own === undefined || released < own) ? released : own;
    return { arn: holder.arn, name: holder.name, origin: holder.origin, start: holder.start, ...(end ? { end } : {}) };
  }
}

function checkLimit(limit: CapacityLimitName, value: number): number {
  if (!(value >= 0) || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new Error(`The ${limit} limit must be a whole number of slots, or Infinity (got ${value})`);
  }
  return value;
}
