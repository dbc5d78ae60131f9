/*
 * Stacks with one lookup, or one reference by name, for the lifecycle tests.
 */
import { CfnResource } from 'aws-cdk-lib';
import { CustomModel, CustomModelLookup, CustomModelLookupProps } from '../../src';
import { newStack, synthesize } from '../lifecycle/harness';

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
