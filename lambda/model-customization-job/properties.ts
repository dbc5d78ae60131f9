/*
 * Decoding of `Custom::BedrockModelCustomizationJob` properties, and which of
 * them reach Bedrock (a change to those needs a new job).
 */
import { createHash } from 'crypto';
import { isDeepStrictEqual } from 'util';
import type { ModelCustomizationJobResourceProperties, ResourceTag } from '../../src/private/contract';
import { decodeProperties, Fields, integer, list, oneOf, optional, string, stringMap, struct } from '../shared/properties';

export type JobProperties = ModelCustomizationJobResourceProperties;

const tag = struct<ResourceTag>({ key: string, value: string });

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

/** The properties a job is created from (tags included, for now), in contract order. */
const BEDROCK_BOUND = (Object.keys(fields) as Array<keyof JobProperties>).filter(key => !LIBRARY_ONLY.includes(key));

/** Bedrock-bound properties that differ, in contract order. */
export function changedBedrockProperties(before: JobProperties, after: JobProperties): Array<keyof JobProperties> {
  return BEDROCK_BOUND.filter(key => !isDeepStrictEqual(before[key], after[key]));
}

/**
 * A digest of the Bedrock-bound properties: the job of a physical id was
 * created from exactly these properties when the digests match, whatever
 * OldResourceProperties says (an update rollback sends the old properties back
 * to the job they created).
 */
export function configurationDigest(props: JobProperties): string {
  const bound = Object.fromEntries(BEDROCK_BOUND.map(key => [key, props[key]]));
  return createHash('sha256').update(canonicalJson(bound)).digest('hex').slice(0, DIGEST_LENGTH);
}

export const DIGEST_LENGTH = 16;

/** JSON with object keys sorted and undefined members left out, so that equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
