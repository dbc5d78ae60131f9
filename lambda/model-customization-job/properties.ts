/*
 * Decoding of `Custom::BedrockModelCustomizationJob` properties, and which of
 * them reach Bedrock (a change to those needs a new job).
 */
import { isDeepStrictEqual } from 'util';
import type {
  DistillationValue, InvocationLogsValue, MetadataBaseFilterValue, MetadataFilterValue, ModelCustomizationJobResourceProperties,
  ReinforcementFineTuningValue, ResourceTag, RftHyperParametersValue, VpcConfigProperties,
} from '../../src/private/contract';
import { digestOf } from '../shared/digest';
import {
  boolean, decodeProperties, Fields, integer, list, number, oneOf, optional, PropertyError, string, stringMap, struct,
} from '../shared/properties';

export type JobProperties = ModelCustomizationJobResourceProperties;

const tag = struct<ResourceTag>({ key: string, value: string });
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

/** One decoder per contract field: the compiler keeps this in step with contract.ts. */
const fields: Fields<JobProperties> = {
  jobName: optional(string),
  customModelName: optional(string),
  baseModelIdentifier: string,
  customizationType: oneOf('FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION', 'REINFORCEMENT_FINE_TUNING'),
  roleArn: string,
  trainingDataS3Uri: optional(string),
  invocationLogs: optional(invocationLogs),
  validationDataS3Uris: optional(list(string)),
  outputDataS3Uri: string,
  hyperParameters: optional(stringMap),
  jobTags: optional(list(tag)),
  customModelTags: optional(list(tag)),
  vpcConfig: optional(vpcConfig),
  customModelKmsKeyId: optional(string),
  distillation: optional(distillation),
  reinforcementFineTuning: optional(reinforcementFineTuning),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: optional(integer),
};

const jobProperties = struct(fields);

/** Decodes ResourceProperties (or OldResourceProperties) as CloudFormation sends them. */
export function decodeJobProperties(raw: unknown): JobProperties {
  const props = decodeProperties(jobProperties, raw);
  // The training data are one file or invocation logs, never both or neither.
  if ((props.trainingDataS3Uri === undefined) === (props.invocationLogs === undefined)) {
    throw new PropertyError('trainingDataS3Uri', 'a string, or else invocationLogs (exactly one of them)', props.trainingDataS3Uri);
  }
  return props;
}

/** Only the removal policy, for Delete: a Delete must not fail on an unrelated property. */
export function decodeRemovalPolicy(raw: unknown): JobProperties['removalPolicy'] {
  return decodeProperties(struct({ removalPolicy: fields.removalPolicy }), raw).removalPolicy;
}

/** Settings the handler keeps to itself: changing them updates in place, with no change in Bedrock. */
const LIBRARY_ONLY: ReadonlyArray<keyof JobProperties> = ['removalPolicy', 'completionTimeoutSeconds'];

/** Tags change in place (TagResource and UntagResource): the job stays. */
export const TAG_PROPERTIES: ReadonlyArray<keyof JobProperties> = ['jobTags', 'customModelTags'];

/** The properties that define a job: a change to one of them needs a new job. In contract order. */
const JOB_DEFINING = (Object.keys(fields) as Array<keyof JobProperties>)
  .filter(key => !LIBRARY_ONLY.includes(key) && !TAG_PROPERTIES.includes(key));

/** Bedrock-bound properties (tags included) that differ, in contract order. */
export function changedBedrockProperties(before: JobProperties, after: JobProperties): Array<keyof JobProperties> {
  return [...JOB_DEFINING, ...TAG_PROPERTIES].filter(key => !isDeepStrictEqual(before[key], after[key]));
}

/**
 * A digest of the properties that define a job: the job of a physical id was
 * created from exactly these properties when the digests match, whatever
 * OldResourceProperties says (an update rollback sends the old properties back
 * to the job they created).
 */
export function configurationDigest(props: JobProperties): string {
  return digestOf(Object.fromEntries(JOB_DEFINING.map(key => [key, props[key]])));
}
