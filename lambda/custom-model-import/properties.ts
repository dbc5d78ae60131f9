/*
 * Decoding of `Custom::BedrockCustomModelImport` properties, and the kind
 * they define (which of them reach Bedrock: a change to those needs a new model).
 */
import type { CustomModelImportResourceProperties } from '../../src/contract/kinds/import';
import { Fields, integer, oneOf, optional, string, tagList } from '../shared/properties';
import { ResourceKind } from '../shared/resource-kind';

export type ImportProperties = CustomModelImportResourceProperties;

/** One decoder per contract field: the compiler keeps this in step with src/contract/kinds/import.ts. */
const fields: Fields<ImportProperties> = {
  modelName: optional(string),
  modelSourceS3Uri: string,
  roleArn: string,
  modelKmsKeyArn: optional(string),
  modelTags: optional(tagList),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: integer,
};

/** `Custom::BedrockCustomModelImport`: an imported model cannot change, so what Bedrock sees defines it. */
export const IMPORT = new ResourceKind<ImportProperties>({
  noun: 'custom model',
  shortNoun: 'model',
  arn: /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model\/\S+$/,
  fields,
  tags: ['modelTags'],
  libraryOnly: ['removalPolicy', 'completionTimeoutSeconds'],
  names: ['modelName'],
  queues: true,
});
