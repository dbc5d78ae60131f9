/*
 * Custom::BedrockNovaModelImport deployed, updated and deleted as
 * CloudFormation does, against the local Bedrock emulator.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { importStack, SOURCE } from './lifecycle-stacks';
import { useLifecycle } from '../lifecycle/harness';
import { withProvenance } from '../support/provenance';

const lifecycle = useLifecycle();
const modelArnOf = (physicalId: string) => physicalId.split('#')[0];

test('create imports the model and completes once it is Active, exposing its ARN and name', async () => {
  const { emulator } = lifecycle;
  emulator.customModels.defaultPlan = { creating: { polls: 2 } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack();

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  const { physicalId, attributes } = engine.resource(logicalId);
  const modelArn = modelArnOf(physicalId);
  expect(attributes).toEqual({ ModelArn: modelArn, ModelName: expect.stringMatching(/^LifecycleStack-Import[0-9A-F]{8}-[0-9a-f]{8}$/) });
  expect(emulator.customModels.get(modelArn)).toMatchObject({ modelStatus: 'Active', customizationType: 'IMPORTED', modelName: attributes.ModelName });
  expect(emulator.tags.list(modelArn)).toEqual(withProvenance('LifecycleStack/Import', [{ key: 'team', value: 'support' }]));
  expect(emulator.callsTo('CreateCustomModel').map((c) => c.input)).toEqual([expect.objectContaining({ modelSourceConfig: { s3DataSource: { s3Uri: SOURCE } } })]);
  expect(emulator.callsTo('GetCustomModel')).toHaveLength(2);
});

test('a model that fails fails the resource with Bedrock\'s message, and the rollback Delete deletes it', async () => {
  const { emulator } = lifecycle;
  emulator.customModels.defaultPlan = { outcome: { status: 'Failed', failureMessage: 'The artifacts are not a Nova model.' } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack({ removalPolicy: RemovalPolicy.RETAIN });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain('Message returned: The artifacts are not a Nova model. (custom model arn:aws:bedrock:');
  const rollbackDelete = engine.exchanges(logicalId).at(-1)!;
  expect(rollbackDelete.request.RequestType).toBe('Delete');
  expect(rollbackDelete.outcome.status).toBe('SUCCESS');
  expect(emulator.customModels.list().items).toEqual([]);
});

test('the same Create delivered twice imports one model', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack();
  await engine.deploy(artifact);
  const first = engine.exchanges(logicalId)[0];

  await engine.sendRequest(logicalId, { requestType: 'Create', requestId: first.request.RequestId });

  expect(emulator.callsTo('CreateCustomModel')).toHaveLength(2);
  expect(emulator.customModels.list().items).toHaveLength(1);
});

test('delete removes the model (DESTROY), and succeeds when it is already gone', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack();
  await engine.deploy(artifact);
  const modelArn = modelArnOf(engine.resource(logicalId).physicalId);

  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.customModels.has(modelArn)).toBe(false);

  const again = lifecycle.engine();
  await again.deploy(artifact);
  emulator.customModels.delete(modelArnOf(again.resource(logicalId).physicalId));
  expect((await again.destroy()).status).toBe('DELETE_COMPLETE');
});

test('a model in use by a provisioned throughput fails the delete with a message that says so', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack();
  await engine.deploy(artifact);
  emulator.customModels.setInUse(modelArnOf(engine.resource(logicalId).physicalId));

  const result = await engine.destroy();

  expect(result.status).toBe('DELETE_FAILED');
  expect(result.reason).toContain('The model is in use, for example by a provisioned throughput');
});

test('a tag-only update changes the tags in place', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const before = importStack();
  await engine.deploy(before.artifact);
  const physicalId = engine.resource(before.logicalId).physicalId;

  expect((await engine.update(importStack({ modelTags: { team: 'ml', stage: 'prod' } }).artifact)).status).toBe('UPDATE_COMPLETE');

  expect(engine.resource(before.logicalId).physicalId).toBe(physicalId);
  expect(emulator.tags.list(modelArnOf(physicalId))).toEqual(expect.arrayContaining([{ key: 'team', value: 'ml' }, { key: 'stage', value: 'prod' }]));
  expect(emulator.callsTo('CreateCustomModel')).toHaveLength(1);
});

test('a passed deadline fails the resource; the rollback waits for the model to leave Creating and deletes it, though RETAIN', async () => {
  const { emulator } = lifecycle;
  // Still Creating at the timeout (2 minutes: 4 polls), Active some polls later.
  emulator.customModels.defaultPlan = { creating: { polls: 12 } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack({ completionTimeout: Duration.minutes(2), removalPolicy: RemovalPolicy.RETAIN });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/Custom model arn:aws:bedrock:\S+ did not become Active within the completion timeout \(.+\); it is Creating\./);
  const [create, rollback] = engine.exchanges(logicalId);
  expect(create.outcome.physicalResourceId).toMatch(/#pending$/);
  expect(rollback).toMatchObject({ request: { RequestType: 'Delete' }, outcome: { status: 'SUCCESS' } });
  expect(emulator.customModels.list().items).toEqual([]);
  expect(emulator.callsTo('DeleteCustomModel')).toHaveLength(1);
});

test('a model that Fails after the timeout is deleted by the rollback too', async () => {
  const { emulator } = lifecycle;
  emulator.customModels.defaultPlan = { creating: { polls: 8 }, outcome: { status: 'Failed', failureMessage: 'The artifacts are not a Nova model.' } };
  const engine = lifecycle.engine();
  const { artifact } = importStack({ completionTimeout: Duration.minutes(2), removalPolicy: RemovalPolicy.RETAIN });

  expect((await engine.deploy(artifact)).status).toBe('ROLLBACK_COMPLETE');
  expect(emulator.customModels.list().items).toEqual([]);
});

test('a model still Creating when the rollback\'s bound passes fails the rollback, saying what to do', async () => {
  const { emulator } = lifecycle;
  emulator.customModels.defaultPlan = { creating: { polls: 1_000 } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack({ completionTimeout: Duration.minutes(2) });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_FAILED');
  const rollback = engine.exchanges(logicalId).at(-1)!;
  expect(rollback.request.RequestType).toBe('Delete');
  expect(rollback.outcome).toMatchObject({
    status: 'FAILED',
    reason: expect.stringMatching(/is still Creating after 55 minutes, and a model cannot be deleted while it is Creating\. Delete it once it is Active or Failed/),
  });
  expect(emulator.callsTo('DeleteCustomModel')).toEqual([]);
});

test('a stack deleted while nothing is pending keeps the model under RETAIN', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack({ removalPolicy: RemovalPolicy.RETAIN });
  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  const physicalId = engine.resource(logicalId).physicalId;
  expect(physicalId).not.toMatch(/#pending$/);

  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.customModels.has(modelArnOf(physicalId))).toBe(true);
});

describe('the API model', () => {
  test('no request in this file broke one of its rules', () => {
    expect(lifecycle.violations).toEqual([]);
  });
});
