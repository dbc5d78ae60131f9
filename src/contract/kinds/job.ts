/*
 * The properties contract of `Custom::BedrockModelCustomizationJob` (see common.ts).
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import { CONDITION_WAIT_PROPERTIES } from '../common';
import type { ResourceTag, BedrockRemovalPolicy, ConditionWaitProperties, VpcConfigProperties } from '../common';
import type { RequestProp, ResourceKindEntry } from '../kind';

export type { VpcConfigProperties } from '../common';

/**
 * The customization types of CreateModelCustomizationJob (the API's
 * CustomizationType but IMPORTED, which no job makes): the one list the
 * handlers and the constructs read. The jsii enum `CustomizationType`
 * restates the API's, as jsii needs; a test holds both to the API model.
 */
export const CUSTOMIZATION_TYPES = ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION', 'REINFORCEMENT_FINE_TUNING'] as const;

export type CustomizationTypeValue = (typeof CUSTOMIZATION_TYPES)[number];

/**
 * The types a foundation model lists in customizationsSupported (the API's
 * ModelCustomization): reinforcement fine-tuning is not one, so the list says nothing about it.
 */
export const LISTED_CUSTOMIZATION_TYPES: readonly CustomizationTypeValue[] = CUSTOMIZATION_TYPES.filter((t) => t !== 'REINFORCEMENT_FINE_TUNING');

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
export interface ModelCustomizationJobResourceProperties extends ConditionWaitProperties {
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

/** The request whose constraints the job's props must meet. */
export const JOB_REQUEST = 'CreateModelCustomizationJobRequest';

/**
 * Where each prop lands in the request: the table that synth-time validation
 * and its coverage test both read. Keys are prop names as users know them.
 */
export const JOB_PROP_PATHS = {
  'jobName': 'jobName',
  'customModelName': 'customModelName',
  'baseModel': 'baseModelIdentifier',
  'customization': 'customizationType',
  // Customization.distillation and Customization.reinforcementFineTuning.
  'customization.teacherModel': 'customizationConfig.distillationConfig.teacherModelConfig.teacherModelIdentifier',
  'customization.maxResponseLength': 'customizationConfig.distillationConfig.teacherModelConfig.maxResponseLengthForInference',
  'customization.grader': 'customizationConfig.rftConfig.graderConfig.lambdaGrader.lambdaArn',
  // The hyperparameters, and through them each one.
  'customization.hyperParameters': 'customizationConfig.rftConfig.hyperParameters',
  'customization.hyperParameters.epochCount': 'customizationConfig.rftConfig.hyperParameters.epochCount',
  'customization.hyperParameters.batchSize': 'customizationConfig.rftConfig.hyperParameters.batchSize',
  'customization.hyperParameters.learningRate': 'customizationConfig.rftConfig.hyperParameters.learningRate',
  'customization.hyperParameters.maxPromptLength': 'customizationConfig.rftConfig.hyperParameters.maxPromptLength',
  'customization.hyperParameters.trainingSamplePerPrompt': 'customizationConfig.rftConfig.hyperParameters.trainingSamplePerPrompt',
  'customization.hyperParameters.inferenceMaxTokens': 'customizationConfig.rftConfig.hyperParameters.inferenceMaxTokens',
  'customization.hyperParameters.reasoningEffort': 'customizationConfig.rftConfig.hyperParameters.reasoningEffort',
  'customization.hyperParameters.evalInterval': 'customizationConfig.rftConfig.hyperParameters.evalInterval',
  'role': 'roleArn',
  'trainingData': 'trainingDataConfig.s3Uri',
  // TrainingData.fromInvocationLogs: the prefix, and the filter with, through it, each of its maps and lists.
  'trainingData.invocationLogs': 'trainingDataConfig.invocationLogsConfig.invocationLogSource.s3Uri',
  'trainingData.filter': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters',
  'trainingData.filter.equals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals',
  'trainingData.filter.equals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals{key}',
  'trainingData.filter.equals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals{}',
  'trainingData.filter.notEquals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.notEquals',
  'trainingData.filter.notEquals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.notEquals{key}',
  'trainingData.filter.notEquals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.notEquals{}',
  'trainingData.filter.andAll': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll',
  'trainingData.filter.andAll[].equals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].equals',
  'trainingData.filter.andAll[].equals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].equals{key}',
  'trainingData.filter.andAll[].equals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].equals{}',
  'trainingData.filter.andAll[].notEquals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].notEquals',
  'trainingData.filter.andAll[].notEquals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].notEquals{key}',
  'trainingData.filter.andAll[].notEquals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].notEquals{}',
  'trainingData.filter.orAll': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll',
  'trainingData.filter.orAll[].equals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].equals',
  'trainingData.filter.orAll[].equals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].equals{key}',
  'trainingData.filter.orAll[].equals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].equals{}',
  'trainingData.filter.orAll[].notEquals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].notEquals',
  'trainingData.filter.orAll[].notEquals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].notEquals{key}',
  'trainingData.filter.orAll[].notEquals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].notEquals{}',
  'validationData': 'validationDataConfig.validators',
  'validationData[]': 'validationDataConfig.validators[].s3Uri',
  'outputData': 'outputDataConfig.s3Uri',
  'hyperParameters': 'hyperParameters',
  'jobTags': 'jobTags',
  'jobTags.key': 'jobTags[].key',
  'jobTags.value': 'jobTags[].value',
  'customModelTags': 'customModelTags',
  'customModelTags.key': 'customModelTags[].key',
  'customModelTags.value': 'customModelTags[].value',
  'vpcSubnets': 'vpcConfig.subnetIds',
  'vpcSubnets[]': 'vpcConfig.subnetIds[]',
  'securityGroups': 'vpcConfig.securityGroupIds',
  'securityGroups[]': 'vpcConfig.securityGroupIds[]',
  'customModelEncryptionKey': 'customModelKmsKeyId',
} as const;

/** The detail-type of the events Bedrock sends when a customization job changes status (one spelling for every side). */
export const JOB_STATE_CHANGE = 'Model Customization Job State Change';

/** The kind's descriptor (see ../kind.ts). */
export const JOB_KIND = {
  resourceType: 'Custom::BedrockModelCustomizationJob',
  providerId: 'BedrockModelCustomizationJobProvider',
  onEvent: 'jobOnEvent',
  isComplete: 'jobIsComplete',
  describe: {
    role: 'Calls Amazon Bedrock for the model customization jobs of this stack',
    onEvent: 'Creates, updates and deletes Amazon Bedrock model customization jobs',
    isComplete: 'Waits for Amazon Bedrock model customization jobs to start and to end',
    watcher: 'Starts the model customization jobs of this stack that wait for a free Bedrock slot, and signals the wait '
      + 'conditions of its jobs when they end (invoked by EventBridge)',
  },
  // Delete waits up to 10 minutes for a stopping job to stop.
  handlerTimeoutMinutes: 15,
  tags: ['custom-model', 'model-customization-job'],
  grants: [
    { operations: ['GetModelCustomizationJob', 'StopModelCustomizationJob'], on: ['model-customization-job'] },
    { operations: ['DeleteCustomModel'], on: ['custom-model'] },
    // A model's tags wanted while its job ran are read once it exists, which any later Tags.of() change can need
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html: it takes custom-model).
    { operations: ['ListTagsForResource'], on: ['custom-model'] },
    // A job that gets no slot in time fails naming the jobs that hold the slots. A list acts on no resource type (same page).
    { operations: ['ListModelCustomizationJobs'], on: ['*'] },
    // A create names its base model (each job adds its own), the custom model it makes and the job.
    { operations: ['CreateModelCustomizationJob'], on: ['custom-model', 'model-customization-job'], onUse: 'create' },
    // The check before a create that a foundation base model supports the customization (each job adds its model).
    { operations: ['GetFoundationModel'], on: [], onUse: 'baseModelCheck' },
  ],
  queue: { watcher: 'jobWatcher', events: JOB_STATE_CHANGE },
  conditionWait: { result: 'jobResult' },
  notDefining: [
    'jobTags', 'customModelTags', 'removalPolicy', 'completionTimeoutSeconds', ...CONDITION_WAIT_PROPERTIES,
  ] satisfies Array<keyof ModelCustomizationJobResourceProperties>,
  requests: [{
    shape: JOB_REQUEST,
    // The job checks its props itself (job-validation.ts): its data locations and filters need more than a path.
    // Pure: the handlers bundle this file for its lists, not for the table.
    props: /* @__PURE__ */ Object.fromEntries(
      /* @__PURE__ */ Object.entries(JOB_PROP_PATHS).map(([prop, path]) => [prop, { path } satisfies RequestProp]),
    ),
  }],
} as const satisfies ResourceKindEntry;
