/*
 * The properties contract of `Custom::BedrockModelCustomizationJob` (see common.ts).
 * Imports types only: no runtime code crosses between src/ and lambda/.
 */
import type { ResourceTag, BedrockRemovalPolicy } from './common';

/** The VPC a job runs in, as the Bedrock API takes it. */
export interface VpcConfigProperties {
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

/** The customization types of CreateModelCustomizationJob. */
export type CustomizationTypeValue =
  | 'FINE_TUNING'
  | 'CONTINUED_PRE_TRAINING'
  | 'DISTILLATION'
  | 'REINFORCEMENT_FINE_TUNING';

/** One request-metadata condition: equals or notEquals, each with one key. */
export interface MetadataBaseFilterValue {
  readonly equals?: Record<string, string>;
  readonly notEquals?: Record<string, string>;
}

/** Which logged invocations to use: one condition, or andAll / orAll over conditions (the API's filters are flat). */
export interface MetadataFilterValue extends MetadataBaseFilterValue {
  readonly andAll?: MetadataBaseFilterValue[];
  readonly orAll?: MetadataBaseFilterValue[];
}

/** Training data from Bedrock model invocation logs in S3. */
export interface InvocationLogsValue {
  /** The prefix the logs are under: `s3://<bucket>/<prefix>`. */
  readonly s3Uri: string;
  readonly usePromptResponse?: boolean;
  readonly requestMetadataFilters?: MetadataFilterValue;
}

/** The distillation settings (DISTILLATION). */
export interface DistillationValue {
  readonly teacherModelIdentifier: string;
  readonly maxResponseLengthForInference?: number;
}

/** RFTHyperParameters of the API. */
export interface RftHyperParametersValue {
  readonly epochCount?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly maxPromptLength?: number;
  readonly trainingSamplePerPrompt?: number;
  readonly inferenceMaxTokens?: number;
  readonly reasoningEffort?: 'low' | 'medium' | 'high';
  readonly evalInterval?: number;
}

/** The reinforcement fine-tuning settings (REINFORCEMENT_FINE_TUNING). */
export interface ReinforcementFineTuningValue {
  readonly graderLambdaArn: string;
  readonly hyperParameters?: RftHyperParametersValue;
}

/** Properties of the `Custom::BedrockModelCustomizationJob` resource. */
export interface ModelCustomizationJobResourceProperties {
  /** Omitted: the handler generates one per RequestId. */
  readonly jobName?: string;
  /** Omitted: the handler generates one per RequestId. */
  readonly customModelName?: string;
  readonly baseModelIdentifier: string;
  readonly customizationType: CustomizationTypeValue;
  readonly roleArn: string;
  /** Omitted when the training data are invocation logs. */
  readonly trainingDataS3Uri?: string;
  /** Training data from invocation logs, instead of trainingDataS3Uri. */
  readonly invocationLogs?: InvocationLogsValue;
  readonly validationDataS3Uris?: string[];
  readonly outputDataS3Uri: string;
  readonly hyperParameters?: Record<string, string>;
  readonly jobTags?: ResourceTag[];
  readonly customModelTags?: ResourceTag[];
  /** Omitted: the job runs outside any VPC of the account. */
  readonly vpcConfig?: VpcConfigProperties;
  /** Omitted: Bedrock encrypts the custom model with a key that AWS owns. */
  readonly customModelKmsKeyId?: string;
  readonly distillation?: DistillationValue;
  readonly reinforcementFineTuning?: ReinforcementFineTuningValue;

  // Library-only settings below: they never reach Bedrock and update in place.

  /** Whether Delete removes the output custom model. */
  readonly removalPolicy: BedrockRemovalPolicy;
  /**
   * Omitted: the resource completes once Bedrock accepts the job. Set: it
   * completes when the job does, failing after this many seconds.
   */
  readonly completionTimeoutSeconds?: number;
  /**
   * Set when a wait condition waits for the job: the wait's generation, a
   * digest of what the template shows of the job. A replacement that keeps
   * it cannot be waited for (the condition has waited already), so the
   * handler refuses it before any new job starts.
   */
  readonly waitGeneration?: string;
  /**
   * Set when a wait condition waits for the job: the URL of its handle, which
   * the stack's watcher signals when the job ends (the job may first wait for
   * a free Bedrock slot).
   */
  readonly waitHandleUrl?: string;
  /** With waitHandleUrl: how long the condition waits for the job, queueing included (completionTimeout). */
  readonly waitSeconds?: number;
}

/** The `Data` a job resource returns (read with `Fn::GetAtt`). */
export interface ModelCustomizationJobResourceAttributes {
  readonly JobArn: string;
  readonly JobName: string;
  readonly CustomModelName: string;
}

/**
 * The `Data` a waited-for job resource adds once the job has completed. A
 * metric the job does not report is an empty string, so that `Fn::GetAtt`
 * never fails on it.
 */
export interface CompletedJobResourceAttributes {
  readonly OutputModelArn: string;
  readonly TrainingLoss: string;
  /** One per validator, in the order of `validationDataS3Uris`. */
  readonly [validationLoss: `ValidationLoss${number}`]: string;
}

/** The name of the attribute that holds the validation loss of one validator. */
export type ValidationLossAttribute = `ValidationLoss${number}`;
