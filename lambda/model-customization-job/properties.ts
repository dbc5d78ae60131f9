/*
 * Decoding of `Custom::BedrockModelCustomizationJob` properties, and which of
 * them reach Bedrock (a change to those needs a new job).
 */
import { isDeepStrictEqual } from 'util';
import type { ModelCustomizationJobResourceProperties, ResourceTag, VpcConfigProperties } from '../../src/private/contract';
import { digestOf } from '../shared/digest';
import { decodeProperties, Fields, integer, list, oneOf, optional, string, stringMap, struct } from '../shared/properties';

export type JobProperties = ModelCustomizationJobResourceProperties;

const tag = struct<ResourceTag>({ key: string, value: string });
const vpcConfig = struct<VpcConfigProperties>({ subnetIds: list(string), securityGroupIds: list(string) });

/** One decoder per contract field: the compiler keeps this in step with contract.ts. */
const fields: Fields<JobProperties> = {
  jobName: optional(string),
  customModelName: optional(string),
  baseModelIdentifier: string,
  customizationType: oneOf('FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION', 'REINFORCEMENT_FINE_TUNING'),
  roleArn: string,
  trainingDataS3Uri: string,
  validationDataS3Uris: optional(list(string)),
  outputDataS3Uri: string,
  hyperParameters: optional(stringMap),
  jobTags: optional(list(tag)),
  customModelTags: optional(list(tag)),
  vpcConfig: optional(vpcConfig),
  customModelKmsKeyId: optional(string),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: optional(integer),
};

const jobProperties = struct(fields);

/** Decodes ResourceProperties (or OldResourceProperties) as CloudFormation sends them. */
export function decodeJobProperties(raw: unknown): JobProperties {
  return decodeProperties(jobProperties, raw);
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
