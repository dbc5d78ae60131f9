import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customModelArns, foundationModelArn } from './arns';
import { BedrockProvider } from './provider-base';

/** Every provisioned throughput of the stack's account and region (their ARNs end in an id Bedrock generates). */
export function provisionedModelArns(scope: Construct): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', resource: 'provisioned-model', resourceName: '*' });
}

/**
 * The custom resource provider of every provisioned throughput in a stack (one per stack).
 */
export class ProvisionedThroughputProvider extends BedrockProvider {
  public static readonly KIND = 'throughput';

  constructor(scope: Construct, id: string) {
    const throughputArns = provisionedModelArns(scope);
    super(scope, id, ProvisionedThroughputProvider.KIND, {
      roleDescription: 'Calls Amazon Bedrock for the provisioned throughputs of this stack',
      onEventDescription: 'Creates, updates and deletes Amazon Bedrock provisioned throughputs',
      isCompleteDescription: 'Waits for Amazon Bedrock provisioned throughputs (and their updates) to be InService',
      taggedArns: [throughputArns],
    });
    // Create and Update act on a throughput and name the model it serves: a custom model of this account
    // or a foundation model of this region (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    this.allow({
      actions: ['bedrock:CreateProvisionedModelThroughput', 'bedrock:UpdateProvisionedModelThroughput'],
      resources: [throughputArns, customModelArns(scope), foundationModelArn(scope, '*')],
    });
    this.allow({
      actions: ['bedrock:GetProvisionedModelThroughput', 'bedrock:DeleteProvisionedModelThroughput'],
      resources: [throughputArns],
    });
    // A new model's base tells whether Bedrock swaps it in place; GetCustomModel acts on the custom model
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    this.allow({ actions: ['bedrock:GetCustomModel'], resources: [customModelArns(scope)] });
  }
}
