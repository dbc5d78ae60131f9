/*
 * Decoding of `Custom::BedrockProvisionedThroughput` properties, and the kind
 * they define: which of them reach Bedrock, and how a change to each is made.
 */
import type { ProvisionedThroughputResourceProperties } from '../../src/contract/kinds/throughput';
import { boolean, Fields, integer, oneOf, optional, string, tagList } from '../shared/properties';
import { ResourceKind } from '../shared/resource-kind';

export type ThroughputProperties = ProvisionedThroughputResourceProperties;

/** One decoder per contract field: the compiler keeps this in step with src/contract/kinds/throughput.ts. */
const fields: Fields<ThroughputProperties> = {
  provisionedModelName: optional(string),
  modelId: string,
  modelUnits: integer,
  commitmentDuration: optional(oneOf('OneMonth', 'SixMonths')),
  tags: optional(tagList),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: integer,
  allowReplacementDuringTerm: optional(boolean),
};

/**
 * `Custom::BedrockProvisionedThroughput`. UpdateProvisionedModelThroughput
 * takes only a new name and a new model
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_UpdateProvisionedModelThroughput.html):
 * the model units and the commitment no call changes, so they define the throughput;
 * a model Bedrock cannot swap in place needs a new one too (replacement.ts).
 */
export const THROUGHPUT = new ResourceKind<ThroughputProperties>({
  noun: 'provisioned throughput',
  shortNoun: 'throughput',
  // ProvisionedModelArn (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetProvisionedModelThroughput.html).
  arn: /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:provisioned-model\/[a-z0-9]{12}$/,
  fields,
  tags: ['tags'],
  updatable: ['provisionedModelName', 'modelId'],
  libraryOnly: ['removalPolicy', 'completionTimeoutSeconds', 'allowReplacementDuringTerm'],
  names: ['provisionedModelName'],
});
