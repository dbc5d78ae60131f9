/*
 * The local CloudFormation engine's rollbacks: a failed Create (the Provider
 * framework answers with a marker id and ignores the Delete that follows), a
 * failed rollback, a failed Update (Updates back, then the new resources
 * deleted), a failed Update back, a failed Delete, a function's code
 * changed and changed back.
 */
import * as path from 'path';
import { ON_EVENT_FUNCTION, STACK_NAME, synthesizeFixture } from './cloudformation-fixtures/stacks';
import { Exchange, Invocation, LocalCloudFormation, SynthesizedStack, Template } from '../../emulator/cloudformation';

/** The physical id the Provider framework answers a failed Create with. */
const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

const requests = (exchanges: readonly Exchange[]) => exchanges.map((e) => `${e.request.RequestType} ${e.request.LogicalResourceId} ${e.outcome.status}`);

describe('a failed Create', () => {
  const engine = new LocalCloudFormation();
  let result: Awaited<ReturnType<LocalCloudFormation['deploy']>>;
  beforeAll(async () => {
    result = await engine.deploy(synthesizeFixture({ Good: {}, Bad: { properties: { FailOn: 'Create' }, dependsOn: ['Good'] } }));
  });

  test('rolls back: ROLLBACK_COMPLETE with the handler\'s error as the reason', () => {
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    const [bad] = engine.exchanges('Bad');
    expect(result.reason).toBe(`Received response status [FAILED] from custom resource. Message returned: ${JSON.parse(bad.responses[0].body).Reason} (RequestId: ${bad.request.RequestId})`);
    // The framework's reason: the error with its stack, and where the handler's logs are.
    expect(result.reason).toMatch(/Message returned: told to fail on Create\n\nLogs: \/aws\/lambda\/CloudFormationFixture-OnEventHandler-\w+\n/);
    expect(result.events.filter((e) => e.logicalId === STACK_NAME).map((e) => [e.status, e.reason])).toEqual([
      ['CREATE_IN_PROGRESS', 'User Initiated'],
      ['ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Bad]. Rollback requested by user.'],
      ['ROLLBACK_COMPLETE', undefined],
    ]);
    expect(engine.resources).toEqual([]);
  });

  test('deletes every resource created, newest first, the failed one with the marker id', () => {
    expect(requests(engine.exchanges())).toEqual(['Create Good SUCCESS', 'Create Bad FAILED', 'Delete Bad SUCCESS', 'Delete Good SUCCESS']);
    const [create, del] = engine.exchanges('Bad');
    expect(create.outcome).toMatchObject({ status: 'FAILED', physicalResourceId: CREATE_FAILED_MARKER });
    expect(del.request.PhysicalResourceId).toBe(CREATE_FAILED_MARKER);
    const deleted = engine.events.filter((e) => e.status === 'DELETE_COMPLETE').map((e) => e.logicalId);
    expect(deleted.slice(0, 2)).toEqual(['Bad', 'Good']);
    expect(deleted).toContain(ON_EVENT_FUNCTION);
  });

  test('the framework ignores the marker Delete: the handler never sees it', () => {
    const deletesSeen = engine.invocations(ON_EVENT_FUNCTION).map((i) => i.event as { RequestType: string; LogicalResourceId: string })
      .filter((e) => e.RequestType === 'Delete').map((e) => e.LogicalResourceId);
    expect(deletesSeen).toEqual(['Good']);
    const markerDelete = (i: Invocation) => (i.event as { PhysicalResourceId?: string }).PhysicalResourceId === CREATE_FAILED_MARKER;
    expect(engine.invocations().find(markerDelete)?.logs.map((l) => l.message)).toContain('[provider-framework] ignoring DELETE event caused by a failed CREATE event');
  });
});

test('a failed Delete during rollback: ROLLBACK_FAILED, then destroy fails and keeps what the resource depends on', async () => {
  const engine = new LocalCloudFormation();
  const result = await engine.deploy(synthesizeFixture({ Stuck: { properties: { FailOn: 'Delete' } }, Bad: { properties: { FailOn: 'Create' }, dependsOn: ['Stuck'] } }));
  expect(result.status).toBe('ROLLBACK_FAILED');
  // Stuck, and what it needs to be deleted later: the provider's functions and roles.
  const remaining = engine.resources.map((r) => r.logicalId);
  expect(remaining).toEqual(expect.arrayContaining(['Stuck', ON_EVENT_FUNCTION, expect.stringMatching(/^SyncProviderframeworkonEvent[0-9A-F]{8}$/)]));
  expect(remaining).not.toContain('Bad');

  const destroyed = await engine.destroy();
  expect(destroyed).toMatchObject({ status: 'DELETE_FAILED', reason: expect.stringContaining('told to fail on Delete') });
  expect(engine.resources.map((r) => r.logicalId)).toEqual(remaining);
});

describe('a failed Update', () => {
  const v1 = synthesizeFixture({
    InPlace: { properties: { Value: 'a1' } },
    Replaced: { properties: { PhysicalId: 'r1' } },
    Failing: { properties: { Value: 'b1' } },
  });
  const v2 = synthesizeFixture({
    InPlace: { properties: { Value: 'a2' } },
    Replaced: { properties: { PhysicalId: 'r2' } },
    Added: { properties: { Value: 'c' } },
    Failing: { properties: { Value: 'b2', FailOn: 'Update' }, dependsOn: ['InPlace', 'Replaced', 'Added'] },
  });
  const engine = new LocalCloudFormation();
  let result: Awaited<ReturnType<LocalCloudFormation['update']>>;
  let before: number;
  beforeAll(async () => {
    await engine.deploy(v1);
    before = engine.exchanges().length;
    result = await engine.update(v2);
  });

  test('rolls back: UPDATE_ROLLBACK_COMPLETE, the stack as it was', () => {
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.events.filter((e) => e.logicalId === STACK_NAME).map((e) => [e.status, e.reason])).toEqual([
      ['UPDATE_IN_PROGRESS', 'User Initiated'],
      ['UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Failing].'],
      ['UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined],
      ['UPDATE_ROLLBACK_COMPLETE', undefined],
    ]);
    expect(engine.resource('InPlace')).toMatchObject({ physicalId: 'InPlace-physical', properties: { Value: 'a1' } });
    expect(engine.resource('Replaced').physicalId).toBe('r1');
    expect(engine.resource('Failing').properties).toMatchObject({ Value: 'b1' });
    expect(engine.resources.map((r) => r.logicalId)).not.toContain('Added');
  });

  test('sends Updates back (the failed resource first), then deletes what the update created', () => {
    const sent = engine.exchanges().slice(before);
    expect(requests(sent)).toEqual([
      'Update InPlace SUCCESS', 'Update Replaced SUCCESS', 'Create Added SUCCESS', 'Update Failing FAILED',
      'Update Failing SUCCESS', 'Update InPlace SUCCESS',
      'Delete Added SUCCESS', 'Delete Replaced SUCCESS',
    ]);
    const [, , , , failingBack, inPlaceBack, , replacement] = sent;
    expect(failingBack.request).toMatchObject({
      PhysicalResourceId: 'Failing-physical',
      ResourceProperties: { Value: 'b1' },
      OldResourceProperties: { Value: 'b2', FailOn: 'Update' },
    });
    expect(inPlaceBack.request).toMatchObject({ ResourceProperties: { Value: 'a1' }, OldResourceProperties: { Value: 'a2' } });
    expect(replacement.request).toMatchObject({ PhysicalResourceId: 'r2', ResourceProperties: { PhysicalId: 'r2' } });
  });

  test('the stack can be updated again', async () => {
    const again = await engine.update(synthesizeFixture({ InPlace: { properties: { Value: 'a3' } }, Replaced: { properties: { PhysicalId: 'r1' } }, Failing: { properties: { Value: 'b1' } } }));
    expect(again.status).toBe('UPDATE_COMPLETE');
    expect(engine.resource('InPlace').attributes.Value).toBe('a3');
  });
});

test('a failed Update back: UPDATE_ROLLBACK_FAILED, and the stack can no longer be updated', async () => {
  const engine = new LocalCloudFormation();
  const v1 = synthesizeFixture({ Failing: { properties: { Value: 'b1', FailOn: 'Update' } } });
  await engine.deploy(v1);
  const result = await engine.update(synthesizeFixture({ Failing: { properties: { Value: 'b2', FailOn: 'Update' } } }));
  expect(result.status).toBe('UPDATE_ROLLBACK_FAILED');
  expect(requests(engine.exchanges('Failing'))).toEqual(['Create Failing SUCCESS', 'Update Failing FAILED', 'Update Failing FAILED']);
  await expect(engine.update(v1)).rejects.toThrow(/is in UPDATE_ROLLBACK_FAILED state and can not be updated/);
});

test('a function\'s new code comes from the update\'s assets, its old code back from the earlier ones on rollback', async () => {
  const v1 = SynthesizedStack.fromArtifact(synthesizeFixture({ Failing: { properties: { Value: 'b1' } } }));
  const template = JSON.parse(JSON.stringify(v1.template)) as Template & { Resources: Record<string, { Properties: Record<string, any> }> };
  template.Resources[ON_EVENT_FUNCTION].Properties.Code.S3Key = 'new-code.zip';
  template.Resources.Failing.Properties.FailOn = 'Update';
  // Only the new code is in this version's assets; the framework's code is in the first version's.
  const v2 = SynthesizedStack.fromTemplate(STACK_NAME, template, { 'new-code.zip': path.join(__dirname, 'cloudformation-fixtures', 'handlers') });
  const engine = new LocalCloudFormation();
  await engine.deploy(v1);
  const oldKey = (engine.resource(ON_EVENT_FUNCTION).properties.Code as { S3Key: string }).S3Key;

  const result = await engine.update(v2);
  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(result.events.filter((e) => e.logicalId === ON_EVENT_FUNCTION).map((e) => e.status)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
  expect(engine.resource(ON_EVENT_FUNCTION).properties.Code).toMatchObject({ S3Key: oldKey });
  // New code, new execution environment: the handler counts afresh (the failed Update threw before counting).
  expect(engine.exchanges('Failing').map((e) => e.outcome.status === 'SUCCESS' && e.outcome.data.Invocation)).toEqual(['1', false, '1']);
  expect(engine.resource('Failing').attributes).toMatchObject({ Value: 'b1' });
});
