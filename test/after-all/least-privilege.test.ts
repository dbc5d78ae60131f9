/*
 * Least privilege, proven: the Bedrock actions the handler roles are granted
 * equal the actions the handlers were seen to need, across the handler unit
 * tests and the lifecycle tests against the emulator; and each kind's role
 * holds exactly its kind's operations (the registry). Runs after every other
 * suite (a second jest run of the test task), from their recordings.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from '../../examples/app';
import { operationsOf, RESOURCE_KIND_ENTRIES, ResourceKindEntry } from '../../src/contract/registry';
import { BedrockProvider } from '../../src/private/provider-base';
import { readRecordings, RecordedCall, Recording } from '../support/bedrock-calls';

/** Request members that make a create also need bedrock:TagResource (tag-on-create authorization). */
const TAG_ON_CREATE_MEMBERS = ['jobTags', 'customModelTags', 'modelTags', 'tags'];

/** The IAM actions one call needs. */
function actionsOf(call: RecordedCall): string[] {
  const actions = [`bedrock:${call.operation}`];
  if (call.operation.startsWith('Create') && call.members.some((m) => TAG_ON_CREATE_MEMBERS.includes(m))) {
    actions.push('bedrock:TagResource');
  }
  return actions;
}

function neededActions(recordings: readonly Recording[]): string[] {
  return [...new Set(recordings.flatMap((r) => r.calls.flatMap(actionsOf)))].sort();
}

/** Each kind of the registry with its handler role's logical id in `stack`, through the kind's provider. */
function handlerRoles(stack: Stack): Array<{ kind: ResourceKindEntry; role: string }> {
  return RESOURCE_KIND_ENTRIES.map((kind) => {
    const provider = stack.node.tryFindChild(kind.providerId);
    if (!(provider instanceof BedrockProvider)) throw new Error(`The stack has no provider ${kind.providerId} for ${kind.resourceType}`);
    return { kind, role: stack.getLogicalId(provider.handlerRole.node.defaultChild as never) };
  });
}

/** Every bedrock:* action in the policies of the given roles (by default, every role of the library's handlers, their queues' watchers included). */
function grantedActions(stack: Stack, roles: readonly string[] = handlerRoles(stack).map((r) => r.role)): string[] {
  const template = Template.fromStack(stack).toJSON();
  const actions = new Set<string>();
  for (const resource of Object.values<any>(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    if (!resource.Properties.Roles.some((r: any) => roles.includes(r.Ref))) continue;
    for (const statement of resource.Properties.PolicyDocument.Statement) {
      for (const action of [statement.Action].flat()) {
        if (String(action).startsWith('bedrock:')) actions.add(action);
      }
    }
  }
  return [...actions].sort();
}

describe('least privilege of the handler roles', () => {
  const recordings = readRecordings();

  test('both the unit tests and the lifecycle tests left recordings', () => {
    expect(recordings.filter((r) => r.source === 'unit').length).toBeGreaterThan(0);
    expect(recordings.filter((r) => r.source === 'emulator').length).toBeGreaterThan(0);
  });

  test('the example app has a provider, with its own handler role, for every kind of the registry', () => {
    const { stack } = buildExampleApp();
    const roles = handlerRoles(stack).map((r) => r.role);
    expect(roles).toHaveLength(RESOURCE_KIND_ENTRIES.length);
    expect(new Set(roles).size).toBe(roles.length);
  });

  test('each handler role is granted exactly the Bedrock operations of its kind in the registry', () => {
    const { stack } = buildExampleApp();
    for (const { kind, role } of handlerRoles(stack)) {
      expect({ kind: kind.resourceType, actions: grantedActions(stack, [role]) })
        .toEqual({ kind: kind.resourceType, actions: operationsOf(kind).map((op) => `bedrock:${op}`).sort() });
    }
  });

  test('the example app grants exactly the Bedrock actions the handlers call', () => {
    const { stack } = buildExampleApp();
    expect(grantedActions(stack)).toEqual(neededActions(recordings));
  });

  test('the lifecycle tests alone need every granted action (no action is granted for unit tests only)', () => {
    const { stack } = buildExampleApp();
    expect(neededActions(recordings.filter((r) => r.source === 'emulator'))).toEqual(grantedActions(stack));
  });
});
