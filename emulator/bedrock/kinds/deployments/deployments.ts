/*
 * Custom model deployments (on-demand inference for a custom model): Creating
 * -> Active or Failed on a plan; an update swaps the model served (Updating ->
 * UpdateCompleted, or UpdateFailed and the old model stays). Names are unique
 * in the account and region. `rules` say which models are deployed (on-demand.ts),
 * `lifecycle` how a deployment serves and goes where AWS is silent (deployment-rules.ts).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/deploy-custom-model-on-demand.html
 */
import type {
  CreateCustomModelDeploymentRequest,
  CustomModelDeploymentStatus,
  CustomModelDeploymentUpdateStatus,
  GetCustomModelDeploymentResponse,
} from '@aws-sdk/client-bedrock';
import { customModelDeploymentArn } from './arn';
import { defaultDeploymentLifecycleRules, DeploymentLifecycleRules } from './deployment-rules';
import { checkOnDemand, defaultOnDemandRules, OnDemandRules } from './on-demand';
import type { Account } from '../../arns';
import { nameTaken, RequestRules } from '../../capacity';
import { EmulatedClock } from '../../clock';
import { conflict, notFound, validationError } from '../../errors';
import { PlannedStore } from '../../planned-store';
import { checkTagCount, TagStore } from '../../tags';
import { StageDuration, StageTimer } from '../../timeline';
import type { CustomModels } from '../custom-models/custom-models';

export type DeploymentOutcome =
  | { readonly status: 'Active' }
  | { readonly status: 'Failed'; readonly failureMessage: string };

export type DeploymentUpdateOutcome =
  | { readonly updateStatus: 'UpdateCompleted' }
  | { readonly updateStatus: 'UpdateFailed'; readonly failureMessage: string };

/** How a deployment's creation, and each of its updates, go. */
export interface DeploymentPlan {
  /** How long the deployment stays Creating. Default: one poll. */
  readonly creating?: StageDuration;
  /** Default: Active. */
  readonly outcome?: DeploymentOutcome;
  /** How long an update stays Updating. Default: one poll. */
  readonly updating?: StageDuration;
  /** Default: UpdateCompleted. */
  readonly updateOutcome?: DeploymentUpdateOutcome;
  /**
   * How long a deletion shows Deleting, under lifecycle.deletion 'deleting'. Default: two polls (Deleting at the first
   * Get after the call; the second finds the deployment gone).
   */
  readonly deleting?: StageDuration;
}

/** Active at the first GetCustomModelDeployment; an update completed at the first Get after it. */
export const DEFAULT_DEPLOYMENT_PLAN: Required<DeploymentPlan> = {
  creating: { polls: 1 },
  outcome: { status: 'Active' },
  updating: { polls: 1 },
  updateOutcome: { updateStatus: 'UpdateCompleted' },
  deleting: { polls: 2 },
};

/** Why a deployment cannot serve or be deleted yet: it is Creating, or an update of it is Updating. */
export function notReady(status: string | undefined, updateStatus: string | undefined): 'Creating' | 'being updated' | undefined {
  return status === 'Creating' ? 'Creating' : status === 'Active' && updateStatus === 'Updating' ? 'being updated' : undefined;
}

/** Deleting: the Nova user guide's status of a deletion under way (lifecycle.deletion 'deleting'), not in the API's enum. */
type DeploymentStatus = CustomModelDeploymentStatus | 'Deleting';

interface DeploymentRecord {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly createdAt: Date;
  modelArn: string;
  status: DeploymentStatus;
  failureMessage?: string;
  lastUpdatedAt: Date;
  update?: { readonly modelArn: string; updateStatus: CustomModelDeploymentUpdateStatus };
  /** While Creating, Deleting, or while an update is Updating. */
  timer?: StageTimer;
  plan: Required<DeploymentPlan>;
}

export class Deployments extends PlannedStore<DeploymentPlan> {
  /** Which models are deployed on demand (see OnDemandRules). */
  public readonly rules: OnDemandRules = defaultOnDemandRules();
  /** How a deployment serves, is deleted and answers while Creating, where AWS is silent (deployment-rules.ts). */
  public readonly lifecycle: DeploymentLifecycleRules = defaultDeploymentLifecycleRules();
  private readonly deployments = new Map<string, DeploymentRecord>();

  /** `requests`: the account's rules for retries and taken names (capacity.ts). */
  constructor(
    private readonly account: Account,
    private readonly clock: EmulatedClock,
    private readonly models: CustomModels,
    private readonly tags: TagStore,
    private readonly requests: RequestRules,
    defaultPlan: DeploymentPlan = {},
  ) {
    // CreateCustomModelDeployment models no ConflictException: a reused token is a ValidationException.
    super(DEFAULT_DEPLOYMENT_PLAN, defaultPlan, validationError);
    this.ledger.follow(requests);
  }

  /** CreateCustomModelDeployment: starts a deployment (or returns the one this token already started). */
  public create(request: CreateCustomModelDeploymentRequest): string {
    const replayed = this.ledger.replay(request.clientRequestToken, request);
    if (replayed) return replayed;
    checkTagCount(request.tags?.length ?? 0);
    const name = request.modelDeploymentName!;
    // Unique per account and region (API reference); ValidationException as the operation models no ConflictException
    // (requests.nameTakenRefusal).
    if (this.find(name)) throw nameTaken(this.requests, `A custom model deployment named ${name} already exists.`);
    this.checkServable(request.modelArn!);
    const now = this.clock.now();
    const plan = this.planOf(name);
    const record: DeploymentRecord = {
      arn: customModelDeploymentArn(this.account),
      name,
      description: request.description,
      createdAt: now,
      modelArn: request.modelArn!,
      status: 'Creating',
      lastUpdatedAt: now,
      timer: new StageTimer(this.clock, plan.creating, now),
      plan,
    };
    this.tags.register(record.arn, request.tags);
    this.deployments.set(record.arn, record);
    this.ledger.record(request.clientRequestToken, request, record.arn);
    return record.arn;
  }

  /** GetCustomModelDeployment, without counting a poll. */
  public get(identifier: string): GetCustomModelDeploymentResponse {
    return view(this.record(identifier));
  }

  /** GetCustomModelDeployment as a client sees it: the call counts as a poll of a creation or update under way. */
  public poll(identifier: string): GetCustomModelDeploymentResponse {
    const record = this.find(identifier);
    if (!record) throw notFound(`The custom model deployment ${identifier} was not found.`);
    record.timer?.poll();
    // The poll may end a deletion: then the deployment is not found.
    return view(this.record(record.arn));
  }

  /**
   * UpdateCustomModelDeployment: an Active deployment with no update under way
   * starts serving another servable model. ValidationException otherwise: the
   * operation models no ConflictException.
   */
  public update(identifier: string, modelArn: string): string {
    const record = this.record(identifier);
    if (record.status !== 'Active') {
      throw validationError(`The custom model deployment ${record.name} is ${record.status}; only an Active deployment can be updated.`);
    }
    if (record.update?.updateStatus === 'Updating') throw validationError(`The custom model deployment ${record.name} is already being updated.`);
    this.checkServable(modelArn);
    const now = this.clock.now();
    record.update = { modelArn, updateStatus: 'Updating' };
    record.failureMessage = undefined;
    record.lastUpdatedAt = now;
    record.timer = new StageTimer(this.clock, record.plan.updating, now);
    return record.arn;
  }

  /**
   * DeleteCustomModelDeployment: by default gone at once with its tags, in any
   * status; the API's statuses have no Deleting, so the deletion is not
   * observable. lifecycle.deletion may refuse a busy one, or show Deleting.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/delete-custom-model-deployment.html
   */
  public delete(identifier: string): void {
    const record = this.record(identifier);
    const { deletion } = this.lifecycle;
    const busy = notReady(record.status, record.update?.updateStatus);
    if (busy && deletion === 'refusedWhileBusy') {
      throw conflict(`The custom model deployment ${record.name} is ${busy} and cannot be deleted now. Try again later.`);
    }
    if (deletion !== 'deleting') {
      this.remove(record);
    } else if (record.status !== 'Deleting') {
      record.status = 'Deleting';
      record.lastUpdatedAt = this.clock.now();
      record.timer = new StageTimer(this.clock, record.plan.deleting, record.lastUpdatedAt);
    }
  }

  /** Whether a deployment of this ARN or name exists (in any status). */
  public has(identifier: string): boolean {
    return this.find(identifier) !== undefined;
  }

  /**
   * The model an Active deployment serves (for inference), or undefined for any
   * other ARN, or while an update is Updating under lifecycle.servedWhileUpdating 'none'. Not a poll.
   */
  public serving(deploymentArn: string): string | undefined {
    const record = this.deployments.get(deploymentArn);
    if (!record || this.settle(record).status !== 'Active') return undefined;
    const updating = record.update?.updateStatus === 'Updating';
    return updating && this.lifecycle.servedWhileUpdating === 'none' ? undefined : record.modelArn;
  }

  /** The deployments whose model, current or being deployed by an update, is this one (ARNs). */
  public using(modelArn: string): string[] {
    return [...this.deployments.values()].map((r) => this.settle(r))
      .filter((r) => this.deployments.has(r.arn))
      .filter((r) => r.modelArn === modelArn || (r.update?.updateStatus === 'Updating' && r.update.modelArn === modelArn))
      .map((r) => r.arn);
  }

  /** Changes the plan of an existing deployment (e.g. how its next update ends); stages already over stay over. */
  public setPlan(identifier: string, plan: DeploymentPlan): void {
    const record = this.record(identifier);
    record.plan = { ...record.plan, ...plan };
  }

  /** Ends a Creating deployment's creation now: Active. */
  public activate(identifier: string): void {
    this.finishCreation(this.inStatus(identifier, 'Creating'), { status: 'Active' }, this.clock.now());
  }

  /**
   * Makes a deployment Failed now: a Creating one fails to be created, an
   * Active one becomes unavailable (both are what Failed means, per
   * GetCustomModelDeployment's status); an update under way fails with it.
   */
  public fail(identifier: string, failureMessage: string): void {
    const record = this.record(identifier);
    if (record.status === 'Failed' || record.status === 'Deleting') throw new Error(`Custom model deployment ${identifier} is ${record.status}: it cannot fail now`);
    if (record.update?.updateStatus === 'Updating') record.update.updateStatus = 'UpdateFailed';
    this.finishCreation(record, { status: 'Failed', failureMessage }, this.clock.now());
  }

  /** Ends the update under way now: UpdateCompleted, the new model served. */
  public completeUpdate(identifier: string): void {
    this.finishUpdate(this.updating(identifier), { updateStatus: 'UpdateCompleted' }, this.clock.now());
  }

  /** Ends the update under way now: UpdateFailed, the old model still served. */
  public failUpdate(identifier: string, failureMessage: string): void {
    this.finishUpdate(this.updating(identifier), { updateStatus: 'UpdateFailed', failureMessage }, this.clock.now());
  }

  /**
   * What CreateCustomModelDeployment and UpdateCustomModelDeployment deploy:
   * an Active custom model of this account (API reference: "must be in the
   * Active state") that the on-demand rules take (on-demand.ts).
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModelDeployment.html
   */
  private checkServable(modelArn: string): void {
    const model = this.models.asBaseModel(modelArn);
    if (!model || model.arn !== modelArn) throw notFound(`The custom model ${modelArn} was not found.`);
    checkOnDemand(this.rules, this.account.region, model);
    if (model.status !== 'Active') throw validationError(`The custom model ${modelArn} is ${model.status}, not Active.`);
  }

  /** By ARN or name, its plan applied up to now: a deletion that ended leaves nothing. */
  private find(identifier: string): DeploymentRecord | undefined {
    const record = this.deployments.get(identifier) ?? [...this.deployments.values()].find((r) => r.name === identifier);
    return record && this.deployments.has(this.settle(record).arn) ? record : undefined;
  }

  private record(identifier: string): DeploymentRecord {
    const record = this.find(identifier);
    if (!record) throw notFound(`The custom model deployment ${identifier} was not found.`);
    return record;
  }

  private remove(record: DeploymentRecord): void {
    this.deployments.delete(record.arn);
    this.tags.forget(record.arn);
  }

  private inStatus(identifier: string, status: DeploymentStatus): DeploymentRecord {
    const record = this.record(identifier);
    if (record.status !== status) throw new Error(`Custom model deployment ${identifier} is ${record.status}, not ${status}`);
    return record;
  }

  private updating(identifier: string): DeploymentRecord {
    const record = this.record(identifier);
    if (record.update?.updateStatus !== 'Updating') throw new Error(`Custom model deployment ${identifier} has no update under way`);
    return record;
  }

  /** Applies the plan up to now: a creation, update or deletion whose time or polls are up ends, at the moment it ended. */
  private settle(record: DeploymentRecord): DeploymentRecord {
    const endedAt = record.timer?.endedAt();
    if (!endedAt) return record;
    if (record.status === 'Deleting') {
      this.remove(record);
    } else if (record.status === 'Creating') {
      this.finishCreation(record, record.plan.outcome, endedAt);
    } else {
      this.finishUpdate(record, record.plan.updateOutcome, endedAt);
    }
    return record;
  }

  private finishCreation(record: DeploymentRecord, outcome: DeploymentOutcome, time: Date): void {
    record.timer = undefined;
    record.status = outcome.status;
    record.failureMessage = outcome.status === 'Failed' ? outcome.failureMessage : undefined;
    record.lastUpdatedAt = time;
  }

  private finishUpdate(record: DeploymentRecord, outcome: DeploymentUpdateOutcome, time: Date): void {
    const update = record.update!;
    record.timer = undefined;
    update.updateStatus = outcome.updateStatus;
    if (outcome.updateStatus === 'UpdateCompleted') record.modelArn = update.modelArn;
    record.failureMessage = outcome.updateStatus === 'UpdateFailed' ? outcome.failureMessage : undefined;
    record.lastUpdatedAt = time;
  }
}

function view(record: DeploymentRecord): GetCustomModelDeploymentResponse {
  return {
    customModelDeploymentArn: record.arn,
    modelDeploymentName: record.name,
    modelArn: record.modelArn,
    createdAt: record.createdAt,
    // Deleting is outside the API's enum, as the Nova user guide shows it.
    status: record.status as CustomModelDeploymentStatus,
    description: record.description,
    updateDetails: record.update && { ...record.update },
    failureMessage: record.failureMessage,
    lastUpdatedAt: record.lastUpdatedAt,
  };
}
