/*
 * Stacks with one NovaModelImport, for the lifecycle tests.
 */
import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { ModelSource, NovaModelImport, NovaModelImportProps } from '../../src';
import { newStack, synthesize } from '../lifecycle/harness';

export const SOURCE = 's3://sagemaker-us-east-1-123456789012/nova/output/model/';

export function importStack(overrides: Partial<NovaModelImportProps> = {}) {
  const stack = newStack();
  const model = new NovaModelImport(stack, 'Import', {
    modelSource: ModelSource.fromS3Uri(SOURCE),
    modelTags: { team: 'support' },
    removalPolicy: RemovalPolicy.DESTROY,
    completionTimeout: Duration.minutes(30),
    ...overrides,
  });
  return { artifact: synthesize(stack), logicalId: stack.getLogicalId(model.node.defaultChild as CfnResource) };
}
