/*
 * What the emulator holds for a model customization job, its plan, and how
 * the job shows in GetModelCustomizationJob and ListModelCustomizationJobs.
 */
import type {
  CreateModelCustomizationJobRequest,
  CustomizationType,
  GetModelCustomizationJobResponse,
  JobStatusDetails,
  ModelCustomizationJobStatus,
  ModelCustomizationJobSummary,
  StatusDetails,
} from '@aws-sdk/client-bedrock';
import { Account, kmsKeyArn } from '../../arns';
import { FoundationModelEntry } from '../../catalog';
import { Chronological } from '../../pagination';
import { StageDuration, StageTimer } from '../../timeline';

/** The phases of statusDetails, in the order they run. */
export type JobPhase = 'validation' | 'dataProcessing' | 'training';

export const PHASES: readonly JobPhase[] = ['validation', 'dataProcessing', 'training'];

export type JobOutcome =
  | { readonly status: 'Completed'; readonly trainingLoss?: number; readonly validationLoss?: number }
  /** `phase` is where it fails; default training. */
  | { readonly status: 'Failed'; readonly failureMessage: string; readonly phase?: JobPhase };

/** How a job runs: the length of each phase, of Stopping, and how it ends. */
export interface JobPlan {
  readonly validation?: StageDuration;
  readonly dataProcessing?: StageDuration;
  readonly training?: StageDuration;
  readonly stopping?: StageDuration;
  readonly outcome?: JobOutcome;
}

/** One poll per phase: the third GetModelCustomizationJob shows Completed; one more after Stop shows Stopped. */
export const DEFAULT_JOB_PLAN: Required<JobPlan> = {
  validation: { polls: 1 },
  dataProcessing: { polls: 1 },
  training: { polls: 1 },
  stopping: { polls: 1 },
  outcome: { status: 'Completed' },
};

/**
 * A job that takes `hours` of emulated time, polled or not: validation 5%,
 * data processing 15%, training the rest (whole seconds); Stopping takes a
 * minute. A failing `outcome` ends its phase (training by default) when that
 * phase would have ended.
 */
export function jobPlanInHours(hours: number, outcome?: JobOutcome): Required<Omit<JobPlan, 'outcome'>> & JobPlan {
  if (!(hours > 0) || !Number.isFinite(hours)) throw new Error(`A job plan needs a positive number of hours (got ${hours})`);
  const total = Math.round(hours * 3600);
  const validation = Math.round(total * 0.05);
  const dataProcessing = Math.round(total * 0.15);
  return {
    validation: { seconds: validation },
    dataProcessing: { seconds: dataProcessing },
    training: { seconds: total - validation - dataProcessing },
    stopping: { seconds: 60 },
    ...(outcome ? { outcome } : {}),
  };
}

export const DEFAULT_TRAINING_LOSS = 0.1234;
export const DEFAULT_VALIDATION_LOSS = 0.2345;

export interface PhaseState {
  status: JobStatusDetails;
  creationTime?: Date;
  lastModifiedTime?: Date;
}

export interface JobRecord extends Chronological {
  readonly arn: string;
  readonly request: CreateModelCustomizationJobRequest;
  readonly baseModel: FoundationModelEntry;
  readonly baseModelArn: string;
  readonly customizationType: CustomizationType;
  /** The phases the job runs, in order (JobRules.dataProcessing); statusDetails shows these only. */
  readonly runs: readonly JobPhase[];
  plan: Required<JobPlan>;
  status: ModelCustomizationJobStatus;
  readonly phases: Record<JobPhase, PhaseState>;
  /** The phase that runs, or ran when the job stopped or failed. */
  phase: JobPhase;
  /** The running stage (a phase, or Stopping). */
  timer?: StageTimer;
  lastModifiedTime: Date;
  /** When StopModelCustomizationJob made it Stopping. */
  stoppingTime?: Date;
  endTime?: Date;
  failureMessage?: string;
  losses?: { readonly training: number; readonly validation: number };
  outputModelArn?: string;
}

/** The metrics of a completed job: one validation loss per validator. */
export function jobMetrics(record: JobRecord): Pick<GetModelCustomizationJobResponse, 'trainingMetrics' | 'validationMetrics'> {
  const { losses } = record;
  if (!losses) return {};
  const validators = record.request.validationDataConfig?.validators ?? [];
  return {
    trainingMetrics: { trainingLoss: losses.training },
    validationMetrics: validators.map(() => ({ validationLoss: losses.validation })),
  };
}

export function jobView(record: JobRecord, account: Account): GetModelCustomizationJobResponse {
  const { request } = record;
  return {
    jobArn: record.arn,
    jobName: request.jobName,
    outputModelName: request.customModelName,
    outputModelArn: record.outputModelArn,
    clientRequestToken: request.clientRequestToken,
    roleArn: request.roleArn,
    status: record.status,
    statusDetails: statusDetails(record),
    failureMessage: record.failureMessage,
    creationTime: record.creationTime,
    lastModifiedTime: record.lastModifiedTime,
    endTime: record.endTime,
    baseModelArn: record.baseModelArn,
    hyperParameters: request.hyperParameters,
    trainingDataConfig: request.trainingDataConfig,
    // Required in the response: a job without validation data shows an empty list.
    validationDataConfig: request.validationDataConfig ?? { validators: [] },
    outputDataConfig: request.outputDataConfig,
    customizationType: record.customizationType,
    outputModelKmsKeyArn: kmsKeyArn(account, request.customModelKmsKeyId),
    vpcConfig: request.vpcConfig,
    customizationConfig: request.customizationConfig,
    ...jobMetrics(record),
  };
}

export function jobSummary(record: JobRecord): ModelCustomizationJobSummary {
  return {
    jobArn: record.arn,
    baseModelArn: record.baseModelArn,
    jobName: record.request.jobName,
    status: record.status,
    statusDetails: statusDetails(record),
    lastModifiedTime: record.lastModifiedTime,
    creationTime: record.creationTime,
    endTime: record.endTime,
    customModelArn: record.outputModelArn,
    customModelName: record.request.customModelName,
    customizationType: record.customizationType,
  };
}

function statusDetails(record: JobRecord): StatusDetails {
  const details = (phase: JobPhase) => ({ ...record.phases[phase] });
  return {
    validationDetails: details('validation'),
    ...(record.runs.includes('dataProcessing') ? { dataProcessingDetails: details('dataProcessing') } : {}),
    trainingDetails: details('training'),
  };
}
