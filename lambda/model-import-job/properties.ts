/*
 * Decoding of `Custom::BedrockModelImportJob` properties, and the kind they
 * define (which of them reach Bedrock: a change to those needs a new job and
 * with it a new imported model).
 */
import { CONDITION_WAIT_PROPERTIES } from '../../src/contract/common';
import type { VpcConfigProperties } from '../../src/contract/common';
import type { ModelImportJobResourceProperties } from '../../src/contract/kinds/model-import';
import { conditionWaitFields } from '../shared/condition-wait';
import { Fields, integer, list, oneOf, optional, string, struct, tagList } from '../shared/properties';
import { ResourceKind } from '../shared/resource-kind';

export type ModelImportProperties = ModelImportJobResourceProperties;

const vpcConfig = struct<VpcConfigProperties>({ subnetIds: list(string), securityGroupIds: list(string) });

/** One decoder per contract field: the compiler keeps this in step with src/contract/kinds/model-import.ts. */
const fields: Fields<ModelImportProperties> = {
  jobName: optional(string),
  importedModelName: optional(string),
  roleArn: string,
  modelDataS3Uri: string,
  jobTags: optional(tagList),
  importedModelTags: optional(tagList),
  vpcConfig: optional(vpcConfig),
  importedModelKmsKeyArn: optional(string),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: optional(integer),
  ...conditionWaitFields,
};

/**
 * `Custom::BedrockModelImportJob`: a job cannot change once submitted, so
 * what Bedrock sees defines it. Its physical id holds the job's ARN
 * (the ModelImportJobArn pattern of
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelImportJob.html).
 * A create Bedrock refuses for capacity (one import job at a time) waits in
 * the stack's queue.
 */
export const MODEL_IMPORT = new ResourceKind<ModelImportProperties>({
  noun: 'model import job',
  shortNoun: 'import job',
  arn: /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-import-job\/[a-z0-9]{12}$/,
  fields,
  tags: ['jobTags', 'importedModelTags'],
  libraryOnly: ['removalPolicy', 'completionTimeoutSeconds', ...CONDITION_WAIT_PROPERTIES],
  names: ['jobName', 'importedModelName'],
  queues: true,
});
