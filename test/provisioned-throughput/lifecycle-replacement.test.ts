/*
 * Provisioned throughput changes that need a new throughput, against the
 * Bedrock emulator: a model that Bedrock cannot swap in place, new model
 * units or a new commitment. Without a commitment the throughput is
 * replaced; with one, nothing is bought unless the user accepts paying for
 * both; a committed throughput that a rollback or a cleanup cannot delete is
 * left with what to do.
 */
import { RemovalPolicy, Stack, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { Commitment, CustomModel, ProvisionedThroughput, ProvisionedThroughputProps } from '../../src';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';

const lifecycle = useLifecycle();
const NOVA_MICRO = 'amazon.nova-micro-v1:0:128k';
const NOVA_LITE = 'amazon.nova-lite-v1:0:300k';

/** A custom model by ARN, or a foundation model by id. */
function modelOf(stack: Stack, model: string): bedrock.IModel {
  return model.includes(':custom-model/')
    ? CustomModel.fromCustomModelArn(stack, 'Model', model)
    : bedrock.FoundationModel.fromFoundationModelId(stack, 'Model', new bedrock.FoundationModelIdentifier(model));
}

/** A stack with the throughput `Throughput` for `model`, and, when `doomed`, a second one created after it that fails. */
function throughputStack(model: string, props: Partial<ProvisionedThroughputProps> = {}, doomed = false) {
  const stack = newStack();
  const served = modelOf(stack, model);
  const throughput = new ProvisionedThroughput(stack, 'Throughput', { model: served, ...props });
  if (doomed) new ProvisionedThroughput(stack, 'Doomed', { model: served, provisionedModelName: 'doomed' }).node.addDependency(throughput);
  return { artifact: synthesize(stack), logicalId: stack.getLogicalId(throughput.node.defaultChild as never) };
}

/** A new engine that has created the stack of throughputStack(model, props): the engine, and the throughput's logical id and ARN. */
async function deployed(model: string, props: Partial<ProvisionedThroughputProps> = {}) {
  const engine = lifecycle.engine();
  const { artifact, logicalId } = throughputStack(model, props);
  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  return { engine, logicalId, arn: arnOf(engine, logicalId) };
}

const arnOf = (engine: ReturnType<typeof lifecycle.engine>, logicalId: string) => String(engine.resource(logicalId).attributes.ProvisionedModelArn);
const fm = (modelId: string) => `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`;
const committed = { commitment: Commitment.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY };

describe('a model Bedrock cannot swap in place', () => {
  test.each([
    ['a throughput of a foundation model, to a custom model of that base', NOVA_MICRO, () => lifecycle.emulator.customModels.add({ modelName: 'tuned' })],
    ['a throughput of a custom model, to a custom model of another base',
      () => lifecycle.emulator.customModels.add({ modelName: 'tuned' }),
      () => lifecycle.emulator.customModels.add({ modelName: 'tuned-lite', baseModelId: NOVA_LITE })],
  ])('%s: without a commitment, a new throughput serves it and the old one is deleted', async (_what, from, to) => {
    const { emulator } = lifecycle;
    const { engine, logicalId, arn } = await deployed(typeof from === 'string' ? from : from());
    const target = to();

    const result = await engine.update(throughputStack(target).artifact);

    expect(result.status).toBe('UPDATE_COMPLETE');
    const replacement = arnOf(engine, logicalId);
    expect(replacement).not.toBe(arn);
    expect(emulator.throughputs.get(replacement)).toMatchObject({ status: 'InService', modelArn: target });
    expect(emulator.throughputs.has(arn)).toBe(false);
    expect(emulator.callsTo('UpdateProvisionedModelThroughput')).toEqual([]);
  });

  test('its base model, or a custom model of the same base, changes a custom model\'s throughput in place', async () => {
    const { emulator } = lifecycle;
    const tuned = emulator.customModels.add({ modelName: 'tuned' });
    const { engine, logicalId, arn } = await deployed(tuned, committed);

    expect((await engine.update(throughputStack(emulator.customModels.add({ modelName: 'retuned' }), committed).artifact)).status).toBe('UPDATE_COMPLETE');
    expect((await engine.update(throughputStack(NOVA_MICRO, committed).artifact)).status).toBe('UPDATE_COMPLETE');

    expect(arnOf(engine, logicalId)).toBe(arn);
    expect(emulator.throughputs.get(arn)).toMatchObject({ status: 'InService', modelArn: fm(NOVA_MICRO) });
    expect(emulator.callsTo('CreateProvisionedModelThroughput')).toHaveLength(1);
  });

  test.each(['served', 'purchased'] as const)('moved to its base, then to a custom model: replaced, whether Bedrock reads the association as %s', async (reading) => {
    const { emulator } = lifecycle;
    emulator.throughputs.rules.baseModelAssociation = reading;
    const tuned = emulator.customModels.add({ modelName: 'tuned' });
    const { engine, logicalId, arn } = await deployed(tuned);
    expect((await engine.update(throughputStack(NOVA_MICRO).artifact)).status).toBe('UPDATE_COMPLETE');
    expect(arnOf(engine, logicalId)).toBe(arn);

    expect((await engine.update(throughputStack(tuned).artifact)).status).toBe('UPDATE_COMPLETE');

    const replacement = arnOf(engine, logicalId);
    expect(replacement).not.toBe(arn);
    expect(emulator.throughputs.get(replacement)).toMatchObject({ status: 'InService', modelArn: tuned });
  });

  test('a committed throughput: the update fails before anything is bought, naming the reason and the cost', async () => {
    const { emulator } = lifecycle;
    const { engine, logicalId, arn } = await deployed(NOVA_MICRO, committed);
    const until = emulator.throughputs.get(arn).commitmentExpirationTime!.toISOString();

    const result = await engine.update(throughputStack(emulator.customModels.add({ modelName: 'tuned' }), committed).artifact);

    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    const reason = result.events.find((e) => e.logicalId === logicalId && e.status === 'UPDATE_FAILED')!.reason!;
    expect(reason).toContain(`Cannot replace provisioned throughput ${arn}: changing modelId requires a new throughput, as it serves the foundation model ${fm(NOVA_MICRO)}`);
    expect(reason).toContain(`OneMonth commitment until ${until}`);
    expect(reason).toContain('allowReplacementDuringTerm');
    expect(emulator.callsTo('CreateProvisionedModelThroughput')).toHaveLength(1);
    expect(emulator.callsTo('UpdateProvisionedModelThroughput')).toEqual([]);
    expect(emulator.throughputs.get(arn)).toMatchObject({ status: 'InService', modelArn: fm(NOVA_MICRO) });
  });
});

describe('new model units or a new commitment', () => {
  test('of a committed throughput: the update fails before anything is bought, with the cost named', async () => {
    const { emulator } = lifecycle;
    const model = emulator.customModels.add({ modelName: 'support' });
    const { engine, logicalId, arn } = await deployed(model, committed);
    const until = emulator.throughputs.get(arn).commitmentExpirationTime!.toISOString();

    const result = await engine.update(throughputStack(model, { ...committed, modelUnits: 2 }).artifact);

    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    const reason = result.events.find((e) => e.logicalId === logicalId && e.status === 'UPDATE_FAILED')!.reason!;
    expect(reason).toContain(`Cannot replace provisioned throughput ${arn}: changing modelUnits requires a new throughput, and this one has a OneMonth commitment until ${until}`);
    expect(reason).toContain('1 model unit until');
    expect(reason).toContain('2 model units for another OneMonth term');
    expect(reason).toContain('Nothing was bought');
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(4096);
    expect(emulator.callsTo('CreateProvisionedModelThroughput')).toHaveLength(1);
    expect(arnOf(engine, logicalId)).toBe(arn);
  });

  test('allowReplacementDuringTerm buys the new one; the old one, which Bedrock will not delete yet, is left with what to do', async () => {
    const { emulator } = lifecycle;
    const model = emulator.customModels.add({ modelName: 'support' });
    const { engine, logicalId, arn } = await deployed(model, committed);

    const result = await engine.update(throughputStack(model, { ...committed, modelUnits: 2, allowReplacementDuringTerm: true }).artifact);

    expect(result.status).toBe('UPDATE_COMPLETE');
    const replacement = arnOf(engine, logicalId);
    expect(emulator.throughputs.get(replacement)).toMatchObject({ status: 'InService', modelUnits: 2, commitmentDuration: 'OneMonth' });
    const until = emulator.throughputs.get(arn).commitmentExpirationTime!.toISOString();
    const left = result.events.find((e) => e.logicalId === logicalId && e.status === 'DELETE_FAILED')!.reason!;
    expect(left).toContain(`Cannot delete provisioned throughput ${arn}: its OneMonth commitment runs until ${until}`);
    expect(left).toContain('CloudFormation leaves it outside the stack');
    expect(emulator.throughputs.get(arn).status).toBe('InService');
  });

  test('a rollback after a committed throughput was bought cannot delete it: the Delete says what to do', async () => {
    const { emulator } = lifecycle;
    const model = emulator.customModels.add({ modelName: 'support' });
    const { engine, logicalId, arn } = await deployed(model);
    emulator.throughputs.planFor('doomed', { outcome: { status: 'Failed', failureMessage: 'Insufficient capacity.' } });

    // No commitment before: buying the committed one needs no consent. Then the next resource fails.
    const result = await engine.update(throughputStack(model, committed, true).artifact);

    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(arnOf(engine, logicalId)).toBe(arn);
    const [, bought] = emulator.callsTo('CreateProvisionedModelThroughput');
    const newArn = emulator.throughputs.get(String(bought.input.provisionedModelName)).provisionedModelArn!;
    const until = emulator.throughputs.get(newArn).commitmentExpirationTime!.toISOString();
    const refused = result.events.find((e) => e.logicalId === logicalId && e.status === 'DELETE_FAILED')!.reason!;
    expect(refused).toContain(`Cannot delete provisioned throughput ${newArn}: its OneMonth commitment runs until ${until}`);
    expect(refused).toContain(`aws bedrock delete-provisioned-model-throughput --provisioned-model-id ${newArn}`);
    expect(refused).toContain('CloudFormation leaves it outside the stack');
    expect(Buffer.byteLength(refused)).toBeLessThanOrEqual(4096);
    expect(emulator.throughputs.get(newArn).status).toBe('InService');
  });
});
