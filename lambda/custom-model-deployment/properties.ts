/*
 * Decoding of `Custom::BedrockCustomModelDeployment` properties, and the kind
 * they define: which of them reach Bedrock, and how a change to each is made.
 */
import type { CustomModelDeploymentResourceProperties } from '../../src/contract/kinds/deployment';
import { Fields, integer, oneOf, optional, string, tagList } from '../shared/properties';
import { ResourceKind } from '../shared/resource-kind';

export type DeploymentProperties = CustomModelDeploymentResourceProperties;

/** One decoder per contract field: the compiler keeps this in step with src/contract/kinds/deployment.ts. */
const fields: Fields<DeploymentProperties> = {
  modelDeploymentName: optional(string),
  modelArn: string,
  description: optional(string),
  tags: optional(tagList),
  removalPolicy: oneOf('retain', 'destroy'),
  completionTimeoutSeconds: integer,
};

/**
 * `Custom::BedrockCustomModelDeployment`. UpdateCustomModelDeployment takes
 * only a new modelArn (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_UpdateCustomModelDeployment.html):
 * the name and description no call changes, so they define the deployment.
 */
export const DEPLOYMENT = new ResourceKind<DeploymentProperties>({
  noun: 'custom model deployment',
  shortNoun: 'deployment',
  // CustomModelDeploymentArn (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetCustomModelDeployment.html).
  arn: /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model-deployment\/[a-z0-9]{12}$/,
  fields,
  tags: ['tags'],
  updatable: ['modelArn'],
  libraryOnly: ['removalPolicy', 'completionTimeoutSeconds'],
  names: ['modelDeploymentName'],
});
