/* The ARN of a custom model deployment. */
import { Account, ArnForm, newArn } from '../../arns';

export const DEPLOYMENT_ARN: ArnForm<readonly []> = {
  resourceType: 'custom-model-deployment',
  shapes: ['CustomModelDeploymentIdentifier', 'TaggableResourcesArn'],
  samplePath: [],
};

export function customModelDeploymentArn(account: Account): string {
  return newArn(account, DEPLOYMENT_ARN);
}
