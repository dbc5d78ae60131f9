/*
 * Decoding of `Custom::BedrockModelCustomizationJob` properties, and the kind
 * they define (which of them reach Bedrock: a change to those needs a new job).
 */
import { CONDITION_WAIT_PROPERTIES } from '../../src/contract/common';
import { CUSTOMIZATION_TYPES } from '../../src/contract/kinds/job';
import type { DistillationValue, InvocationLogsValue, MetadataBaseFilterValue, MetadataFilterValue, ModelCustomizationJobResourceProperties, ReinforcementFineTuningValue, RftHyperParametersValue, VpcConfigProperties } from '../../src/contract/kinds/job';
import { conditionWaitFields } from '../shared/condition-wait';
import { boolean, Fields, integer, list, number, oneOf, optional, PropertyError, string, stringMap, struct, tagList } from '../shared/properties';
import { ResourceKind } from '../shared/resource-kind';

export type JobProperties = ModelCustomizationJobResourceProperties;

const vpcConfig = struct<VpcConfigProperties>({ subnetIds: list(string), securityGroupIds: list(string) });

const condition: Fields<MetadataBaseFilterValue> = { equals: optional(stringMap), notEquals: optional(stringMap) };
const metadataFilter = struct<MetadataFilterValue>({
  ...condition,
  andAll: optional(list(struct(condition))),
  orAll: optional(list(struct(condition))),
});

const invocationLogs = struct<InvocationLogsValue>({
  s3Uri: string,
  usePromptResponse: optional(boolean),
  requestMetadataFilters: optional(metadataFilter),
});

const distillation = struct<DistillationValue>({
  teacherModelIdentifier: string,
  maxResponseLengthForInference: optional(integer),
});

const rftHyperParameters = struct<RftHyperParametersValue>({
  epochCount: optional(integer),
  batchSize: optional(integer),
  learningRate: optional(number),
  maxPromptLength: optional(integer),
  trainingSamplePerPrompt: optional(integer),
  inferenceMaxTokens: optional(integer),
  reasoningEffort: optional(oneOf('low', 'medium', 'high')),
  evalInterval: optional(integer),
});

const reinforcementFineTuning = struct<ReinforcementFineTuningValue>({
  graderLambdaArn: string,
  hyperParameters: optional(rftHyperParameters),
});

/** One decoder per contract field: the compiler keeps this in step with src/contract/kinds/job.ts. */
const fields: Fields<JobProperties> = {
  jobName: optional(string),
  customModelName: optional(string),
  baseModelIdentifier: string,
  customizationType: oneOf(...CUSTOMIZATION_TYPES),
  roleArn: string,
  trainingDataS3Uri: optional(string),
  invocationLogs: optional(invocationLogs),
  validationDataS3Uris: optional(list(string)),
  outputDataS3Uri: string,
  hyperParameters: optional(stringMap),
  jobTags: optional(tagList),
  customModelTags: optional(tagList),
  vpcConfig: optional(vpcConfig),
  customModelKmsKeyId: optional(string),
  distillation: optional(distillation),
  reinforcementFineTuning: optional(reinforcementFineTuning),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: optional(integer),
  ...conditionWaitFields,
};

/** `Custom::BedrockModelCustomizationJob`: a job cannot change once started, so what Bedrock sees defines it. */
export const JOB = new ResourceKind<JobProperties>({
  noun: 'model customization job',
  shortNoun: 'job',
  arn: /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-customization-job\/\S+$/,
  fields,
  tags: ['jobTags', 'customModelTags'],
  libraryOnly: ['removalPolicy', 'completionTimeoutSeconds', ...CONDITION_WAIT_PROPERTIES],
  queues: true,
  names: ['jobName', 'customModelName'],
  check: (props) => {
    // The training data are one file or invocation logs, never both or neither.
    if ((props.trainingDataS3Uri === undefined) === (props.invocationLogs === undefined)) {
      throw new PropertyError('trainingDataS3Uri', 'a string, or else invocationLogs (exactly one of them)', props.trainingDataS3Uri);
    }
  },
});
