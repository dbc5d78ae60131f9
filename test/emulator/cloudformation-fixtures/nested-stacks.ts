/*
 * Stacks with an aws-cdk-lib NestedStack for the engine's nested stack tests:
 * a parent whose custom resource `Seed` (behind a Provider) gives the child a
 * value, which CDK passes as a parameter of the nested stack; a child with
 * its own Provider and custom resource `Item`, whose attribute the parent
 * outputs (CDK makes it an output of the child, read through
 * `Fn::GetAtt <nested stack>.Outputs.<name>`). Both run the handlers of ./handlers.
 */
import { App, Aws, CfnOutput, CfnResource, CustomResource, Duration, NestedStack, Stack, custom_resources as cr } from 'aws-cdk-lib';
import { fixtureFunction } from './functions';
import { SynthesizedStack } from '../../../emulator/cloudformation';

export const PARENT_NAME = 'NestedFixture';
/** Logical ids of the handler functions, in the parent and in the child. */
export const PARENT_HANDLER = 'ParentHandler';
export const CHILD_HANDLER = 'ChildHandler';

export interface NestedFixtureOptions {
  /** Seed's Value (passed to the child as a parameter). @default 'seed-1' */
  readonly seedValue?: string;
  /** More properties of the child's Item (FailOn, PhysicalId, ...). */
  readonly item?: Record<string, unknown>;
  /** The nested stack's TimeoutInMinutes. */
  readonly timeout?: Duration;
  /** Adds to the child (before Item exists). */
  readonly child?: (child: NestedStack) => void;
  /** Adds to the parent, once the child is complete (`provider` is Seed's). */
  readonly parent?: (parent: Stack, child: NestedStack, provider: cr.Provider) => void;
}

export interface NestedFixture {
  readonly synthesized: SynthesizedStack;
  /** The logical id of the parent's AWS::CloudFormation::Stack resource (CDK's). */
  readonly childLogicalId: string;
}

/** The onEvent handler of ./handlers as function `id` (its logical id too), behind a synchronous Provider. */
export function fixtureProvider(stack: Stack, id: string): cr.Provider {
  const onEventHandler = fixtureFunction(stack, id, 'handlers', 'onEvent', { FIXTURE_FUNCTION: id });
  return new cr.Provider(stack, `${id}Provider`, { onEventHandler });
}

/** A custom resource `id` (its logical id too) of type Custom::Fixture. */
export function fixtureResource(stack: Stack, id: string, provider: cr.Provider, properties: Record<string, unknown>): CustomResource {
  const resource = new CustomResource(stack, id, { serviceToken: provider.serviceToken, resourceType: 'Custom::Fixture', properties });
  (resource.node.defaultChild as CfnResource).overrideLogicalId(id);
  return resource;
}

/** The parent and its nested stack `Child`, synthesized. */
export function nestedFixture(options: NestedFixtureOptions = {}): NestedFixture {
  const app = new App();
  const parent = new Stack(app, PARENT_NAME);
  const provider = fixtureProvider(parent, PARENT_HANDLER);
  const seed = fixtureResource(parent, 'Seed', provider, { Value: options.seedValue ?? 'seed-1' });

  const child = new NestedStack(parent, 'Child', { timeout: options.timeout });
  options.child?.(child);
  const item = fixtureResource(child, 'Item', fixtureProvider(child, CHILD_HANDLER), {
    Value: seed.getAttString('Value'),
    // The child's own pseudo parameters, as the handler receives them.
    StackName: Aws.STACK_NAME,
    StackId: Aws.STACK_ID,
    ...options.item,
  });
  new CfnOutput(parent, 'ItemValue', { value: item.getAttString('Value') });
  // From the parent, a NestedStack's stackId is the Ref of its AWS::CloudFormation::Stack resource.
  new CfnOutput(parent, 'ChildStackId', { value: child.stackId });
  new CfnOutput(parent, 'ChildStackName', { value: child.stackName });
  options.parent?.(parent, child, provider);

  const synthesized = SynthesizedStack.fromArtifact(app.synth().getStackByName(PARENT_NAME));
  return { synthesized, childLogicalId: parent.resolve((child.nestedStackResource as CfnResource).logicalId) };
}
