/*
 * The local CloudFormation engine driving custom resources through the
 * Provider framework's own code: create, update in place, replacement,
 * added and removed resources, destroy, DeletionPolicy Retain.
 */
import { CfnOutput, CfnResource, Fn, RemovalPolicy, aws_s3 as s3 } from 'aws-cdk-lib';
import { ON_EVENT_FUNCTION, RESOURCE_TYPE, STACK_NAME, synthesizeFixture } from './cloudformation-fixtures/stacks';
import { Exchange, LocalCloudFormation, StackEvent } from '../../emulator/cloudformation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Version 1: a bucket, three resources (Second after First, Reader reading First's Data), one of them retained. */
const v1 = synthesizeFixture({
  First: { properties: { Value: 'one', Count: 3, Enabled: true, Nested: { List: [1, false, 'x', { Deep: 2.5 }] } } },
  Second: { properties: { Value: 'two', PhysicalId: 'second-v1' }, dependsOn: ['First'] },
  Kept: { properties: { Value: 'kept' }, removalPolicy: RemovalPolicy.RETAIN },
}, (stack) => {
  const bucket = new s3.Bucket(stack, 'Bucket');
  (bucket.node.defaultChild as CfnResource).overrideLogicalId('Bucket');
  const reader = stack.node.findChild('Second').node.defaultChild as CfnResource;
  reader.addPropertyOverride('BucketArn', bucket.bucketArn);
  reader.addPropertyOverride('FromFirst', Fn.getAtt('First', 'Value').toString());
  reader.addPropertyOverride('Joined', Fn.join('/', [bucket.bucketName, Fn.select(1, Fn.split(',', 'a,b,c'))]));
  new CfnOutput(stack, 'SecondValue', { value: Fn.getAtt('Second', 'Value').toString() });
});

/** Version 2: First changed in place, Second replaced (new PhysicalId), Kept removed (retained), Third added. */
const v2 = synthesizeFixture({
  First: { properties: { Value: 'one-changed', Count: 3, Enabled: true, Nested: { List: [1, false, 'x', { Deep: 2.5 }] } } },
  Second: { properties: { Value: 'two', PhysicalId: 'second-v2' }, dependsOn: ['First'] },
  Third: { properties: { Value: 'three' } },
});

const requests = (exchanges: readonly Exchange[]) =>
  exchanges.map(({ request }) => [request.RequestType, request.LogicalResourceId, request.PhysicalResourceId]);

describe('a stack of custom resources through its life', () => {
  const events: StackEvent[] = [];
  const engine = new LocalCloudFormation({ onProgress: (e) => events.push(e) });

  test('create: CREATE_COMPLETE, dependencies first, every resource answered by the Provider framework', async () => {
    const result = await engine.deploy(v1);
    expect(result.status).toBe('CREATE_COMPLETE');
    // Second waits for the bucket it reads, which comes after Kept in the template.
    expect(requests(engine.exchanges())).toEqual([['Create', 'First', undefined], ['Create', 'Kept', undefined], ['Create', 'Second', undefined]]);
    expect(engine.resource('First')).toMatchObject({ type: RESOURCE_TYPE, physicalId: 'First-physical', attributes: { Value: 'one', RequestType: 'Create' } });
    expect(engine.resource('Second').physicalId).toBe('second-v1');
    expect(engine.outputs).toEqual({ SecondValue: 'two' });
    // The stack's events, as cdk deploy prints them.
    expect(events[0]).toMatchObject({ logicalId: STACK_NAME, resourceType: 'AWS::CloudFormation::Stack', status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' });
    expect(events.filter((e) => e.logicalId === 'First').map((e) => e.status)).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    expect(events.at(-1)).toMatchObject({ logicalId: STACK_NAME, status: 'CREATE_COMPLETE' });
  });

  test('create requests are CloudFormation\'s: every scalar a string, intrinsics resolved, a fresh RequestId', () => {
    const [first, , second] = engine.exchanges();
    expect(first.request).toEqual({
      RequestType: 'Create',
      ServiceToken: expect.stringMatching(/^arn:aws:lambda:us-east-1:123456789012:function:CloudFormationFixture-SyncProvider/),
      ResponseURL: expect.stringMatching(/^https:\/\/cloudformation-custom-resource-response-useast1\.s3\.us-east-1\.amazonaws\.com\/arn%3Aaws%3Acloudformation.*%7CFirst%7C/),
      StackId: engine.stackId,
      RequestId: expect.stringMatching(UUID),
      LogicalResourceId: 'First',
      ResourceType: RESOURCE_TYPE,
      ResourceProperties: {
        ServiceToken: first.request.ServiceToken,
        Value: 'one',
        Count: '3',
        Enabled: 'true',
        Nested: { List: ['1', 'false', 'x', { Deep: '2.5' }] },
      },
    });
    expect(second.request.RequestId).not.toBe(first.request.RequestId);
    const bucket = engine.resource('Bucket').physicalId;
    expect(second.request.ResourceProperties).toMatchObject({ BucketArn: `arn:aws:s3:::${bucket}`, FromFirst: 'one', Joined: `${bucket}/b` });
    // What the user's handler received: the framework's payload, with the real ResponseURL.
    const received = engine.invocations(ON_EVENT_FUNCTION).map((i) => i.event as { RequestId: string; ResponseURL: string });
    expect(received[0]).toMatchObject({ RequestId: first.request.RequestId, ResponseURL: first.request.ResponseURL });
  });

  test('each response is the framework\'s PUT to the response URL', () => {
    const [first] = engine.exchanges();
    expect(first.responses).toHaveLength(1);
    expect(JSON.parse(first.responses[0].body)).toEqual({
      Status: 'SUCCESS',
      Reason: 'SUCCESS',
      StackId: engine.stackId,
      RequestId: first.request.RequestId,
      PhysicalResourceId: 'First-physical',
      LogicalResourceId: 'First',
      Data: { Value: 'one', RequestType: 'Create', Invocation: '1' },
    });
    expect(first.serviceTimeoutSeconds).toBe(3600);
  });

  test('update: in place, replacement, addition, then cleanup deletes the replaced and removed ones', async () => {
    const before = engine.exchanges().length;
    const firstBefore = engine.resource('First');
    const result = await engine.update(v2);
    expect(result.status).toBe('UPDATE_COMPLETE');
    const sent = engine.exchanges().slice(before);
    expect(requests(sent)).toEqual([
      ['Update', 'First', 'First-physical'],
      ['Update', 'Second', 'second-v1'],
      ['Create', 'Third', undefined],
      // Cleanup: the old Second (its old properties); Kept is retained, so no request.
      ['Delete', 'Second', 'second-v1'],
    ]);
    expect(sent[0].request.OldResourceProperties).toEqual(firstBefore.properties);
    expect(sent[0].request.ResourceProperties).toMatchObject({ Value: 'one-changed', Count: '3' });
    expect(sent[3].request.ResourceProperties).toMatchObject({ PhysicalId: 'second-v1', FromFirst: 'one' });
    expect(engine.resource('First')).toMatchObject({ physicalId: 'First-physical', attributes: { Value: 'one-changed', RequestType: 'Update' } });
    expect(engine.resource('Second').physicalId).toBe('second-v2');
    expect(engine.resources.map((r) => r.logicalId)).not.toContain('Kept');
    expect(result.events.map((e) => `${e.logicalId} ${e.status}`)).toEqual([
      `${STACK_NAME} UPDATE_IN_PROGRESS`,
      'First UPDATE_IN_PROGRESS', 'First UPDATE_COMPLETE',
      'Second UPDATE_IN_PROGRESS', 'Second UPDATE_COMPLETE',
      'Third CREATE_IN_PROGRESS', 'Third CREATE_COMPLETE',
      `${STACK_NAME} UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`,
      'Second DELETE_IN_PROGRESS', 'Second DELETE_COMPLETE',
      // Removed from the template, but retained (an S3 bucket's default, and Kept's policy).
      'Bucket DELETE_SKIPPED', 'Kept DELETE_SKIPPED',
      `${STACK_NAME} UPDATE_COMPLETE`,
    ]);
  });

  test('an update with nothing changed sends nothing', async () => {
    const before = engine.exchanges().length;
    const result = await engine.update(v2);
    expect(result).toEqual({ status: 'UPDATE_COMPLETE', reason: 'No updates are to be performed.', events: [] });
    expect(engine.exchanges()).toHaveLength(before);
  });

  test('destroy: dependents first, DELETE_COMPLETE', async () => {
    const before = engine.exchanges().length;
    const result = await engine.destroy();
    expect(result.status).toBe('DELETE_COMPLETE');
    expect(requests(engine.exchanges().slice(before))).toEqual([
      ['Delete', 'Third', 'Third-physical'],
      ['Delete', 'Second', 'second-v2'],
      ['Delete', 'First', 'First-physical'],
    ]);
    expect(engine.resources).toEqual([]);
    expect(engine.exchanges().every((e) => e.outcome.status === 'SUCCESS')).toBe(true);
  });

  test('a destroyed stack deploys again with a new stack id', async () => {
    const oldId = engine.stackId;
    expect((await engine.deploy(v2)).status).toBe('CREATE_COMPLETE');
    expect(engine.stackId).not.toBe(oldId);
  });
});

test('DeletionPolicy Retain: destroy sends no Delete for the retained resource', async () => {
  const engine = new LocalCloudFormation();
  await engine.deploy(v1);
  const result = await engine.destroy();
  expect(result.status).toBe('DELETE_COMPLETE');
  expect(result.events.filter((e) => e.logicalId === 'Kept').map((e) => e.status)).toEqual(['DELETE_SKIPPED']);
  expect(engine.exchanges('Kept').map((e) => e.request.RequestType)).toEqual(['Create']);
});
