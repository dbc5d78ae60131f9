/* The local Bedrock emulator for tests (dev-only). */
export { BedrockEmulator } from './emulator';
export type { BedrockEmulatorOptions } from './emulator';
export { createBedrockClient, createBedrockRuntimeClient, emulatorEnvironment } from './client';
export type { EmulatorAddress } from './client';
export type { RecordedCall, RecordedViolation } from './dispatch';
export { FaultInjector } from './faults';
export type { FaultEffect, FaultMatch, FaultRule, InjectedFault } from './faults';
export { ServiceError } from './errors';
export type { ErrorName } from './errors';
export { EmulatedClock } from './clock';
export type { ClockOptions } from './clock';
export type { StageDuration } from './timeline';
export { Capacity, CapacityLimits, DEFAULT_CAPACITY_LIMITS, DEFAULT_CAPACITY_RULES, SERVICE_QUOTA_EXCEEDED_MESSAGE } from './capacity';
export type { CapacityLimitName, CapacityOptions, CapacityRules, CapacityStep, SlotHolder, SlotInterval, SlotOrigin } from './capacity';
export { Jobs } from './jobs';
export { DEFAULT_JOB_PLAN, jobPlanInHours } from './job-record';
export type { JobOutcome, JobPhase, JobPlan } from './job-record';
export type { JobStatusListener } from './jobs';
export { BEDROCK_EVENT_SOURCE, BedrockEvents, JOB_STATE_CHANGE, jobStateChange, shortJobArn } from './events';
export type { EmittedEvent, EventDelivery, EventDropMatch, JobEventArnForm } from './events';
export type { EventBridgeEvent, EventSource } from '../shared/eventbridge-event';
export { CustomModels, DEFAULT_CUSTOM_MODEL_PLAN } from './custom-models';
export type { CustomModelOutcome, CustomModelPlan, CustomModelSeed, SharedModelTagsError } from './custom-models';
export { DEFAULT_DEPLOYMENT_PLAN, Deployments } from './deployments';
export type { DeploymentOutcome, DeploymentPlan, DeploymentUpdateOutcome } from './deployments';
export { defaultOnDemandRules } from './on-demand';
export type { OnDemandRules } from './on-demand';
export { DEFAULT_THROUGHPUT_PLAN, Throughputs } from './throughputs';
export type { ThroughputOutcome, ThroughputPlan, ThroughputRules } from './throughputs';
export { DEFAULT_FOUNDATION_MODELS, FoundationModelCatalog } from './catalog';
export type { FoundationModelEntry } from './catalog';
export { ASSUME_ROLE_FAILURE, IamPropagation } from './iam-propagation';
export { LoggingConfigStore } from './logging-config';
export { TagStore } from './tags';
export { OPERATIONS } from './operations';
export type { OperationName } from './operations';
export { DEFAULT_PAGE_SIZE } from './pagination';
export * from './runtime';
export { createS3Client, S3Emulator } from '../s3';
export type { RecordedS3Call, S3CallerPermissions, S3EmulatorOptions, S3ErrorCode, S3FaultMatch, S3InjectedFault, S3Object, S3Operation } from '../s3';
export {
  DEFAULT_EPOCH_COUNT, DEFAULT_VALIDATION_METRICS_KEY, jobArtifactsFolder, METRIC_DECIMALS, STEPS_PER_EPOCH, TRAINING_LOSS_START,
  TRAINING_METRICS_FILE, TRAINING_METRICS_HEADER, VALIDATION_METRICS_HEADER, VALIDATION_METRICS_KEYS,
} from './job-metrics-files';
export type { ValidationMetricsKey } from './job-metrics-files';
export type { ArtifactStore } from './jobs';
