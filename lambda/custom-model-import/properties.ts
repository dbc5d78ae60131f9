/*
 * Decoding of `Custom::BedrockCustomModelImport` properties, and which of
 * them reach Bedrock (a change to those needs a new model).
 */
import { isDeepStrictEqual } from 'util';
import type { CustomModelImportResourceProperties, ResourceTag } from '../../src/private/contract';
import { digestOf } from '../shared/digest';
import { decodeProperties, Fields, integer, list, oneOf, optional, string, struct } from '../shared/properties';

export type ImportProperties = CustomModelImportResourceProperties;

const tag = struct<ResourceTag>({ key: string, value: string });

/** One decoder per contract field: the compiler keeps this in step with contract.ts. */
const fields: Fields<ImportProperties> = {
  modelName: optional(string),
  modelSourceS3Uri: string,
  roleArn: string,
  modelKmsKeyArn: optional(string),
  modelTags: optional(list(tag)),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: integer,
};

const importProperties = struct(fields);

/** Decodes ResourceProperties (or OldResourceProperties) as CloudFormation sends them. */
export function decodeImportProperties(raw: unknown): ImportProperties {
  return decodeProperties(importProperties, raw);
}

/** Only the removal policy, for Delete: a Delete must not fail on an unrelated property. */
export function decodeImportRemovalPolicy(raw: unknown): ImportProperties['removalPolicy'] {
  return decodeProperties(struct({ removalPolicy: fields.removalPolicy }), raw).removalPolicy;
}

/** Library-only settings and tags change in place; the others define the model. In contract order. */
const MODEL_DEFINING = (Object.keys(fields) as Array<keyof ImportProperties>)
  .filter(key => !['removalPolicy', 'completionTimeoutSeconds', 'modelTags'].includes(key));

/** Model-defining properties that differ, in contract order. */
export function changedModelProperties(before: ImportProperties, after: ImportProperties): Array<keyof ImportProperties> {
  return MODEL_DEFINING.filter(key => !isDeepStrictEqual(before[key], after[key]));
}

/**
 * A digest of the properties that define a model: the model of a physical id
 * was created from exactly these when the digests match (an update rollback
 * sends the old properties back to the model they created).
 */
export function importDigest(props: ImportProperties): string {
  return digestOf(Object.fromEntries(MODEL_DEFINING.map(key => [key, props[key]])));
}
