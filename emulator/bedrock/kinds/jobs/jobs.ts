/*
 * Model customization jobs. A job runs validation, data processing and
 * training in turn (statusDetails), each for as long as its plan says, then
 * ends Completed (its custom model appears, Active) or Failed. Stop turns an
 * InProgress job Stopping, then Stopped. Its creation (InProgress) and each
 * change of status are reported to `statusChanged` (the EventBridge events,
 * which choose those they send), with the job as it is then. A completed job
 * writes its metrics files to `artifacts` (the emulated S3). Where AWS leaves
 * a job open, `rules` (job-rules.ts) holds the emulator's reading.
 * A job holds one of the account's customization slots from its creation
 * until it ends (capacity.ts): a create beyond the limit is refused.
 */
import type {
  CreateModelCustomizationJobRequest,
  GetModelCustomizationJobResponse,
  JobStatusDetails,
  ListModelCustomizationJobsRequest,
  ModelCustomizationJobStatus,
  ModelCustomizationJobSummary,
} from '@aws-sdk/client-bedrock';
import { jobArn } from './arn';
import { checkJobRequest } from './job-checks';
import { DEFAULT_VALIDATION_METRICS_KEY, jobMetricsFiles, roundMetric, ValidationMetricsKey } from './job-metrics-files';
import {
  DEFAULT_JOB_PLAN, DEFAULT_TRAINING_LOSS, DEFAULT_VALIDATION_LOSS, JobOutcome, JobPhase, JobPlan, jobMetrics, JobRecord, jobSummary, jobView, PHASES,
} from './job-record';
import { defaultJobRules, JobRules, phasesRun } from './job-rules';
import type { Account } from '../../arns';
import { Capacity, CapacityRules } from '../../capacity';
import { FoundationModelCatalog } from '../../catalog';
import { EmulatedClock } from '../../clock';
import { conflict, notFound, validationError } from '../../errors';
import type { IamPropagation } from '../../iam-propagation';
import { checkKeyOfAccount, checkVpcConfig } from '../../job-request-checks';
import { createdWithin, Page } from '../../pagination';
import { PlannedStore } from '../../planned-store';
import type { ArtifactStore } from '../../state';
import { TagStore } from '../../tags';
import { StageTimer } from '../../timeline';
import { CustomModels } from '../custom-models/custom-models';

/** A job was created (InProgress) or its status changed at `time`; `job` is the job right after. */
export type JobStatusListener = (job: GetModelCustomizationJobResponse, time: Date) => void;

export class Jobs extends PlannedStore<JobPlan> {
  /** Where jobs that complete from now on write their validation file (VALIDATION_METRICS_KEYS). */
  public validationMetricsKey: ValidationMetricsKey = DEFAULT_VALIDATION_METRICS_KEY;
  /** The emulator's readings where AWS leaves a job open, each switchable (job-rules.ts). */
  public readonly rules: JobRules = defaultJobRules();
  private readonly jobs = new Map<string, JobRecord>();

  constructor(
    private readonly account: Account,
    private readonly clock: EmulatedClock,
    private readonly catalog: FoundationModelCatalog,
    private readonly models: CustomModels,
    private readonly tags: TagStore,
    private readonly capacity: Capacity,
    private readonly iam: IamPropagation,
    defaultPlan: JobPlan = {},
    private readonly statusChanged: JobStatusListener = () => {},
    private readonly artifacts?: ArtifactStore,
  ) {
    super(DEFAULT_JOB_PLAN, defaultPlan);
    this.ledger.follow(capacity.requestRules);
  }

  /** Changes the plan of an existing job; stages already over stay over. */
  public setPlan(identifier: string, plan: JobPlan): void {
    const record = this.record(identifier);
    record.plan = { ...record.plan, ...plan };
  }

  /** CreateModelCustomizationJob: starts a job (or returns the one this token already started); the role is checked first or last (iam). */
  public create(request: CreateModelCustomizationJobRequest): string {
    const admission = this.capacity.admitCreate('CreateModelCustomizationJob', request, { ledger: this.ledger, iam: this.iam }, () => this.checkRequest(request));
    if ('replayed' in admission) return admission.replayed;
    const { baseModel, customizationType } = admission.admitted;
    const jobName = request.jobName!;
    const now = this.clock.now();
    const record: JobRecord = {
      arn: jobArn(this.account, baseModel.modelId),
      request,
      baseModel,
      // A FoundationModelArn in the API model, also for a job that starts from a custom model.
      baseModelArn: this.catalog.arnOf(baseModel),
      customizationType,
      runs: phasesRun(this.rules, customizationType),
      plan: this.planOf(jobName),
      status: 'InProgress',
      phases: { validation: { status: 'NotStarted' }, dataProcessing: { status: 'NotStarted' }, training: { status: 'NotStarted' } },
      phase: 'validation',
      creationTime: now,
      lastModifiedTime: now,
      seq: this.nextSeq(),
    };
    this.startPhase(record, 'validation', now);
    this.tags.register(record.arn, request.jobTags);
    this.jobs.set(record.arn, record);
    this.ledger.record(request.clientRequestToken, request, record.arn);
    this.capacity.hold({
      arn: record.arn,
      name: jobName,
      origin: 'CreateModelCustomizationJob',
      start: now,
      end: (rules) => slotEnd(this.settle(record), rules),
    });
    this.changed(record, now);
    return record.arn;
  }

  /** GetModelCustomizationJob, without counting a poll. */
  public get(identifier: string): GetModelCustomizationJobResponse {
    return jobView(this.record(identifier), this.account);
  }

  /** GetModelCustomizationJob as a client sees it: the call counts as a poll of the running stage. */
  public poll(identifier: string): GetModelCustomizationJobResponse {
    const record = this.record(identifier);
    record.timer?.poll();
    return jobView(this.settle(record), this.account);
  }

  /** StopModelCustomizationJob: only an InProgress job can be stopped (any other is refused with rules.stopRefusal). */
  public stop(identifier: string): void {
    const record = this.record(identifier);
    if (record.status !== 'InProgress') {
      const message = `The model customization job ${record.request.jobName} is ${record.status} and cannot be stopped.`;
      throw this.rules.stopRefusal === 'ConflictException' ? conflict(message) : validationError(message);
    }
    const now = this.clock.now();
    record.status = 'Stopping';
    record.stoppingTime = now;
    this.setPhase(record, record.phase, 'Stopping', now);
    record.timer = new StageTimer(this.clock, record.plan.stopping, now);
    this.changed(record, now);
  }

  /** Applies every job's plan up to now, as Bedrock does whether or not anyone looks (not a poll). */
  public settleAll(): void {
    this.jobs.forEach((record) => this.settle(record));
  }

  /** ListModelCustomizationJobs: the request's filters, sort order and paging. */
  public list(request: ListModelCustomizationJobsRequest = {}): Page<ModelCustomizationJobSummary> {
    const { maxResults, nextToken, sortBy, sortOrder, ...filters } = request;
    const matching = [...this.jobs.values()].map((r) => this.settle(r)).filter((r) => createdWithin(r.creationTime, filters)
      && (filters.nameContains === undefined || r.request.jobName!.includes(filters.nameContains))
      && (filters.statusEquals === undefined || r.status === filters.statusEquals));
    const page = this.pager.page(matching, { maxResults, nextToken, sortOrder }, filters);
    return { ...page, items: page.items.map(jobSummary) };
  }

  /** Whether a running job will create a custom model of this name, and so takes it (rules.modelNameWhileRunning). */
  public reservesModelName(name: string): boolean {
    if (this.rules.modelNameWhileRunning === 'free') return false;
    return [...this.jobs.values()].some((r) => r.request.customModelName === name && isRunning(this.settle(r).status));
  }

  /** Ends an InProgress job now: Completed, its custom model Active. */
  public complete(identifier: string, losses: { readonly trainingLoss?: number; readonly validationLoss?: number } = {}): void {
    this.completeJob(this.running(identifier, 'InProgress'), { status: 'Completed', ...losses }, this.clock.now());
  }

  /** Ends an InProgress job now: Failed in its running phase, or in a later `phase` (the phases before it Completed). */
  public fail(identifier: string, failureMessage: string, phase?: JobPhase): void {
    const record = this.running(identifier, 'InProgress');
    if (phase !== undefined && PHASES.indexOf(phase) < PHASES.indexOf(record.phase)) {
      throw new Error(`Model customization job ${identifier} is past ${phase} (in ${record.phase}): it cannot fail there`);
    }
    this.failJob(record, failureMessage, failingPhase(record, phase ?? record.phase), this.clock.now());
  }

  /** Ends the running stage now (a phase, or Stopping), whatever its plan says. */
  public advance(identifier: string): void {
    const record = this.record(identifier);
    if (!isRunning(record.status)) throw new Error(`Model customization job ${identifier} is ${record.status}: nothing to advance`);
    this.endStage(record, this.clock.now());
    this.settle(record);
  }

  /** Drops a job as if Bedrock had never known it (a test of handlers facing a job that is gone). */
  public forget(identifier: string): void {
    const record = this.record(identifier);
    this.jobs.delete(record.arn);
    this.tags.forget(record.arn);
    this.capacity.release(record.arn, this.clock.now());
  }

  /** What Bedrock checks of a create besides its shape: the models, data, network, key, and that the names are free. */
  private checkRequest(request: CreateModelCustomizationJobRequest): ReturnType<typeof checkJobRequest> {
    const checked = checkJobRequest(this.catalog, this.models, request);
    checkVpcConfig(request.vpcConfig);
    checkKeyOfAccount(this.account, request.customModelKmsKeyId);
    if (this.find(request.jobName!)) throw conflict(`A model customization job named ${request.jobName} already exists.`);
    if (this.models.has(request.customModelName!) || this.reservesModelName(request.customModelName!)) {
      throw conflict(`A custom model named ${request.customModelName} already exists.`);
    }
    return checked;
  }

  private record(identifier: string): JobRecord {
    const record = this.find(identifier);
    if (!record) throw notFound(`The model customization job ${identifier} was not found.`);
    return this.settle(record);
  }

  private find(identifier: string): JobRecord | undefined {
    return this.jobs.get(identifier) ?? [...this.jobs.values()].find((r) => r.request.jobName === identifier);
  }

  private running(identifier: string, status: ModelCustomizationJobStatus): JobRecord {
    const record = this.record(identifier);
    if (record.status !== status) throw new Error(`Model customization job ${identifier} is ${record.status}, not ${status}`);
    return record;
  }

  /** Applies the plan up to now: every stage whose time or polls are up ends, at the moment it ended. */
  private settle(record: JobRecord): JobRecord {
    for (let endedAt = record.timer?.endedAt(); endedAt; endedAt = record.timer?.endedAt()) {
      this.endStage(record, endedAt);
    }
    return record;
  }

  private endStage(record: JobRecord, time: Date): void {
    if (record.status === 'Stopping') {
      this.setPhase(record, record.phase, 'Stopped', time);
      this.end(record, 'Stopped', time);
      this.changed(record, time);
      return;
    }
    const outcome = record.plan.outcome;
    if (outcome.status === 'Failed' && failingPhase(record, outcome.phase ?? 'training') === record.phase) {
      this.failJob(record, outcome.failureMessage, record.phase, time);
      return;
    }
    this.setPhase(record, record.phase, 'Completed', time);
    const next = record.runs[record.runs.indexOf(record.phase) + 1];
    if (next) {
      this.startPhase(record, next, time);
    } else {
      this.completeJob(record, outcome.status === 'Completed' ? outcome : { status: 'Completed' }, time);
    }
  }

  private startPhase(record: JobRecord, phase: JobPhase, time: Date): void {
    record.phase = phase;
    record.phases[phase].creationTime = time;
    this.setPhase(record, phase, 'InProgress', time);
    record.timer = new StageTimer(this.clock, record.plan[phase], time);
  }

  private setPhase(record: JobRecord, phase: JobPhase, status: JobStatusDetails, time: Date): void {
    Object.assign(record.phases[phase], { status, lastModifiedTime: time });
    record.lastModifiedTime = time;
  }

  private completeJob(record: JobRecord, outcome: Extract<JobOutcome, { status: 'Completed' }>, time: Date): void {
    const { request } = record;
    // A running job's name may have been taken meanwhile (only while rules.modelNameWhileRunning is 'free').
    if (this.models.has(request.customModelName!)) {
      this.failJob(record, `A custom model named ${request.customModelName} already exists.`, 'training', time);
      return;
    }
    record.runs.filter((p) => record.phases[p].status !== 'Completed').forEach((p) => {
      record.phases[p].creationTime ??= time;
      this.setPhase(record, p, 'Completed', time);
    });
    // Rounded as the metrics files write them, so that the reported losses are their last rows.
    record.losses = {
      training: roundMetric(outcome.trainingLoss ?? DEFAULT_TRAINING_LOSS),
      validation: roundMetric(outcome.validationLoss ?? DEFAULT_VALIDATION_LOSS),
    };
    this.end(record, 'Completed', time);
    this.writeMetricsFiles(record, time);
    record.outputModelArn = this.models.createFromJob(request.customModelName!, record.baseModel, {
      jobName: request.jobName,
      jobArn: record.arn,
      customizationType: record.customizationType,
      modelKmsKeyArn: request.customModelKmsKeyId,
      hyperParameters: request.hyperParameters,
      trainingDataConfig: request.trainingDataConfig,
      validationDataConfig: request.validationDataConfig,
      outputDataConfig: request.outputDataConfig,
      customizationConfig: request.customizationConfig,
      ...jobMetrics(record),
    }, request.customModelTags, time);
    this.changed(record, time);
  }

  private writeMetricsFiles(record: JobRecord, time: Date): void {
    const { request, losses } = record;
    if (!this.artifacts || !losses || !request.outputDataConfig?.s3Uri) return;
    const files = jobMetricsFiles({
      jobArn: record.arn,
      folderId: this.rules.artifactsFolder === 'jobName' ? request.jobName : undefined,
      outputS3Uri: request.outputDataConfig.s3Uri,
      hyperParameters: request.hyperParameters,
      // A job that writes no validation file is, to the files, one without validators.
      validators: this.rules.validationMetricsFile === 'never' ? 0 : request.validationDataConfig?.validators?.length ?? 0,
      validationKey: this.validationMetricsKey,
      trainingLoss: losses.training,
      validationLoss: losses.validation,
    });
    files.forEach((f) => this.artifacts!.put(f.bucket, f.key, f.body, { contentType: 'text/csv', lastModified: time }));
  }

  private failJob(record: JobRecord, failureMessage: string, phase: JobPhase, time: Date): void {
    // A job fails in one phase: those before it ran to completion (statusDetails never shows two phases at once).
    record.runs.slice(0, record.runs.indexOf(phase)).filter((p) => record.phases[p].status !== 'Completed').forEach((p) => {
      record.phases[p].creationTime ??= time;
      this.setPhase(record, p, 'Completed', time);
    });
    record.phases[phase].creationTime ??= time;
    this.setPhase(record, phase, 'Failed', time);
    record.failureMessage = failureMessage;
    this.end(record, 'Failed', time);
    this.changed(record, time);
  }

  private end(record: JobRecord, status: ModelCustomizationJobStatus, time: Date): void {
    record.status = status;
    record.endTime = time;
    record.lastModifiedTime = time;
    record.timer = undefined;
  }

  /** Reported once the change is complete (a Completed job's model exists). */
  private changed(record: JobRecord, time: Date): void {
    this.statusChanged(jobView(record, this.account), time);
  }
}

/** A job holds its slot until it ends, or until it is asked to stop when a Stopping job holds none. */
function slotEnd(record: JobRecord, rules: CapacityRules): Date | undefined {
  return !rules.stoppingHoldsSlot && record.stoppingTime ? record.stoppingTime : record.endTime;
}

/** Where a failure planned in `phase` happens: there, or in the next phase the job runs (rules.dataProcessing). */
function failingPhase(record: JobRecord, phase: JobPhase): JobPhase {
  return record.runs.find((p) => PHASES.indexOf(p) >= PHASES.indexOf(phase)) ?? 'training';
}

function isRunning(status: ModelCustomizationJobStatus): boolean {
  return status === 'InProgress' || status === 'Stopping';
}
