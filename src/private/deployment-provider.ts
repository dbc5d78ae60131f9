import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customModelArns } from './arns';
import { BedrockProvider } from './provider-base';

/** Every custom model deployment of the stack's account and region (their ARNs end in an id Bedrock generates). */
export function customModelDeploymentArns(scope: Construct): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', resource: 'custom-model-deployment', resourceName: '*' });
}

/**
 * The custom resource provider of every custom model deployment in a stack (one per stack).
 */
export class CustomModelDeploymentProvider extends BedrockProvider {
  public static readonly KIND = 'deployment';

  constructor(scope: Construct, id: string) {
    const deploymentArns = customModelDeploymentArns(scope);
    super(scope, id, CustomModelDeploymentProvider.KIND, {
      roleDescription: 'Calls Amazon Bedrock for the custom model deployments of this stack',
      onEventDescription: 'Creates, updates and deletes Amazon Bedrock custom model deployments',
      isCompleteDescription: 'Waits for Amazon Bedrock custom model deployments (and their updates) to be Active',
      taggedArns: [deploymentArns],
    });
    // Create and Update act on a deployment and name the custom model it serves: both, in this account and region
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    this.allow({
      actions: ['bedrock:CreateCustomModelDeployment', 'bedrock:UpdateCustomModelDeployment'],
      resources: [deploymentArns, customModelArns(scope)],
    });
    this.allow({
      actions: ['bedrock:GetCustomModelDeployment', 'bedrock:DeleteCustomModelDeployment'],
      resources: [deploymentArns],
    });
  }
}
