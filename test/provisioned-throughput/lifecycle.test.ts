/*
 * Provisioned throughputs against the Bedrock emulator: created and waited
 * for until InService, renamed and moved to another model in place, replaced
 * for new model units, and a committed one that Bedrock will not delete.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { Commitment, CustomModel, ProvisionedThroughput, ProvisionedThroughputProps } from '../../src';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';
import { withProvenance } from '../support/provenance';

const lifecycle = useLifecycle();

/** A stack with one throughput for the model `modelArn`. */
function throughputStack(modelArn: string, props: Partial<ProvisionedThroughputProps> = {}) {
  const stack = newStack();
  const throughput = new ProvisionedThroughput(stack, 'Throughput', { model: CustomModel.fromCustomModelArn(stack, 'Model', modelArn), ...props });
  return { artifact: synthesize(stack), logicalId: stack.getLogicalId(throughput.node.defaultChild as never) };
}

const arnOf = (engine: ReturnType<typeof lifecycle.engine>, logicalId: string) => String(engine.resource(logicalId).attributes.ProvisionedModelArn);

/** A new engine that has created the stack of throughputStack(modelArn, props): the engine, and the throughput's logical id and ARN. */
async function deployed(modelArn: string, props: Partial<ProvisionedThroughputProps> = {}) {
  const engine = lifecycle.engine();
  const { artifact, logicalId } = throughputStack(modelArn, props);
  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  return { engine, logicalId, arn: arnOf(engine, logicalId) };
}

test('a throughput for an imported model is created, waited for until InService, and deleted with the stack', async () => {
  const { emulator } = lifecycle;
  emulator.throughputs.defaultPlan = { creating: { polls: 2 } };
  const imported = emulator.customModels.add({ modelName: 'support-assistant', customizationType: 'IMPORTED' });

  const { engine, arn } = await deployed(imported, { modelUnits: 2, tags: { team: 'support' } });

  expect(emulator.throughputs.get(arn)).toMatchObject({ status: 'InService', modelArn: imported, modelUnits: 2 });
  expect(emulator.tags.list(arn)).toEqual(withProvenance('LifecycleStack/Throughput', [{ key: 'team', value: 'support' }]));
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.throughputs.has(arn)).toBe(false);
});

test('a new name and another model change the throughput in place; new model units replace it', async () => {
  const { emulator } = lifecycle;
  const first = emulator.customModels.add({ modelName: 'support-1' });
  const second = emulator.customModels.add({ modelName: 'support-2' });
  const { engine, logicalId, arn } = await deployed(first, { provisionedModelName: 'support' });

  expect((await engine.update(throughputStack(second, { provisionedModelName: 'support-v2' }).artifact)).status).toBe('UPDATE_COMPLETE');
  expect(arnOf(engine, logicalId)).toBe(arn);
  expect(emulator.throughputs.get(arn)).toMatchObject({ provisionedModelName: 'support-v2', modelArn: second, status: 'InService' });

  expect((await engine.update(throughputStack(second, { provisionedModelName: 'support-v3', modelUnits: 2 }).artifact)).status).toBe('UPDATE_COMPLETE');
  const replacement = arnOf(engine, logicalId);
  expect(replacement).not.toBe(arn);
  expect(emulator.throughputs.has(arn)).toBe(false);
  expect(emulator.throughputs.get(replacement)).toMatchObject({ modelUnits: 2, provisionedModelName: 'support-v3' });
});

test('a committed throughput with RETAIN is kept when the stack goes', async () => {
  const { emulator } = lifecycle;
  const model = emulator.customModels.add({ modelName: 'support' });
  const { engine, arn } = await deployed(model, { commitment: Commitment.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN });

  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.throughputs.get(arn).status).toBe('InService');
  expect(emulator.callsTo('DeleteProvisionedModelThroughput')).toEqual([]);
});

test('a committed throughput being deleted before its term: the Delete fails saying when the term ends and what to do', async () => {
  const { emulator } = lifecycle;
  const model = emulator.customModels.add({ modelName: 'support' });
  const { engine, logicalId, arn } = await deployed(model, { commitment: Commitment.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

  const result = await engine.destroy();

  expect(result.status).toBe('DELETE_FAILED');
  const reason = result.events.find((e) => e.logicalId === logicalId && e.status === 'DELETE_FAILED')!.reason!;
  expect(reason).toContain(arn);
  expect(reason).toMatch(/commitment/i);
  expect(reason).toContain(emulator.throughputs.get(arn).commitmentExpirationTime!.toISOString().slice(0, 10));
  expect(reason).toMatch(/RemovalPolicy\.RETAIN/);
  expect(reason).toMatch(/--retain-resources/);
  expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(4096);
  expect(emulator.throughputs.get(arn).status).toBe('InService');
});

test('a throughput that fails fails the resource with Bedrock\'s message, and the rollback deletes it', async () => {
  const { emulator } = lifecycle;
  const failureMessage = 'Insufficient capacity for the requested model units.';
  emulator.throughputs.defaultPlan = { outcome: { status: 'Failed', failureMessage } };
  const model = emulator.customModels.add({ modelName: 'support' });
  const engine = lifecycle.engine();

  const result = await engine.deploy(throughputStack(model).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(failureMessage);
  const [created] = emulator.callsTo('CreateProvisionedModelThroughput');
  expect(emulator.throughputs.has(String(created.input.provisionedModelName))).toBe(false);
});
