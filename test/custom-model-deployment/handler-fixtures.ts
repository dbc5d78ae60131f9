/*
 * The custom model deployment's properties and ids, as CloudFormation sends
 * them to its handlers (see ../lambda/fixtures.ts for the events).
 */
import { DEPLOYMENT } from '../../lambda/custom-model-deployment/properties';
import { MODEL_ARN, RawProperties, seededPhysicalId, SERVICE_TOKEN } from '../lambda/fixtures';

export const DEPLOYMENT_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abcdefghijkl';
export const DEPLOYMENT_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/mnopqrstuvwx';

/** Deployment properties the way CloudFormation sends them (the timeout as a string). */
export function deploymentProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    modelArn: MODEL_ARN,
    description: 'Support answers',
    tags: [{ key: 'team', value: 'support' }],
    removalPolicy: 'retain',
    completionTimeoutSeconds: '1800',
    ...overrides,
  };
}

/** The physical id of a deployment created from `props` (see seededPhysicalId). */
export function deploymentPhysicalId(props: RawProperties = deploymentProperties(), pending = false, arn = DEPLOYMENT_ARN): string {
  return seededPhysicalId(DEPLOYMENT, arn, props, pending);
}
