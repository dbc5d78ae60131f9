/*
 * Decoding of `Custom::BedrockNovaModelImport` properties, and the kind
 * they define (which of them reach Bedrock: a change to those needs a new model).
 */
import type { NovaModelImportResourceProperties } from '../../src/contract/kinds/nova-import';
import { Fields, integer, oneOf, optional, string, tagList } from '../shared/properties';
import { ResourceKind } from '../shared/resource-kind';

export type ImportProperties = NovaModelImportResourceProperties;

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

/** `Custom::BedrockNovaModelImport`: an imported model cannot change, so what Bedrock sees defines it. */
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
