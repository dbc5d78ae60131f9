/*
 * Custom models: imported ones (CreateCustomModel) go Creating -> Active or
 * Failed on a plan; the output of a completed job appears Active. Names are
 * unique in the account and region. Models another account shares with this
 * one (seeded with their owner's account id) are listed beside them. An
 * import holds the account's import slot while Creating (capacity.ts). Where
 * AWS leaves a model open, `rules` (custom-model-rules.ts) holds the emulator's reading.
 */
import type {
  CreateCustomModelRequest,
  CustomizationType,
  CustomModelSummary,
  GetCustomModelResponse,
  ListCustomModelsRequest,
  ModelStatus,
  Tag,
} from '@aws-sdk/client-bedrock';
import { customModelArn } from './arn';
import { CustomModelRules, defaultCustomModelRules } from './custom-model-rules';
import { Account, kmsKeyArn } from '../../arns';
import type { Capacity } from '../../capacity';
import { FoundationModelCatalog, FoundationModelEntry } from '../../catalog';
import { EmulatedClock } from '../../clock';
import { conflict, notFound, ServiceError } from '../../errors';
import type { IamPropagation } from '../../iam-propagation';
import { Chronological, createdWithin, Page } from '../../pagination';
import { PlannedStore } from '../../planned-store';
import { checkTagCount, TagStore } from '../../tags';
import { StageDuration, StageTimer } from '../../timeline';

export type CustomModelOutcome =
  | { readonly status: 'Active' }
  | { readonly status: 'Failed'; readonly failureMessage: string };

/** How an imported model's creation goes. */
export interface CustomModelPlan {
  /** How long the model stays Creating. Default: one poll. */
  readonly creating?: StageDuration;
  /** Default: Active. */
  readonly outcome?: CustomModelOutcome;
  /** The foundation model the imported artifacts derive from. Default: amazon.nova-micro-v1:0:128k. */
  readonly baseModelId?: string;
}

export const DEFAULT_CUSTOM_MODEL_PLAN: Required<CustomModelPlan> = {
  creating: { polls: 1 },
  outcome: { status: 'Active' },
  baseModelId: 'amazon.nova-micro-v1:0:128k',
};

/** What a job that starts from a custom model learns of it. */
export interface CustomBaseModel {
  readonly arn: string;
  readonly status: ModelStatus;
  readonly customizationType?: CustomizationType;
  /** The foundation model underneath. */
  readonly baseModel: FoundationModelEntry;
  /** When the customization (or import) made it. */
  readonly creationTime: Date;
}

/** What GetCustomModel shows besides name, ARN, time and status: the job's settings for a job output. */
export type CustomModelDetails = Omit<GetCustomModelResponse, 'modelArn' | 'modelName' | 'creationTime' | 'modelStatus' | 'failureMessage'>;

/** A model to put in place directly (an existing model a test starts from). */
export interface CustomModelSeed {
  readonly modelName: string;
  /** Default: the plan's baseModelId. */
  readonly baseModelId?: string;
  /** Default: FINE_TUNING. */
  readonly customizationType?: CustomizationType;
  /** Default: Active. */
  readonly modelStatus?: ModelStatus;
  readonly failureMessage?: string;
  /** Default: now. */
  readonly creationTime?: Date;
  /** Its owner's tags: for a shared model, tags this account cannot read. */
  readonly tags?: readonly Tag[];
  /**
   * Another account's id: a model that account shares with this one (through
   * AWS RAM), with an ARN of that account. Default: this account.
   */
  readonly ownerAccountId?: string;
}

/** How the tag operations answer for a model another account shares (see CustomModels.checkTagAccess). */
export type SharedModelTagsError = 'AccessDeniedException' | 'ResourceNotFoundException';

interface ModelRecord extends Chronological {
  readonly arn: string;
  readonly name: string;
  readonly ownerAccountId: string;
  status: ModelStatus;
  failureMessage?: string;
  readonly baseModel: FoundationModelEntry;
  readonly details: CustomModelDetails;
  /** While Creating. */
  timer?: StageTimer;
  /** When Creating ended (Active or Failed). */
  creatingEndTime?: Date;
  readonly plan: Required<CustomModelPlan>;
  /** Why DeleteCustomModel answers ConflictException, while set. */
  inUse?: string;
}

export class CustomModels extends PlannedStore<CustomModelPlan> {
  /**
   * When set, ListCustomModels pages over every model, this many a page, and
   * filters each page afterwards, as a service may: a page can hold no match
   * and still carry a nextToken.
   */
  public filterAfterPaging?: number;
  /** The answer of ListTagsForResource, TagResource and UntagResource on a shared model. */
  public sharedModelTagsError: SharedModelTagsError = 'AccessDeniedException';
  /** The emulator's readings where AWS leaves a model open, each switchable (custom-model-rules.ts). */
  public readonly rules: CustomModelRules = defaultCustomModelRules();
  private readonly models = new Map<string, ModelRecord>();

  /** `reservedByJob` tells whether a running job will create a model of that name. */
  constructor(
    private readonly account: Account,
    private readonly clock: EmulatedClock,
    private readonly catalog: FoundationModelCatalog,
    private readonly tags: TagStore,
    private readonly capacity: Capacity,
    private readonly iam: IamPropagation,
    private readonly reservedByJob: (name: string) => boolean,
    defaultPlan: CustomModelPlan = {},
  ) {
    super(DEFAULT_CUSTOM_MODEL_PLAN, defaultPlan);
    this.ledger.follow(capacity.requestRules);
  }

  /** CreateCustomModel: starts an import (or returns the one this token already started); the role is checked first or last (iam). */
  public create(request: CreateCustomModelRequest): string {
    const name = request.modelName!;
    const admission = this.capacity.admitCreate('CreateCustomModel', request, { ledger: this.ledger, iam: this.iam }, () => {
      checkTagCount(request.modelTags?.length ?? 0);
      this.checkNameFree(name);
    });
    if ('replayed' in admission) return admission.replayed;
    const plan = this.planOf(name);
    const record = this.insert(name, 'imported', this.baseModel(plan.baseModelId), plan, {
      customizationType: 'IMPORTED',
      modelKmsKeyArn: request.modelKmsKeyArn,
    }, request.modelTags);
    record.status = 'Creating';
    record.timer = new StageTimer(this.clock, plan.creating);
    this.ledger.record(request.clientRequestToken, request, record.arn);
    this.capacity.hold({
      arn: record.arn,
      name,
      origin: 'CreateCustomModel',
      start: record.creationTime,
      end: () => this.settle(record).creatingEndTime,
    });
    return record.arn;
  }

  /** The Active output model of a completed job. */
  public createFromJob(name: string, baseModel: FoundationModelEntry, details: CustomModelDetails,
    tags: readonly Tag[] | undefined, time: Date): string {
    this.checkNameFree(name);
    return this.insert(name, baseModel.modelId, baseModel, this.planOf(name), details, tags, time).arn;
  }

  /** Puts a model in place without a request (not recorded in calls); with `ownerAccountId`, one shared with this account. */
  public add(seed: CustomModelSeed): string {
    const owner = seed.ownerAccountId ?? this.account.accountId;
    // Names are unique within an account: a shared model's name is its owner's business.
    if (owner === this.account.accountId) this.checkNameFree(seed.modelName);
    const plan = this.planOf(seed.modelName);
    const base = this.baseModel(seed.baseModelId ?? plan.baseModelId);
    const type = seed.customizationType ?? 'FINE_TUNING';
    const record = this.insert(seed.modelName, type === 'IMPORTED' ? 'imported' : base.modelId, base, plan,
      { customizationType: type }, seed.tags, seed.creationTime, owner);
    record.status = seed.modelStatus ?? 'Active';
    record.failureMessage = seed.failureMessage;
    if (record.status === 'Creating') record.timer = new StageTimer(this.clock, plan.creating);
    return record.arn;
  }

  /** Whether a model of this name exists (in any status). */
  public has(identifier: string): boolean {
    return this.find(identifier) !== undefined;
  }

  /** The model a job names as its base (by ARN or name), or undefined. */
  public asBaseModel(identifier: string): CustomBaseModel | undefined {
    const record = this.find(identifier);
    if (!record) return undefined;
    const { arn, status, baseModel, creationTime } = record;
    return { arn, status, customizationType: record.details.customizationType, baseModel, creationTime };
  }

  /** GetCustomModel, without counting a poll. */
  public get(identifier: string): GetCustomModelResponse {
    return this.view(this.record(identifier));
  }

  /** GetCustomModel as a client sees it: the call counts as a poll of a Creating model. */
  public poll(identifier: string): GetCustomModelResponse {
    const record = this.record(identifier);
    record.timer?.poll();
    return this.view(this.settle(record));
  }

  /**
   * DeleteCustomModel as a client sends it. A model still Creating is refused
   * (ConflictException, one of the operation's modelled errors) unless
   * rules.creatingDeletion says otherwise: the API documents no delete during
   * creation, so the emulator takes the strict reading by default.
   */
  public deleteRequested(identifier: string): void {
    const record = this.settle(this.record(identifier));
    if (record.status === 'Creating' && this.rules.creatingDeletion === 'refused') {
      throw conflict(`The custom model ${record.name} is being created and cannot be deleted yet.`);
    }
    this.delete(identifier);
  }

  /** Deletes a model (in-process: a test's "deleted by someone else"); one in use is refused, as DeleteCustomModel does. */
  public delete(identifier: string): void {
    const record = this.record(identifier);
    if (record.inUse !== undefined) throw conflict(record.inUse);
    this.models.delete(record.arn);
    this.tags.forget(record.arn);
    this.capacity.release(record.arn, this.clock.now());
  }

  /**
   * The tag operations on a model another account shares are refused. AWS is
   * silent on which error: ListTagsForResource models AccessDeniedException and
   * ResourceNotFoundException, cross-account access needs a resource-based
   * policy of the owner (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html),
   * and no page says a model share grants tag actions. AccessDeniedException,
   * the default, hurts a reader most (a missing resource is commonly tolerated);
   * `sharedModelTagsError` switches to ResourceNotFoundException.
   */
  public checkTagAccess(operation: string, arn: string): void {
    const record = this.models.get(arn);
    if (!record || record.ownerAccountId === this.account.accountId) return;
    if (!this.visible(record) || this.sharedModelTagsError === 'ResourceNotFoundException') throw notFound(`The resource ${arn} was not found.`);
    throw new ServiceError('AccessDeniedException', `User is not authorized to perform: bedrock:${operation} on resource: ${arn} `
      + `because no resource-based policy allows the bedrock:${operation} action`);
  }

  /**
   * ListCustomModels: the request's filters, sort order and paging. Without
   * `isOwned` it lists the models this account owns and those shared with it;
   * true lists the owned ones, false the shared ones
   * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListCustomModels.html; "Models that have been shared
   * will show up" in the recipient's ListCustomModels: https://docs.aws.amazon.com/bedrock/latest/userguide/share-model-share.html).
   */
  public list(request: ListCustomModelsRequest = {}): Page<CustomModelSummary> {
    const { maxResults, nextToken, sortBy, sortOrder, ...filters } = request;
    const matches = (r: ModelRecord) => this.visible(r)
      && (request.isOwned === undefined || request.isOwned === (r.ownerAccountId === this.account.accountId))
      && createdWithin(r.creationTime, filters)
      && (filters.nameContains === undefined || r.name.includes(filters.nameContains))
      && (filters.modelStatus === undefined || r.status === filters.modelStatus)
      && (filters.baseModelArnEquals === undefined || this.catalog.arnOf(r.baseModel) === filters.baseModelArnEquals)
      && (filters.foundationModelArnEquals === undefined || this.catalog.arnOf(r.baseModel) === filters.foundationModelArnEquals);
    const settled = [...this.models.values()].map((r) => this.settle(r));
    if (this.filterAfterPaging !== undefined) {
      const page = this.pager.page(settled, { maxResults: Math.min(maxResults ?? Infinity, this.filterAfterPaging), nextToken, sortOrder }, filters);
      return { ...page, items: page.items.filter(matches).map((r) => this.summary(r)) };
    }
    const page = this.pager.page(settled.filter(matches), { maxResults, nextToken, sortOrder }, filters);
    return { ...page, items: page.items.map((r) => this.summary(r)) };
  }

  /** Ends a Creating model's creation now: Active. */
  public activate(identifier: string): void {
    this.finish(this.creating(identifier), { status: 'Active' });
  }

  /** Ends a Creating model's creation now: Failed. */
  public fail(identifier: string, failureMessage: string): void {
    this.finish(this.creating(identifier), { status: 'Failed', failureMessage });
  }

  /**
   * While in use (e.g. by a provisioned throughput), DeleteCustomModel answers
   * ConflictException, with `inUse` as the message when it is a string.
   */
  public setInUse(identifier: string, inUse: boolean | string = true): void {
    this.record(identifier).inUse = inUse === false ? undefined : inUse === true ? 'The model is in use by a provisioned throughput.' : inUse;
  }

  private checkNameFree(name: string): void {
    if (this.find(name) || this.reservedByJob(name)) throw conflict(`A custom model named ${name} already exists.`);
  }

  private baseModel(modelId: string): FoundationModelEntry {
    const entry = this.catalog.find(modelId);
    if (!entry) throw new Error(`The base model ${modelId} of a custom model is not in the foundation model catalog`);
    return entry;
  }

  private insert(name: string, arnBase: string, baseModel: FoundationModelEntry, plan: Required<CustomModelPlan>,
    details: CustomModelDetails, tags: readonly Tag[] | undefined, creationTime = this.clock.now(),
    ownerAccountId = this.account.accountId): ModelRecord {
    const arn = customModelArn({ ...this.account, accountId: ownerAccountId }, arnBase);
    this.tags.register(arn, tags);
    const record: ModelRecord = { arn, name, ownerAccountId, status: 'Active', baseModel, details, plan, creationTime, seq: this.nextSeq() };
    this.models.set(arn, record);
    return record;
  }

  /** By ARN, or by name among this account's models (a name is the account's own); a shared model only while visible. */
  private find(identifier: string): ModelRecord | undefined {
    const record = this.models.get(identifier)
      ?? [...this.models.values()].find((r) => r.name === identifier && r.ownerAccountId === this.account.accountId);
    return record && this.visible(record) ? this.settle(record) : undefined;
  }

  /** Whether the API sees a model: the account's own, or a shared one while rules.sharedModels lists it. */
  private visible(record: ModelRecord): boolean {
    return record.ownerAccountId === this.account.accountId || this.rules.sharedModels === 'listed';
  }

  private record(identifier: string): ModelRecord {
    const record = this.find(identifier);
    if (!record) throw notFound(`The custom model ${identifier} was not found.`);
    return record;
  }

  private creating(identifier: string): ModelRecord {
    const record = this.record(identifier);
    if (record.status !== 'Creating') throw new Error(`Custom model ${identifier} is ${record.status}, not Creating`);
    return record;
  }

  /** Applies the plan up to now. */
  private settle(record: ModelRecord): ModelRecord {
    const endedAt = record.timer?.endedAt();
    if (endedAt) this.finish(record, record.plan.outcome, endedAt);
    return record;
  }

  private finish(record: ModelRecord, outcome: CustomModelOutcome, time = this.clock.now()): void {
    record.timer = undefined;
    record.creatingEndTime = time;
    record.status = outcome.status;
    if (outcome.status === 'Failed') record.failureMessage = outcome.failureMessage;
  }

  /** What GetCustomModel and ListCustomModels both show. */
  private identity(record: ModelRecord) {
    return { modelArn: record.arn, modelName: record.name, creationTime: record.creationTime, baseModelArn: this.catalog.arnOf(record.baseModel) };
  }

  private view(record: ModelRecord): GetCustomModelResponse {
    return {
      ...this.identity(record),
      ...record.details,
      modelKmsKeyArn: kmsKeyArn(this.account, record.details.modelKmsKeyArn),
      modelStatus: record.status,
      failureMessage: record.failureMessage,
    };
  }

  private summary(record: ModelRecord): CustomModelSummary {
    return {
      ...this.identity(record),
      // ModelName: the base model id without its version and context suffix.
      baseModelName: record.baseModel.modelId.split(':')[0],
      customizationType: record.details.customizationType,
      ownerAccountId: record.ownerAccountId,
      modelStatus: record.status,
    };
  }
}
