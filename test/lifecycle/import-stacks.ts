/*
 * Stacks with one NovaModelImport, or one lookup, for the lifecycle tests.
 */
import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { newStack, synthesize } from './harness';
import { CustomModel, NovaModelImport, NovaModelImportProps, CustomModelLookup, CustomModelLookupProps, ModelSource } from '../../src';

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

export function lookupStack(props: CustomModelLookupProps) {
  const stack = newStack();
  const lookup = new CustomModelLookup(stack, 'Lookup', props);
  return { artifact: synthesize(stack), logicalId: stack.getLogicalId(lookup.node.defaultChild as CfnResource) };
}

export function byNameStack(name: string) {
  const stack = newStack();
  const model = CustomModel.fromCustomModelName(stack, 'ByName', name);
  return { artifact: synthesize(stack), logicalId: stack.getLogicalId(model.node.defaultChild as CfnResource) };
}
