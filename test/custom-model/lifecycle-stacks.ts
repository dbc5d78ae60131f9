/*
 * Stacks with one lookup, or one reference by name, for the lifecycle tests.
 */
import { CustomModel, CustomModelLookup, CustomModelLookupProps } from '../../src';
import { deployable, newStack } from '../lifecycle/harness';

export function lookupStack(props: CustomModelLookupProps) {
  return deployable(new CustomModelLookup(newStack(), 'Lookup', props));
}

export function byNameStack(name: string) {
  return deployable(CustomModel.fromCustomModelName(newStack(), 'ByName', name));
}
