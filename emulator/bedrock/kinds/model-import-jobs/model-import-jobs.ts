/*
 * Model import jobs (Custom Model Import of open-weight models): a job is
 * InProgress for as long as its plan says, then reads its source and ends
 * Completed, its imported model created, or Failed with a failureMessage
 * (ModelImportJobStatus: InProgress, Completed, Failed). The layout and the
 * architecture are checked then, not at create (architectures.ts). A job holds
 * the account's import slot while InProgress (capacity.ts), the slot
 * CreateCustomModel's imports hold too. Names of jobs, and of the models that
 * jobs create or will create, are unique in the account and region (ConflictException).
 * Bedrock documents no EventBridge event for model import jobs (the detail
 * types it sends are Model Customization Job State Change, Batch Inference Job
 * State Change and Bedrock Data Automation's:
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-bedrock.html), so by default none is
 * emitted: a job's end is reported to `events`, which sends one only under its rules.modelImportJobs.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelImportJob.html
 */
import type {
  CreateModelImportJobRequest,
  CustomModelUnits,
  GetImportedModelResponse,
  GetModelImportJobResponse,
  ListModelImportJobsRequest,
  ModelImportJobStatus,
  ModelImportJobSummary,
} from '@aws-sdk/client-bedrock';
import { checkSource, SourceCheck, supportsConverse } from './architectures';
import { importedModelArn, modelImportJobArn } from './arn';
import { defaultImportRules, ImportRules } from './import-job-rules';
import { Account, kmsKeyArn } from '../../arns';
import type { Capacity } from '../../capacity';
import type { EmulatedClock } from '../../clock';
import { conflict, notFound, validationError } from '../../errors';
import type { IamPropagation } from '../../iam-propagation';
import { checkKeyOfAccount, checkVpcConfig } from '../../job-request-checks';
import { Chronological, createdWithin, Page } from '../../pagination';
import { PlannedStore } from '../../planned-store';
import type { ArtifactStore } from '../../state';
import { checkTagCount, TagStore } from '../../tags';
import { StageDuration, StageTimer } from '../../timeline';

export type ModelImportJobOutcome =
  /** Completed if the source passes the checks (architectures.ts), else Failed with why. */
  | { readonly status: 'Completed' }
  | { readonly status: 'Failed'; readonly failureMessage: string };

/** How a model import job goes. */
export interface ModelImportJobPlan {
  /** How long the job stays InProgress. Default: one poll (GetModelImportJob). */
  readonly running?: StageDuration;
  /** Default: Completed (as the source allows). */
  readonly outcome?: ModelImportJobOutcome;
  /** The architecture (config.json model_type) of a source the emulator cannot read (ImportRules.unseenSource). Default llama. */
  readonly architecture?: string;
  /** What GetImportedModel shows. Default: one unit per copy, version 1.0. */
  readonly customModelUnits?: CustomModelUnits;
}

export const DEFAULT_MODEL_IMPORT_JOB_PLAN: Required<ModelImportJobPlan> = {
  running: { polls: 1 },
  outcome: { status: 'Completed' },
  architecture: 'llama',
  customModelUnits: { customModelUnitsPerModelCopy: 1, customModelUnitsVersion: '1.0' },
};

export interface JobRecord extends Chronological {
  readonly arn: string;
  readonly name: string;
  readonly request: CreateModelImportJobRequest;
  status: ModelImportJobStatus;
  failureMessage?: string;
  lastModifiedTime: Date;
  endTime?: Date;
  /** Once Completed; kept after the model is deleted (see deleteModel). */
  importedModelArn?: string;
  /** While InProgress. */
  timer?: StageTimer;
  plan: Required<ModelImportJobPlan>;
}

/** Where a job's end is reported (the EventBridge events). */
interface ModelImportJobEvents {
  /** Whether ends send events: only then do the events settle jobs by time. */
  readonly wanted: () => boolean;
  readonly ended: (job: GetModelImportJobResponse, time: Date) => void;
}

/** An imported model, as the runtime serves it. */
export interface ImportedModelRecord extends Chronological {
  readonly arn: string;
  readonly name: string;
  readonly job: JobRecord;
  readonly architecture: string;
  readonly instructSupported: boolean;
}

export class ModelImportJobs extends PlannedStore<ModelImportJobPlan> {
  /** Where AWS is silent (import-job-rules.ts, architectures.ts). */
  public readonly rules: ImportRules = defaultImportRules();
  private readonly jobs = new Map<string, JobRecord>();
  private readonly models = new Map<string, ImportedModelRecord>();

  constructor(
    private readonly account: Account,
    private readonly clock: EmulatedClock,
    private readonly tags: TagStore,
    private readonly capacity: Capacity,
    private readonly iam: IamPropagation,
    private readonly artifacts: ArtifactStore | undefined,
    defaultPlan: ModelImportJobPlan = {},
    private readonly events: ModelImportJobEvents = { wanted: () => false, ended: () => {} },
  ) {
    super(DEFAULT_MODEL_IMPORT_JOB_PLAN, defaultPlan);
    this.ledger.follow(capacity.requestRules);
  }

  /** CreateModelImportJob: starts a job (or returns the one this token already started); the role is checked first or last (iam). */
  public create(request: CreateModelImportJobRequest): string {
    const name = request.jobName!;
    const admission = this.capacity.admitCreate('CreateModelImportJob', request, { ledger: this.ledger, iam: this.iam }, () => {
      checkTagCount(request.jobTags?.length ?? 0);
      checkTagCount(request.importedModelTags?.length ?? 0);
      checkVpcConfig(request.vpcConfig);
      checkKeyOfAccount(this.account, request.importedModelKmsKeyId);
      if (this.findJob(name)) throw conflict(`A model import job named ${name} already exists.`);
      this.checkModelNameFree(request.importedModelName!);
      if (this.rules.sourceCheck === 'atCreate') this.checkSourceNow(request, this.planOf(name).architecture);
    });
    if ('replayed' in admission) return admission.replayed;
    const now = this.clock.now();
    const plan = this.planOf(name);
    const record: JobRecord = {
      arn: modelImportJobArn(this.account),
      name,
      request,
      status: 'InProgress',
      lastModifiedTime: now,
      timer: new StageTimer(this.clock, plan.running, now),
      plan,
      creationTime: now,
      seq: this.nextSeq(),
    };
    this.jobs.set(record.arn, record);
    this.tags.register(record.arn, request.jobTags);
    this.ledger.record(request.clientRequestToken, request, record.arn);
    this.capacity.hold({ arn: record.arn, name, origin: 'CreateModelImportJob', start: now, end: () => this.settle(record).endTime });
    return record.arn;
  }

  /** GetModelImportJob as a client sends it: the call counts as a poll of a job InProgress. */
  public poll(identifier: string): GetModelImportJobResponse {
    const record = this.job(identifier);
    record.timer?.poll();
    return this.view(this.settle(record));
  }

  /** GetModelImportJob, without counting a poll. */
  public get(identifier: string): GetModelImportJobResponse {
    return this.view(this.job(identifier));
  }

  /** ListModelImportJobs: its filters, sort order (by creation time, the only SortJobsBy) and paging. */
  public list(request: ListModelImportJobsRequest = {}): Page<ModelImportJobSummary> {
    const { maxResults, nextToken, sortBy, sortOrder, ...filters } = request;
    const matches = (r: JobRecord) => createdWithin(r.creationTime, filters)
      && (filters.nameContains === undefined || r.name.includes(filters.nameContains))
      && (filters.statusEquals === undefined || r.status === filters.statusEquals);
    const settled = [...this.jobs.values()].map((r) => this.settle(r)).filter(matches);
    const page = this.pager.page(settled, { maxResults, nextToken, sortOrder }, filters);
    return { ...page, items: page.items.map((r) => summary(r)) };
  }

  /** GetImportedModel: by ARN or name; a model whose job has not completed does not exist yet. */
  public getModel(identifier: string): GetImportedModelResponse {
    const model = this.model(identifier);
    const { request } = model.job;
    return {
      modelArn: model.arn,
      modelName: model.name,
      jobName: model.job.name,
      jobArn: model.job.arn,
      modelDataSource: request.modelDataSource,
      creationTime: model.creationTime,
      modelArchitecture: model.architecture,
      modelKmsKeyArn: kmsKeyArn(this.account, request.importedModelKmsKeyId),
      instructSupported: model.instructSupported,
      customModelUnits: { ...model.job.plan.customModelUnits },
    };
  }

  /**
   * DeleteImportedModel: gone at once with its tags. Its job stays, listed and
   * readable with the importedModelArn it created: the API reference says
   * nothing of the job, and a job is a record of what ran (as a customization
   * job stays after its custom model is deleted).
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteImportedModel.html
   */
  public deleteModel(identifier: string): void {
    const model = this.model(identifier);
    this.models.delete(model.arn);
    this.tags.forget(model.arn);
    if (this.rules.deletedModelJob === 'deleted') {
      this.jobs.delete(model.job.arn);
      this.tags.forget(model.job.arn);
    }
  }

  /** The Completed import a runtime modelId names (its ARN), or undefined. Not a poll. */
  public served(modelArn: string): ImportedModelRecord | undefined {
    this.settleAll();
    return this.models.get(modelArn);
  }

  /** Changes the plan of an existing job (e.g. how it ends); a job that ended stays as it is. */
  public setPlan(identifier: string, plan: ModelImportJobPlan): void {
    const record = this.job(identifier);
    record.plan = { ...record.plan, ...plan };
  }

  /** Ends an InProgress job now, as its source allows (Completed, or Failed with why). */
  public complete(identifier: string): void {
    this.finish(this.inProgress(identifier), { status: 'Completed' }, this.clock.now());
  }

  /** Ends an InProgress job now: Failed. */
  public fail(identifier: string, failureMessage: string): void {
    this.finish(this.inProgress(identifier), { status: 'Failed', failureMessage }, this.clock.now());
  }

  /** Applies every job's plan up to the clock. */
  public settleAll(): void {
    this.jobs.forEach((r) => this.settle(r));
  }

  /** Before a drain of the events: the ends that time made, only while ends send events (an end reads the job's source). */
  public settleForEvents(): void {
    if (this.events.wanted()) this.settleAll();
  }

  /** A model name is taken by an imported model, or by a job InProgress that will create it (rules.modelNameWhileRunning). */
  private checkModelNameFree(name: string): void {
    // findModel settles every job first: what is InProgress after it will create its model.
    const existing = this.findModel(name);
    const reserved = this.rules.modelNameWhileRunning === 'taken'
      && [...this.jobs.values()].some((r) => r.status === 'InProgress' && r.request.importedModelName === name);
    if (reserved || existing) throw conflict(`An imported model named ${name} already exists.`);
  }

  private findJob(identifier: string): JobRecord | undefined {
    const record = this.jobs.get(identifier) ?? [...this.jobs.values()].find((r) => r.name === identifier);
    return record && this.settle(record);
  }

  private job(identifier: string): JobRecord {
    const record = this.findJob(identifier);
    if (!record) throw notFound(`The model import job ${identifier} was not found.`);
    return record;
  }

  private inProgress(identifier: string): JobRecord {
    const record = this.job(identifier);
    if (record.status !== 'InProgress') throw new Error(`Model import job ${identifier} is ${record.status}, not InProgress`);
    return record;
  }

  private findModel(identifier: string): ImportedModelRecord | undefined {
    this.settleAll();
    return this.models.get(identifier) ?? [...this.models.values()].find((m) => m.name === identifier);
  }

  private model(identifier: string): ImportedModelRecord {
    const model = this.findModel(identifier);
    if (!model) throw notFound(`The imported model ${identifier} was not found.`);
    return model;
  }

  private settle(record: JobRecord): JobRecord {
    const endedAt = record.timer?.endedAt();
    if (endedAt) this.finish(record, record.plan.outcome, endedAt);
    return record;
  }

  /** The job ends at `time`: a Completed outcome reads the source then, and creates the model if it passes. */
  private finish(record: JobRecord, outcome: ModelImportJobOutcome, time: Date): void {
    record.timer = undefined;
    record.endTime = time;
    record.lastModifiedTime = time;
    const name = record.request.importedModelName!;
    // Only a job whose model name was free while it ran (rules.modelNameWhileRunning) can find it taken.
    const check: SourceCheck = outcome.status === 'Failed'
      ? { failureMessage: outcome.failureMessage }
      : [...this.models.values()].some((m) => m.name === name) ? { failureMessage: `An imported model named ${name} already exists.` }
        : checkSource(this.artifacts, record.request.modelDataSource?.s3DataSource?.s3Uri ?? '', this.rules, record.plan.architecture);
    if ('failureMessage' in check) {
      record.status = 'Failed';
      record.failureMessage = check.failureMessage;
      this.events.ended(this.view(record), time);
      return;
    }
    const model: ImportedModelRecord = {
      arn: importedModelArn(this.account),
      name: record.request.importedModelName!,
      job: record,
      architecture: check.architecture,
      instructSupported: supportsConverse(check.architecture, this.rules),
      creationTime: time,
      seq: this.nextSeq(),
    };
    this.models.set(model.arn, model);
    this.tags.register(model.arn, record.request.importedModelTags);
    record.status = 'Completed';
    record.importedModelArn = model.arn;
    this.events.ended(this.view(record), time);
  }

  /** CreateModelImportJob under rules.sourceCheck 'atCreate': a source the job would fail on is refused now. */
  private checkSourceNow(request: CreateModelImportJobRequest, architecture: string): void {
    const check = checkSource(this.artifacts, request.modelDataSource?.s3DataSource?.s3Uri ?? '', this.rules, architecture);
    if ('failureMessage' in check) throw validationError(check.failureMessage);
  }

  private view(record: JobRecord): GetModelImportJobResponse {
    const { request } = record;
    return {
      ...summary(record),
      roleArn: request.roleArn,
      modelDataSource: request.modelDataSource,
      failureMessage: record.failureMessage,
      vpcConfig: request.vpcConfig,
      importedModelKmsKeyArn: kmsKeyArn(this.account, request.importedModelKmsKeyId),
    };
  }
}

function summary(record: JobRecord): ModelImportJobSummary {
  return {
    jobArn: record.arn,
    jobName: record.name,
    status: record.status,
    lastModifiedTime: record.lastModifiedTime,
    creationTime: record.creationTime,
    endTime: record.endTime,
    importedModelArn: record.importedModelArn,
    importedModelName: record.request.importedModelName,
  };
}
