import { CustomModelDeploymentResourceProperties } from './contract/deployment';
import { checkValue } from './validation';

/** The request whose constraints the deployment's props must meet. */
export const DEPLOYMENT_REQUEST = 'CreateCustomModelDeploymentRequest';

/** Where each prop lands in the request: read by synth-time validation and its coverage test. */
export const DEPLOYMENT_PROP_PATHS = {
  'deploymentName': 'modelDeploymentName',
  'model': 'modelArn',
  'description': 'description',
  'tags': 'tags',
  'tags.key': 'tags[].key',
  'tags.value': 'tags[].value',
} as const;

export type DeploymentProp = keyof typeof DEPLOYMENT_PROP_PATHS;

/** What is wrong with the request the deployment will send (the tags aside: ResourceTags checks them). */
export function validateDeploymentRequest(p: Omit<CustomModelDeploymentResourceProperties, 'removalPolicy'>): string[] {
  const errors: string[] = [];
  const check = (prop: DeploymentProp, value: unknown, label: string = prop) =>
    errors.push(...checkValue(DEPLOYMENT_REQUEST, DEPLOYMENT_PROP_PATHS[prop], value, label));
  check('deploymentName', p.modelDeploymentName);
  check('model', p.modelArn, 'model (its ARN)');
  check('description', p.description);
  return errors;
}
