/*
 * Nested stacks (AWS::CloudFormation::Stack, aws-cdk-lib's NestedStack) in
 * the local CloudFormation engine: the child is a stack of its own, created,
 * updated, rolled back and deleted with its parent, its resources run as a
 * top-level stack's, its events reported in its own name.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnOutput, CfnResource, Duration, NestedStack, Token } from 'aws-cdk-lib';
import { useEngines } from './cloudformation-fixtures/engines';
import { CHILD_HANDLER, fixtureProvider, fixtureResource, nestedFixture, PARENT_HANDLER, PARENT_NAME } from './cloudformation-fixtures/nested-stacks';
import { waitCondition, watcher, watchRule } from './cloudformation-fixtures/wait-stacks';
import { Exchange, OperationResult, StackEvent, SynthesizedStack, Template } from '../../emulator/cloudformation';

const engine = useEngines();

const requests = (exchanges: readonly Exchange[]) =>
  exchanges.map(({ request, outcome }) => `${request.RequestType} ${request.LogicalResourceId} ${request.PhysicalResourceId ?? '-'} ${outcome.status}`);
const stackStatuses = (events: readonly StackEvent[], stackName: string) =>
  events.filter((e) => e.logicalId === stackName && e.resourceType === 'AWS::CloudFormation::Stack').map((e) => e.status);
/** The index of the first event matching, in the order onProgress reported them. */
const at = (events: readonly StackEvent[], match: Partial<StackEvent>) =>
  events.findIndex((e) => Object.entries(match).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v));

describe('a nested stack with a function, a custom resource and an output the parent reads', () => {
  const progress: StackEvent[] = [];
  const cfn = engine({ onProgress: (e) => progress.push(e) });
  const { synthesized, childLogicalId } = nestedFixture();
  beforeAll(async () => {
    expect((await cfn.deploy(synthesized)).status).toBe('CREATE_COMPLETE');
  });

  test('the child is a stack of its own, named <parent>-<logical id>-<random>; the Ref of its stack resource is its stack id', () => {
    const child = cfn.nestedStack(childLogicalId);
    expect(child.status).toBe('CREATE_COMPLETE');
    expect(child.stackName).toMatch(new RegExp(`^${PARENT_NAME}-${childLogicalId}-[A-Z0-9]{12}$`));
    expect(child.stackId).toMatch(new RegExp(`^arn:aws:cloudformation:us-east-1:123456789012:stack/${child.stackName}/[0-9a-f-]{36}$`));
    expect(child.stackId).not.toBe(cfn.stackId);
    expect(cfn.resource(childLogicalId)).toMatchObject({ type: 'AWS::CloudFormation::Stack', physicalId: child.stackId });
    expect(cfn.outputs.ChildStackId).toBe(child.stackId);
    expect(cfn.outputs.ChildStackName).toBe(child.stackName);
  });

  test('the parent\'s value reaches the child as a parameter (a string); the parent reads the child\'s output through Outputs.<name>', () => {
    const child = cfn.nestedStack(childLogicalId);
    expect(Object.values(child.parameters)).toEqual(['seed-1']);
    expect(child.resource('Item').attributes.Value).toBe('seed-1');
    expect(Object.values(child.outputs)).toEqual(['seed-1']);
    expect(cfn.outputs.ItemValue).toBe('seed-1');
  });

  test('the child\'s custom resource is sent the child\'s stack id, and the child\'s pseudo parameters', () => {
    const child = cfn.nestedStack(childLogicalId);
    const [create] = child.exchanges('Item');
    expect(create.request).toMatchObject({ RequestType: 'Create', StackId: child.stackId, LogicalResourceId: 'Item' });
    expect(create.request.ResourceProperties).toMatchObject({ StackName: child.stackName, StackId: child.stackId, Value: 'seed-1' });
    expect(create.request.ResponseURL).toContain(encodeURIComponent(child.stackId));
    // Names the child generates start with the child's name.
    expect(child.resource(CHILD_HANDLER).physicalId.startsWith(child.stackName.slice(0, 20))).toBe(true);
  });

  test('the engine\'s accessors read the parent, nestedStack(logicalId) the child', () => {
    const child = cfn.nestedStack(childLogicalId);
    expect(cfn.invocations(CHILD_HANDLER)).toEqual([]);
    expect(child.invocations(CHILD_HANDLER).map((i) => (i.event as { RequestType: string }).RequestType)).toEqual(['Create']);
    expect(child.logs(CHILD_HANDLER).join('\n')).toContain('"LogicalResourceId":"Item"');
    expect(cfn.invocations(PARENT_HANDLER)).toHaveLength(1);
    expect(child.invocations(PARENT_HANDLER)).toEqual([]);
    expect(requests(cfn.exchanges())).toEqual(['Create Seed - SUCCESS']);
    expect(requests(child.exchanges())).toEqual(['Create Item - SUCCESS']);
    expect(() => cfn.resource('Item')).toThrow(/has no resource Item/);
    expect(() => child.resource('Seed')).toThrow(/has no resource Seed/);
    expect(() => cfn.nestedStack('Seed')).toThrow(/Seed is not a nested stack/);
    expect(cfn.events.every((e) => e.stackName === PARENT_NAME)).toBe(true);
    expect(child.events.every((e) => e.stackName === child.stackName && e.stackId === child.stackId)).toBe(true);
  });

  test('the child\'s events are reported in its name, while the parent\'s stack resource is in progress', () => {
    const child = cfn.nestedStack(childLogicalId);
    expect(stackStatuses(child.events, child.stackName)).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    const started = at(progress, { logicalId: childLogicalId, status: 'CREATE_IN_PROGRESS' });
    const itemCreated = at(progress, { stackName: child.stackName, logicalId: 'Item', status: 'CREATE_COMPLETE' });
    const childComplete = at(progress, { logicalId: child.stackName, status: 'CREATE_COMPLETE' });
    const done = at(progress, { logicalId: childLogicalId, status: 'CREATE_COMPLETE' });
    expect(started).toBeGreaterThan(at(progress, { logicalId: 'Seed', status: 'CREATE_COMPLETE' }));
    expect([started < itemCreated, itemCreated < childComplete, childComplete < done]).toEqual([true, true, true]);
    expect(progress.at(-1)).toMatchObject({ stackName: PARENT_NAME, logicalId: PARENT_NAME, status: 'CREATE_COMPLETE' });
  });
});

describe('an update of the parent', () => {
  const progress: StackEvent[] = [];
  const cfn = engine({ onProgress: (e) => progress.push(e) });
  const { synthesized: v1, childLogicalId } = nestedFixture();
  beforeAll(async () => {
    expect((await cfn.deploy(v1)).status).toBe('CREATE_COMPLETE');
  });

  test('a change of the child\'s template updates the child; the replaced resource is deleted in the parent\'s cleanup phase', async () => {
    const childName = cfn.nestedStack(childLogicalId).stackName;
    progress.length = 0;
    const result = await cfn.update(nestedFixture({ item: { PhysicalId: 'item-v2' } }).synthesized);
    expect(result.status).toBe('UPDATE_COMPLETE');
    const child = cfn.nestedStack(childLogicalId);
    expect(child.stackName).toBe(childName);
    expect(child.status).toBe('UPDATE_COMPLETE');
    expect(requests(child.exchanges('Item'))).toEqual(['Create Item - SUCCESS', 'Update Item Item-physical SUCCESS', 'Delete Item Item-physical SUCCESS']);
    expect(child.resource('Item').physicalId).toBe('item-v2');
    // The child's cleanup waits for its parent's: an update rollback of the parent would still find the old resource.
    const order = [
      at(progress, { logicalId: childName, status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' }),
      at(progress, { logicalId: childLogicalId, status: 'UPDATE_COMPLETE' }),
      at(progress, { logicalId: PARENT_NAME, status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' }),
      at(progress, { stackName: childName, logicalId: 'Item', status: 'DELETE_COMPLETE' }),
      at(progress, { logicalId: childName, status: 'UPDATE_COMPLETE' }),
      at(progress, { logicalId: PARENT_NAME, status: 'UPDATE_COMPLETE' }),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('a parameter\'s change alone updates the child\'s resources that use it', async () => {
    expect((await cfn.update(nestedFixture({ item: { PhysicalId: 'item-v2' }, seedValue: 'seed-2' }).synthesized)).status).toBe('UPDATE_COMPLETE');
    const child = cfn.nestedStack(childLogicalId);
    expect(Object.values(child.parameters)).toEqual(['seed-2']);
    expect(child.exchanges('Item').at(-1)!.request).toMatchObject({ RequestType: 'Update', ResourceProperties: { Value: 'seed-2' }, OldResourceProperties: { Value: 'seed-1' } });
    expect(cfn.outputs.ItemValue).toBe('seed-2');
  });

  test('any update of the parent updates the child stack, but not its unchanged resources', async () => {
    const before = cfn.nestedStack(childLogicalId).exchanges().length;
    const v3 = nestedFixture({ item: { PhysicalId: 'item-v2' }, seedValue: 'seed-2', parent: (parent) => new CfnOutput(parent, 'More', { value: 'more' }) });
    const result = await cfn.update(v3.synthesized);
    expect(result.status).toBe('UPDATE_COMPLETE');
    const child = cfn.nestedStack(childLogicalId);
    expect(stackStatuses(child.events, child.stackName).slice(-3)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE']);
    expect(result.events.filter((e) => e.logicalId === childLogicalId).map((e) => e.status)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
    expect(child.exchanges()).toHaveLength(before);
  });
});

describe('update rollback', () => {
  test('the child\'s failed update: the child rolls back, the stack resource fails with the child\'s reason, the parent rolls back', async () => {
    const cfn = engine();
    const { synthesized: v1, childLogicalId } = nestedFixture();
    await cfn.deploy(v1);
    const result = await cfn.update(nestedFixture({ item: { FailOn: 'Update', Extra: 'x' } }).synthesized);
    const child = cfn.nestedStack(childLogicalId);
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.reason).toBe(`Embedded stack ${child.stackId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Item].`);
    expect(child.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(stackStatuses(child.events, child.stackName).slice(-4))
      .toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE']);
    expect(requests(child.exchanges('Item'))).toEqual(['Create Item - SUCCESS', 'Update Item Item-physical FAILED', 'Update Item Item-physical SUCCESS']);
    expect(child.resource('Item').properties).not.toHaveProperty('Extra');
    expect(cfn.outputs.ItemValue).toBe('seed-1');
    // Updated again, it updates as before.
    expect((await cfn.update(nestedFixture({ item: { Extra: 'x' } }).synthesized)).status).toBe('UPDATE_COMPLETE');
    expect(cfn.nestedStack(childLogicalId).resource('Item').properties).toHaveProperty('Extra', 'x');
  });

  test('a later failure in the parent rolls back a child that was updated: its replacement deleted, the old resource kept', async () => {
    const cfn = engine();
    const { synthesized: v1, childLogicalId } = nestedFixture();
    await cfn.deploy(v1);
    const v2 = nestedFixture({
      item: { PhysicalId: 'item-v2' },
      parent: (parent, child, provider) => fixtureResource(parent, 'Late', provider, { FailOn: 'Create' }).node.addDependency(child),
    });
    const result = await cfn.update(v2.synthesized);
    const child = cfn.nestedStack(childLogicalId);
    expect(result).toMatchObject({ status: 'UPDATE_ROLLBACK_COMPLETE', reason: expect.stringContaining('told to fail on Create') });
    expect(child.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(stackStatuses(child.events, child.stackName).slice(-5)).toEqual([
      'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE',
    ]);
    // The old Item was never deleted: the child's cleanup had not run when the parent failed.
    expect(requests(child.exchanges('Item'))).toEqual(['Create Item - SUCCESS', 'Update Item Item-physical SUCCESS', 'Delete Item item-v2 SUCCESS']);
    expect(child.resource('Item').physicalId).toBe('Item-physical');
    expect(cfn.resources.map((r) => r.logicalId)).not.toContain('Late');
  });
});

test('a failing custom resource in the child: the child rolls back, the parent rolls back and deletes the child', async () => {
  const cfn = engine();
  const { synthesized, childLogicalId } = nestedFixture({ item: { FailOn: 'Create' } });
  const result = await cfn.deploy(synthesized);
  const child = cfn.nestedStack(childLogicalId);
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toBe(`Embedded stack ${child.stackId} was not successfully created: The following resource(s) failed to create: [Item]. Rollback requested by user.`);
  expect(child.events.find((e) => e.logicalId === 'Item' && e.status === 'CREATE_FAILED')!.reason).toContain('told to fail on Create');
  expect(stackStatuses(child.events, child.stackName))
    .toEqual(['CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
  expect(child.status).toBe('DELETE_COMPLETE');
  expect(result.events.filter((e) => e.logicalId === childLogicalId).map((e) => e.status))
    .toEqual(['CREATE_IN_PROGRESS', 'CREATE_FAILED', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
  expect(requests(cfn.exchanges())).toEqual(['Create Seed - SUCCESS', 'Delete Seed Seed-physical SUCCESS']);
  expect([cfn.resources, child.resources]).toEqual([[], []]);
});

test('deleting the parent deletes the child, its resources before what the child depends on', async () => {
  const progress: StackEvent[] = [];
  const cfn = engine({ onProgress: (e) => progress.push(e) });
  const { synthesized, childLogicalId } = nestedFixture();
  await cfn.deploy(synthesized);
  expect((await cfn.destroy()).status).toBe('DELETE_COMPLETE');
  const child = cfn.nestedStack(childLogicalId);
  expect(child.status).toBe('DELETE_COMPLETE');
  expect(stackStatuses(child.events, child.stackName).slice(-2)).toEqual(['DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
  expect(at(progress, { logicalId: 'Item', status: 'DELETE_COMPLETE' })).toBeLessThan(at(progress, { logicalId: 'Seed', status: 'DELETE_IN_PROGRESS' }));
  expect(requests(child.exchanges()).at(-1)).toBe('Delete Item Item-physical SUCCESS');
  expect([cfn.resources, child.resources]).toEqual([[], []]);
});

test('a child that fails to delete: the child is DELETE_FAILED, its stack resource fails quoting it, and so does the parent', async () => {
  const cfn = engine();
  const { synthesized, childLogicalId } = nestedFixture({ item: { FailOn: 'Delete' } });
  await cfn.deploy(synthesized);
  const result = await cfn.destroy();
  const child = cfn.nestedStack(childLogicalId);
  const stackReason = (events: readonly StackEvent[], stackName: string) =>
    events.find((e) => e.logicalId === stackName && e.status === 'DELETE_FAILED')?.reason;
  expect([result.status, child.status]).toEqual(['DELETE_FAILED', 'DELETE_FAILED']);
  expect(stackReason(child.events, child.stackName)).toBe('The following resource(s) failed to delete: [Item].');
  expect(result.events.find((e) => e.logicalId === childLogicalId && e.status === 'DELETE_FAILED')?.reason)
    .toBe(`Embedded stack ${child.stackId} was not successfully deleted: The following resource(s) failed to delete: [Item].`);
  // Only the resources whose deletion failed: not the Provider and the role the failed resource kept.
  expect(stackReason(result.events, PARENT_NAME)).toBe(`The following resource(s) failed to delete: [${childLogicalId}].`);
  expect(child.resources.map((r) => r.logicalId)).toContain(CHILD_HANDLER);
});

test('a wait condition in the child waits on the engine\'s time, signalled by the child\'s scheduled watcher', async () => {
  const cfn = engine();
  let data!: string;
  const { synthesized, childLogicalId } = nestedFixture({
    child: (child) => {
      const { handle, condition } = waitCondition(child, 'JobDone', { timeoutSeconds: 3600 });
      watchRule(child, 'Fallback', watcher(child), { schedule: Duration.minutes(10), input: { handleUrl: handle.ref, firings: 3 } });
      data = Token.asString(condition.attrData);
    },
    parent: (parent) => new CfnOutput(parent, 'JobData', { value: data }),
  });
  expect((await cfn.deploy(synthesized)).status).toBe('CREATE_COMPLETE');
  const child = cfn.nestedStack(childLogicalId);
  const waited = child.events.filter((e) => e.logicalId === 'JobDone').map((e) => e.timestamp.getTime());
  expect(Math.round((waited[1] - waited[0]) / 60_000)).toBe(30);
  expect(child.resource('JobDoneHandle').physicalId).toContain(`/cloudformation-waitcondition/${encodeURIComponent(`${child.stackId}/JobDoneHandle`)}?`);
  expect(child.resource('JobDone').physicalId).toBe(`${child.stackId}/JobDoneHandle`);
  expect(JSON.parse(JSON.parse(String(cfn.outputs.JobData)).watcher).firings).toBe(3);
  expect(child.invocations('Watcher')).toHaveLength(3);
  expect(cfn.eventDeliveries).toHaveLength(3);
});

test('TimeoutInMinutes: a child still creating at its timeout fails, and the parent rolls back', async () => {
  const cfn = engine();
  const started = cfn.clock.now();
  const { synthesized, childLogicalId } = nestedFixture({
    timeout: Duration.minutes(20),
    child: (child) => { waitCondition(child, 'NeverSignalled', { timeoutSeconds: 3600 }); },
  });
  const result = await cfn.deploy(synthesized);
  const child = cfn.nestedStack(childLogicalId);
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toBe(`Embedded stack ${child.stackId} was not successfully created: Stack creation time exceeded the specified timeout. Rollback requested by user.`);
  const cancelled = child.events.find((e) => e.logicalId === 'NeverSignalled' && e.status === 'CREATE_FAILED')!;
  expect(cancelled.reason).toBe('Resource creation cancelled');
  // Within a step of engine time (at most a minute) of the 20 minutes.
  expect((cancelled.timestamp.getTime() - started) / 60_000).toBeGreaterThanOrEqual(20);
  expect((cancelled.timestamp.getTime() - started) / 60_000).toBeLessThan(21.5);
  expect(child.status).toBe('DELETE_COMPLETE');
});

test('deleting the parent while its child waits cancels the creation: the child is deleted, then the parent\'s resources', async () => {
  let deletion: Promise<OperationResult> | undefined;
  let deadline = Infinity;
  // Two hours into the wait, the stack is deleted (an event source is read at each step of engine time).
  const cfn = engine({ eventSources: [{ drain: (now) => { if (now.getTime() >= deadline) deletion ??= cfn.destroy(); return []; } }] });
  deadline = cfn.clock.now() + 2 * 3600_000;
  const { synthesized, childLogicalId } = nestedFixture({ child: (child) => { waitCondition(child, 'NeverSignalled', { timeoutSeconds: 43200 }); } });
  const result = await cfn.deploy(synthesized);
  const child = cfn.nestedStack(childLogicalId);
  expect(result.status).toBe('DELETE_COMPLETE');
  await expect(deletion).resolves.toBe(result);
  expect(child.events.find((e) => e.logicalId === 'NeverSignalled' && e.status === 'CREATE_FAILED')!.reason).toBe('Resource creation cancelled');
  expect(stackStatuses(child.events, child.stackName)).toEqual(['CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
  expect(result.events.find((e) => e.logicalId === childLogicalId && e.status === 'CREATE_FAILED')!.reason).toBe('Resource creation cancelled');
  expect(requests(cfn.exchanges())).toEqual(['Create Seed - SUCCESS', 'Delete Seed Seed-physical SUCCESS']);
  expect([cfn.resources, child.resources]).toEqual([[], []]);
});

test('a nested stack in a nested stack: the same machinery, one level down; its cleanup waits for the top-level stack\'s', async () => {
  const progress: StackEvent[] = [];
  const cfn = engine({ onProgress: (e) => progress.push(e) });
  let innerLogicalId!: string;
  const twoLevels = (value: string) => {
    let deepValue!: string;
    return nestedFixture({
      child: (child) => {
        const inner = new NestedStack(child, 'Inner');
        const deep = fixtureResource(inner, 'Deep', fixtureProvider(inner, 'DeepHandler'), { Value: value, PhysicalId: `deep-${value}`, StackName: inner.stackName });
        deepValue = deep.getAttString('Value');
        innerLogicalId = child.resolve((inner.nestedStackResource as CfnResource).logicalId);
      },
      parent: (parent) => new CfnOutput(parent, 'DeepValue', { value: deepValue }),
    });
  };
  const { synthesized, childLogicalId } = twoLevels('one');
  expect((await cfn.deploy(synthesized)).status).toBe('CREATE_COMPLETE');
  const child = cfn.nestedStack(childLogicalId);
  const inner = child.nestedStack(innerLogicalId);
  expect(inner.stackName).toMatch(new RegExp(`^${child.stackName.slice(0, 20)}.*-[A-Z0-9]{12}$`));
  expect(inner.exchanges('Deep')[0].request).toMatchObject({ StackId: inner.stackId, ResourceProperties: { StackName: inner.stackName } });
  expect(cfn.outputs.DeepValue).toBe('one');

  expect((await cfn.update(twoLevels('two').synthesized)).status).toBe('UPDATE_COMPLETE');
  expect(cfn.outputs.DeepValue).toBe('two');
  expect(requests(inner.exchanges())).toEqual(['Create Deep - SUCCESS', 'Update Deep deep-one SUCCESS', 'Delete Deep deep-one SUCCESS']);
  const cleanupStarts = at(progress, { logicalId: PARENT_NAME, status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' });
  expect(at(progress, { stackName: inner.stackName, logicalId: 'Deep', status: 'DELETE_IN_PROGRESS' })).toBeGreaterThan(cleanupStarts);

  expect((await cfn.destroy()).status).toBe('DELETE_COMPLETE');
  expect([child.status, inner.status]).toEqual(['DELETE_COMPLETE', 'DELETE_COMPLETE']);
  expect(requests(inner.exchanges()).at(-1)).toBe('Delete Deep deep-two SUCCESS');
});

describe('the stack resource\'s properties (hand-written templates)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nested-stack-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const childTemplate: Template = {
    Parameters: { Count: { Type: 'String' } },
    Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
    Outputs: { Count: { Value: { Ref: 'Count' } } },
  };
  const parent = (properties: Record<string, unknown>) => {
    fs.writeFileSync(path.join(dir, 'child.json'), JSON.stringify(childTemplate));
    return SynthesizedStack.fromTemplate('Parent', {
      Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: properties } },
      Outputs: { Count: { Value: { 'Fn::GetAtt': ['Child', 'Outputs.Count'] } } },
    }, { 'child.json': path.join(dir, 'child.json') });
  };
  const PATH_STYLE = 'https://s3.us-east-1.amazonaws.com/assets-bucket/child.json';

  test('a number passes as a string; a virtual-hosted TemplateURL is read as well', async () => {
    const cfn = engine();
    const result = await cfn.deploy(parent({ TemplateURL: 'https://assets-bucket.s3.us-east-1.amazonaws.com/child.json', Parameters: { Count: 3 } }));
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(cfn.nestedStack('Child').parameters).toEqual({ Count: '3' });
    expect(cfn.outputs.Count).toBe('3');
  });

  test('path-style TemplateURLs of the other S3 hosts are read too: s3-<region>, and the global s3.amazonaws.com', async () => {
    for (const host of ['s3-us-east-1.amazonaws.com', 's3.amazonaws.com']) {
      const cfn = engine();
      expect((await cfn.deploy(parent({ TemplateURL: `https://${host}/assets-bucket/child.json`, Parameters: { Count: '2' } }))).status).toBe('CREATE_COMPLETE');
      expect(cfn.outputs.Count).toBe('2');
    }
  });

  test('a list is refused: nested stack parameters are strings', async () => {
    const cfn = engine();
    const result = await cfn.deploy(parent({ TemplateURL: PATH_STYLE, Parameters: { Count: { 'Fn::Split': [',', 'a,b'] } } }));
    expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', reason: 'Value of property Parameters must be an object with String (or simple type) properties' });
  });

  test('a TemplateURL naming no asset of the cloud assembly is refused', async () => {
    const cfn = engine();
    const result = await cfn.deploy(parent({ TemplateURL: 'https://s3.us-east-1.amazonaws.com/assets-bucket/other.json', Parameters: { Count: '1' } }));
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/^TemplateURL must reference a valid S3 object to which you have access\. \(https:\/\/s3\.us-east-1\.amazonaws\.com\/assets-bucket\/other\.json: no asset other\.json/);
  });

  test('a missing parameter fails the stack resource with the child\'s validation error', async () => {
    const cfn = engine();
    const result = await cfn.deploy(parent({ TemplateURL: PATH_STYLE }));
    expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', reason: 'Parameters: [Count] must have values' });
  });

  test('Fn::GetAtt of an output the child does not have fails', async () => {
    const cfn = engine();
    const synthesized = parent({ TemplateURL: PATH_STYLE, Parameters: { Count: '1' } });
    const reader = { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::GetAtt': ['Child', 'Outputs.Missing'] } } };
    const withReader = synthesized.withTemplate({ ...synthesized.template, Resources: { ...synthesized.template.Resources, Reader: reader } });
    const result = await cfn.deploy(withReader);
    expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', reason: 'Template error: resource Child of type AWS::CloudFormation::Stack has no attribute Outputs.Missing' });
  });
});
