/*
 * Least privilege, proven: the Bedrock actions the handler roles are granted
 * equal the actions the handlers were seen to need, across the handler unit
 * tests and the lifecycle tests against the emulator. Runs after every other
 * suite (a second jest run of the test task), from their recordings.
 */
import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from '../../examples/app';
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

/**
 * The library's handler roles: every provider singleton is a direct child of
 * its stack with an id `Bedrock...Provider`, and names its role `HandlerRole`.
 */
function handlerRoles(stack: Stack): string[] {
  return stack.node.children
    .filter((c) => /^Bedrock\w*Provider$/.test(c.node.id))
    .map((p) => p.node.tryFindChild('HandlerRole'))
    .filter((role): role is iam.Role => role instanceof iam.Role)
    .map((role) => stack.getLogicalId(role.node.defaultChild as never));
}

/** Every bedrock:* action in the policies of the library's handler roles. */
function grantedActions(stack: Stack): string[] {
  const template = Template.fromStack(stack).toJSON();
  const roles = handlerRoles(stack);
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

  test('every provider of the example app has its handler role found', () => {
    const { stack } = buildExampleApp();
    expect(handlerRoles(stack).length).toBeGreaterThanOrEqual(2);
    // Jobs, imports, lookups and invocation logging: one provider each.
    expect(handlerRoles(stack)).toHaveLength(4);
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
