/*
 * Provisioned Throughput: model units bought for a foundation model or a
 * custom model. Creating -> InService or Failed on a plan; a model change goes
 * Updating -> InService (or Failed) while the old model still serves; a
 * commitment (one or six months) forbids deletion until its term is over.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-throughput.html
 */
import type {
  CommitmentDuration,
  CreateProvisionedModelThroughputRequest,
  GetProvisionedModelThroughputResponse,
  ProvisionedModelStatus,
  UpdateProvisionedModelThroughputRequest,
} from '@aws-sdk/client-bedrock';
import { provisionedModelArn } from './arn';
import { defaultThroughputRules, ThroughputRules } from './throughput-rules';
import type { Account } from '../../arns';
import { nameTaken, RequestRules } from '../../capacity';
import type { FoundationModelCatalog } from '../../catalog';
import { EmulatedClock } from '../../clock';
import { notFound, ServiceError, validationError } from '../../errors';
import { PlannedStore } from '../../planned-store';
import { checkTagCount, TagStore } from '../../tags';
import { StageDuration, StageTimer } from '../../timeline';
import type { CustomModels } from '../custom-models/custom-models';

export type ThroughputOutcome =
  | { readonly status: 'InService' }
  | { readonly status: 'Failed'; readonly failureMessage: string };

/** How a throughput's creation, and each change of its model, go. */
export interface ThroughputPlan {
  /** How long the throughput stays Creating. Default: one poll. */
  readonly creating?: StageDuration;
  /** Default: InService. */
  readonly outcome?: ThroughputOutcome;
  /** How long a model change stays Updating. Default: one poll. */
  readonly updating?: StageDuration;
  /** Default: InService on the new model; Failed keeps the old one as modelArn. */
  readonly updateOutcome?: ThroughputOutcome;
}

/** InService at the first GetProvisionedModelThroughput; a model change done at the first Get after it. */
export const DEFAULT_THROUGHPUT_PLAN: Required<ThroughputPlan> = {
  creating: { polls: 1 },
  outcome: { status: 'InService' },
  updating: { polls: 1 },
  updateOutcome: { status: 'InService' },
};

const TERM_MONTHS: Readonly<Record<CommitmentDuration, number>> = { OneMonth: 1, SixMonths: 6 };


interface ThroughputRecord {
  readonly arn: string;
  name: string;
  readonly modelUnits: number;
  /** The model it was bought for. */
  readonly purchasedModelArn: string;
  /** The model it serves (modelArn), with the foundation model underneath (foundationModelArn). */
  served: ProvisionableModel;
  /** The model it serves, or is being changed to (desiredModelArn): `served` once the change ends InService. */
  desired: ProvisionableModel;
  status: ProvisionedModelStatus;
  failureMessage?: string;
  readonly creationTime: Date;
  lastModifiedTime: Date;
  readonly commitmentDuration?: CommitmentDuration;
  readonly commitmentExpirationTime?: Date;
  /** A creation that failed bought nothing: its commitment does not hold the throughput. */
  creationFailed?: boolean;
  /** While Creating or Updating. */
  timer?: StageTimer;
  plan: Required<ThroughputPlan>;
}

/** A model a throughput may serve. */
interface ProvisionableModel {
  readonly arn: string;
  readonly foundationModelArn: string;
}

export class Throughputs extends PlannedStore<ThroughputPlan> {
  /** The model change rule of UpdateProvisionedModelThroughput and the commitment's refusal (throughput-rules.ts). */
  public readonly rules: ThroughputRules = defaultThroughputRules();
  private readonly throughputs = new Map<string, ThroughputRecord>();

  /** `requests`: the account's rules for retries and taken names (capacity.ts). */
  constructor(
    private readonly account: Account,
    private readonly clock: EmulatedClock,
    private readonly catalog: FoundationModelCatalog,
    private readonly models: CustomModels,
    private readonly tags: TagStore,
    private readonly requests: RequestRules,
    defaultPlan: ThroughputPlan = {},
  ) {
    // CreateProvisionedModelThroughput models no ConflictException: a reused token is a ValidationException.
    super(DEFAULT_THROUGHPUT_PLAN, defaultPlan, validationError);
    this.ledger.follow(requests);
  }

  /** CreateProvisionedModelThroughput: buys a throughput (or returns the one this token already bought). */
  public create(request: CreateProvisionedModelThroughputRequest): string {
    const replayed = this.ledger.replay(request.clientRequestToken, request);
    if (replayed) return replayed;
    checkTagCount(request.tags?.length ?? 0);
    const name = request.provisionedModelName!;
    this.checkNameFree(name);
    const model = this.provisionable(request.modelId!);
    const now = this.clock.now();
    const plan = this.planOf(name);
    const term = request.commitmentDuration;
    const record: ThroughputRecord = {
      arn: provisionedModelArn(this.account),
      name,
      modelUnits: request.modelUnits!,
      purchasedModelArn: model.arn,
      served: model,
      desired: model,
      status: 'Creating',
      creationTime: now,
      lastModifiedTime: now,
      commitmentDuration: term,
      commitmentExpirationTime: term && addMonths(now, TERM_MONTHS[term]),
      timer: new StageTimer(this.clock, plan.creating, now),
      plan,
    };
    this.tags.register(record.arn, request.tags);
    this.throughputs.set(record.arn, record);
    this.ledger.record(request.clientRequestToken, request, record.arn);
    return record.arn;
  }

  /** GetProvisionedModelThroughput, without counting a poll. */
  public get(identifier: string): GetProvisionedModelThroughputResponse {
    return view(this.record(identifier));
  }

  /** GetProvisionedModelThroughput as a client sees it: the call counts as a poll of a creation or update under way. */
  public poll(identifier: string): GetProvisionedModelThroughputResponse {
    const record = this.find(identifier);
    if (!record) throw notFound(`The provisioned model ${identifier} was not found.`);
    record.timer?.poll();
    return view(this.settle(record));
  }

  /**
   * UpdateProvisionedModelThroughput: a new name applies at once; a new model
   * makes the throughput Updating. Everything is checked before anything
   * changes. ValidationException for every refusal: the operation models no
   * ConflictException.
   */
  public update(request: UpdateProvisionedModelThroughputRequest): void {
    const record = this.record(request.provisionedModelId!);
    const name = request.desiredProvisionedModelName;
    if (name !== undefined && name !== record.name) this.checkNameFree(name);
    const target = request.desiredModelId === undefined ? undefined : this.modelChange(record, request.desiredModelId);
    const now = this.clock.now();
    if (name !== undefined) record.name = name;
    if (target) {
      record.desired = target;
      record.status = 'Updating';
      record.failureMessage = undefined;
      record.timer = new StageTimer(this.clock, record.plan.updating, now);
    }
    record.lastModifiedTime = now;
  }

  /**
   * DeleteProvisionedModelThroughput: gone at once with its tags ("immediately
   * deleted"), unless its commitment term is still running: "You can't delete
   * a Provisioned Throughput before the commitment term is over". The API
   * words no error for it; ConflictException ("a conflict while performing an
   * operation") fits a valid request that the resource's state forbids
   * (rules.commitmentDeleteRefusal).
   * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-delete.html
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteProvisionedModelThroughput.html
   */
  public delete(identifier: string): void {
    const record = this.record(identifier);
    const expires = record.commitmentExpirationTime;
    if (expires && !record.creationFailed && this.clock.now() < expires) {
      throw new ServiceError(this.rules.commitmentDeleteRefusal, `You can't delete the Provisioned Throughput ${record.name} `
        + `before its ${record.commitmentDuration} commitment term is over (${expires.toISOString()}).`);
    }
    this.throughputs.delete(record.arn);
    this.tags.forget(record.arn);
  }

  /** Whether a throughput of this ARN or name exists (in any status). */
  public has(identifier: string): boolean {
    return this.find(identifier) !== undefined;
  }

  /**
   * The model a throughput serves for inference, by its ARN: InService, or
   * Updating ("you might receive output from the old model until the update is
   * fully deployed"); undefined otherwise. Not a poll.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-edit.html
   */
  public serving(arn: string): string | undefined {
    const record = this.throughputs.get(arn);
    const status = record && this.settle(record).status;
    return status === 'InService' || status === 'Updating' ? record!.served.arn : undefined;
  }

  /** The throughputs whose model, current or being changed to, is this one (ARNs). */
  public using(modelArn: string): string[] {
    return [...this.throughputs.values()].map((r) => this.settle(r))
      .filter((r) => r.served.arn === modelArn || (r.status === 'Updating' && r.desired.arn === modelArn))
      .map((r) => r.arn);
  }

  /** Changes the plan of an existing throughput (e.g. how its next model change ends); stages already over stay over. */
  public setPlan(identifier: string, plan: ThroughputPlan): void {
    const record = this.record(identifier);
    record.plan = { ...record.plan, ...plan };
  }

  /** Ends a Creating throughput's creation now: InService. */
  public activate(identifier: string): void {
    this.finish(this.inStatus(identifier, 'Creating'), { status: 'InService' }, this.clock.now());
  }

  /** Ends the model change under way now: InService on the new model. */
  public completeUpdate(identifier: string): void {
    this.finish(this.inStatus(identifier, 'Updating'), { status: 'InService' }, this.clock.now());
  }

  /**
   * Makes a throughput Failed now: a Creating one fails to be created, an
   * Updating one fails its update (the old model stays modelArn), an
   * InService one fails in service.
   */
  public fail(identifier: string, failureMessage: string): void {
    const record = this.record(identifier);
    if (record.status === 'Failed') throw new Error(`Provisioned throughput ${identifier} is Failed already`);
    this.finish(record, { status: 'Failed', failureMessage }, this.clock.now());
  }

  /**
   * The model of a create or update: a foundation model of the catalog that
   * supports PROVISIONED (the contextual variants, e.g.
   * amazon.nova-micro-v1:0:128k, per the list of models for Provisioned
   * Throughput), or an Active custom model of the account, by ARN or name,
   * imported ones included ("To use the model for inference, you must
   * purchase Provisioned Throughput for it").
   * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-supported.html
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModel.html
   */
  private provisionable(modelId: string): ProvisionableModel {
    const foundation = this.catalog.find(modelId);
    if (foundation) {
      if (!foundation.inferenceTypesSupported.includes('PROVISIONED')) {
        throw validationError(`The model ${modelId} doesn't support Provisioned Throughput. Specify the model ID of a contextual variant for purchasing Provisioned Throughput.`);
      }
      const arn = this.catalog.arnOf(foundation);
      return { arn, foundationModelArn: arn };
    }
    const custom = this.models.asBaseModel(modelId);
    if (!custom) throw notFound(`The model ${modelId} was not found.`);
    if (custom.status !== 'Active') throw validationError(`The custom model ${custom.arn} is ${custom.status}, not Active.`);
    return { arn: custom.arn, foundationModelArn: this.catalog.arnOf(custom.baseModel) };
  }

  /**
   * What a model change may go to (see ThroughputRules). Not while a creation
   * or change is under way, nor after a failed creation.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-edit.html
   */
  private modelChange(record: ThroughputRecord, desiredModelId: string): ProvisionableModel {
    if (record.status === 'Creating' || record.status === 'Updating' || record.creationFailed) {
      throw validationError(`The Provisioned Throughput ${record.name} is ${record.status}; its model can't be changed now.`);
    }
    if (!this.rules.modelChange) return this.provisionable(desiredModelId);
    // The field itself is refused, even naming the model already served.
    const { foundationModelArn } = record.served;
    const associated = this.rules.baseModelAssociation === 'purchased' ? record.purchasedModelArn : record.served.arn;
    if (associated === foundationModelArn) {
      throw validationError(`The Provisioned Throughput ${record.name} is associated with a base model: its model can't be changed.`);
    }
    const target = this.provisionable(desiredModelId);
    if (target.foundationModelArn !== foundationModelArn) {
      throw validationError(`The Provisioned Throughput ${record.name} can change only to ${foundationModelArn} `
        + `or to another custom model derived from it, not to ${target.arn}.`);
    }
    return target;
  }

  /** Unique per account and region; ValidationException as neither Create nor Update models a ConflictException (requests.nameTakenRefusal). */
  private checkNameFree(name: string): void {
    if (this.find(name)) throw nameTaken(this.requests, `A Provisioned Throughput named ${name} already exists.`);
  }

  private find(identifier: string): ThroughputRecord | undefined {
    return this.throughputs.get(identifier) ?? [...this.throughputs.values()].find((r) => r.name === identifier);
  }

  private record(identifier: string): ThroughputRecord {
    const record = this.find(identifier);
    if (!record) throw notFound(`The provisioned model ${identifier} was not found.`);
    return this.settle(record);
  }

  private inStatus(identifier: string, status: ProvisionedModelStatus): ThroughputRecord {
    const record = this.record(identifier);
    if (record.status !== status) throw new Error(`Provisioned throughput ${identifier} is ${record.status}, not ${status}`);
    return record;
  }

  /** Applies the plan up to now: a creation or model change whose time or polls are up ends, at the moment it ended. */
  private settle(record: ThroughputRecord): ThroughputRecord {
    const endedAt = record.timer?.endedAt();
    if (endedAt) this.finish(record, record.status === 'Creating' ? record.plan.outcome : record.plan.updateOutcome, endedAt);
    return record;
  }

  /** InService takes the desired model; Failed keeps the served one (a failed change leaves desiredModelArn apart). */
  private finish(record: ThroughputRecord, outcome: ThroughputOutcome, time: Date): void {
    if (outcome.status === 'Failed' && record.status === 'Creating') record.creationFailed = true;
    record.timer = undefined;
    record.status = outcome.status;
    record.failureMessage = outcome.status === 'Failed' ? outcome.failureMessage : undefined;
    if (outcome.status === 'InService') record.served = record.desired;
    record.lastModifiedTime = time;
  }
}

/** The same day and time `months` calendar months later (UTC), or the last day of a shorter month. */
function addMonths(time: Date, months: number): Date {
  const later = new Date(time);
  later.setUTCMonth(later.getUTCMonth() + months);
  if (later.getUTCDate() !== time.getUTCDate()) later.setUTCDate(0);
  return later;
}

function view(record: ThroughputRecord): GetProvisionedModelThroughputResponse {
  return {
    modelUnits: record.modelUnits,
    // The API has no way to change the units: the desired ones are the allocated ones.
    desiredModelUnits: record.modelUnits,
    provisionedModelName: record.name,
    provisionedModelArn: record.arn,
    modelArn: record.served.arn,
    desiredModelArn: record.desired.arn,
    foundationModelArn: record.served.foundationModelArn,
    status: record.status,
    creationTime: record.creationTime,
    lastModifiedTime: record.lastModifiedTime,
    failureMessage: record.failureMessage,
    commitmentDuration: record.commitmentDuration,
    commitmentExpirationTime: record.commitmentExpirationTime,
  };
}
