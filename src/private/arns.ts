import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Every model customization job of the stack's account and region (job ARNs end in a service-generated id). */
export function customizationJobArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', resource: 'model-customization-job', resourceName: '*' });
}

/** Every custom model of the stack's account and region (model ARNs end in a service-generated id). */
export function customModelArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', resource: 'custom-model', resourceName: '*' });
}
