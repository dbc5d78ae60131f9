/*
 * Provisioned Throughput in the emulator: creation on a plan for foundation,
 * custom and imported models, names, renames and model changes, commitment
 * terms, deletion, tags, idempotency, and what other code learns in-process.
 */
import {
  ConflictException,
  CreateCustomModelCommand,
  CreateProvisionedModelThroughputCommand,
  CreateProvisionedModelThroughputCommandInput,
  DeleteCustomModelCommand,
  DeleteProvisionedModelThroughputCommand,
  GetCustomModelCommand,
  GetProvisionedModelThroughputCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
  UpdateProvisionedModelThroughputCommand,
  UpdateProvisionedModelThroughputCommandInput,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { BedrockEmulator, createBedrockClient } from '../../emulator/bedrock';
import { CONSTRAINTS } from '../../src/contract/constraints';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { importRequest } from '../emulator/bedrock-fixtures/requests';
import { rejectionOf } from '../emulator/bedrock-fixtures/sdk';

const env = useEmulator();

const THROUGHPUT_ARN = /^arn:aws:bedrock:us-east-1:123456789012:provisioned-model\/[a-z0-9]{12}$/;
const NOVA_MICRO = 'amazon.nova-micro-v1:0:128k';
const fm = (modelId: string) => `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`;

/** An Active fine-tuned model, as a completed job leaves it. */
const tunedModel = (modelName: string, baseModelId = NOVA_MICRO, customizationType: 'FINE_TUNING' | 'DISTILLATION' = 'FINE_TUNING') =>
  env.emulator.customModels.add({ modelName, baseModelId, customizationType });

type CreateInput = CreateProvisionedModelThroughputCommandInput;

const create = async (modelId: string, overrides: Partial<CreateInput> = {}) => (await env.client().send(
  new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'pt-1', modelId, modelUnits: 1, ...overrides }))).provisionedModelArn!;
const get = (provisionedModelId: string) => env.client().send(new GetProvisionedModelThroughputCommand({ provisionedModelId }));
const update = (provisionedModelId: string, changes: Omit<UpdateProvisionedModelThroughputCommandInput, 'provisionedModelId'>) =>
  env.client().send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId, ...changes }));
const remove = (provisionedModelId: string) => env.client().send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId }));

/** A throughput polled to InService (the default plan: the first Get). */
async function inService(modelId: string, overrides: Partial<CreateInput> = {}): Promise<string> {
  const arn = await create(modelId, overrides);
  expect((await get(arn)).status).toBe('InService');
  return arn;
}

describe('creation', () => {
  test('for a foundation model: 201, Creating, then InService at the first Get, with every member of the output', async () => {
    env.emulator.clock.acceleration = 0;
    const created = await env.client().send(new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'pt-1', modelId: NOVA_MICRO, modelUnits: 2 }));
    expect(created.$metadata.httpStatusCode).toBe(CONSTRAINTS.operations.CreateProvisionedModelThroughput.http.code);
    expect(created.$metadata.httpStatusCode).toBe(201);
    const arn = created.provisionedModelArn!;
    expect(arn).toMatch(THROUGHPUT_ARN);
    const now = env.emulator.clock.now();
    expect(env.emulator.throughputs.get('pt-1').status).toBe('Creating');
    expect(env.emulator.throughputs.serving(arn)).toBeUndefined();
    env.emulator.clock.advance(30);
    const { $metadata, ...output } = await get('pt-1');
    expect(output).toEqual({
      modelUnits: 2,
      desiredModelUnits: 2,
      provisionedModelName: 'pt-1',
      provisionedModelArn: arn,
      modelArn: fm(NOVA_MICRO),
      desiredModelArn: fm(NOVA_MICRO),
      foundationModelArn: fm(NOVA_MICRO),
      status: 'InService',
      creationTime: now,
      lastModifiedTime: env.emulator.clock.now(),
    });
    expect(env.emulator.throughputs.serving(arn)).toBe(fm(NOVA_MICRO));
    expect(env.emulator.throughputs.serving('pt-1')).toBeUndefined();
    expect([env.emulator.throughputs.has(arn), env.emulator.throughputs.has('pt-1'), env.emulator.throughputs.has('pt-2')]).toEqual([true, true, false]);
  });

  test('for a custom model, by name: modelArn is the custom model, foundationModelArn its base', async () => {
    const modelArn = tunedModel('tuned-a');
    const arn = await inService('tuned-a');
    expect(await get(arn)).toMatchObject({ modelArn, desiredModelArn: modelArn, foundationModelArn: fm(NOVA_MICRO) });
    expect(env.emulator.throughputs.serving(arn)).toBe(modelArn);
  });

  test('for an imported model, once Active ("you must purchase Provisioned Throughput for it")', async () => {
    const { modelArn } = await env.client().send(new CreateCustomModelCommand(importRequest()));
    // Still Creating: not Active yet.
    expect(await rejectionOf(create(modelArn!))).toBeInstanceOf(ValidationException);
    expect((await env.client().send(new GetCustomModelCommand({ modelIdentifier: modelArn }))).modelStatus).toBe('Active');
    const arn = await inService(modelArn!);
    expect(await get(arn)).toMatchObject({ modelArn, foundationModelArn: fm(NOVA_MICRO) });
  });

  test('unknown models are ResourceNotFoundException; on-demand-only and not Active models ValidationException', async () => {
    env.emulator.customModels.add({ modelName: 'broken', modelStatus: 'Failed', failureMessage: 'Bad data.' });
    const unknown = await rejectionOf(create('arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl'));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(create('no-such-model'))).toBeInstanceOf(ResourceNotFoundException);
    const onDemand = await rejectionOf(create('amazon.nova-micro-v1:0'));
    expect(onDemand).toBeInstanceOf(ValidationException);
    expect(onDemand.message).toMatch(/doesn't support Provisioned Throughput/);
    expect((await rejectionOf(create('broken'))).message).toMatch(/is Failed, not Active/);
    expect(env.emulator.throughputs.has('pt-1')).toBe(false);
  });

  test('Creating -> InService after the planned polls, or after emulated seconds', async () => {
    env.emulator.clock.acceleration = 0;
    env.emulator.throughputs.planFor('pt-1', { creating: { polls: 2 } });
    env.emulator.throughputs.defaultPlan = { creating: { seconds: 600 } };
    const polled = await create(NOVA_MICRO);
    expect((await get(polled)).status).toBe('Creating');
    expect((await get(polled)).status).toBe('InService');

    const timed = await create(NOVA_MICRO, { provisionedModelName: 'pt-2' });
    const start = env.emulator.clock.now().getTime();
    expect((await get(timed)).status).toBe('Creating');
    env.emulator.clock.advance(900);
    expect(env.emulator.throughputs.get(timed)).toMatchObject({ status: 'InService', lastModifiedTime: new Date(start + 600_000) });
  });

  test('a failed plan: Failed with its failureMessage; fail() fails a creation now', async () => {
    env.emulator.throughputs.planFor('pt-1', { outcome: { status: 'Failed', failureMessage: 'Insufficient capacity.' } });
    const arn = await create(NOVA_MICRO);
    expect(await get(arn)).toMatchObject({ status: 'Failed', failureMessage: 'Insufficient capacity.' });
    expect(env.emulator.throughputs.serving(arn)).toBeUndefined();

    env.emulator.throughputs.planFor('pt-2', { creating: { polls: 5 } });
    const other = await create(NOVA_MICRO, { provisionedModelName: 'pt-2' });
    env.emulator.throughputs.fail(other, 'Internal failure.');
    expect(await get('pt-2')).toMatchObject({ status: 'Failed', failureMessage: 'Internal failure.' });
    expect(() => env.emulator.throughputs.fail(other, 'again')).toThrow('Failed already');
  });

  test('names are unique (ValidationException: the operation models no ConflictException)', async () => {
    expect(CONSTRAINTS.operations.CreateProvisionedModelThroughput.errors).not.toContain('ConflictException');
    await create(NOVA_MICRO);
    const error = await rejectionOf(create(NOVA_MICRO));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('A Provisioned Throughput named pt-1 already exists.');
  });

  test('a clientRequestToken repeats the creation once; reused with other parameters it is a ValidationException', async () => {
    const first = await create(NOVA_MICRO, { clientRequestToken: 'token-1' });
    expect(await create(NOVA_MICRO, { clientRequestToken: 'token-1' })).toBe(first);
    expect(await rejectionOf(create(NOVA_MICRO, { clientRequestToken: 'token-1', modelUnits: 3 }))).toBeInstanceOf(ValidationException);
    expect(env.emulator.callsTo('CreateProvisionedModelThroughput').map((c) => c.statusCode)).toEqual([201, 201, 400]);
    expect((await get(first)).modelUnits).toBe(1);
  });
});

describe('updates', () => {
  test('a rename applies at once; the old name is gone and a taken name is refused', async () => {
    env.emulator.clock.acceleration = 0;
    const arn = await inService(NOVA_MICRO);
    await inService(NOVA_MICRO, { provisionedModelName: 'pt-taken' });
    env.emulator.clock.advance(60);
    await update('pt-1', { desiredProvisionedModelName: 'pt-renamed' });
    expect(env.emulator.throughputs.get(arn)).toMatchObject({ provisionedModelName: 'pt-renamed', status: 'InService', lastModifiedTime: env.emulator.clock.now() });
    expect(await rejectionOf(get('pt-1'))).toBeInstanceOf(ResourceNotFoundException);
    expect((await get('pt-renamed')).provisionedModelArn).toBe(arn);
    expect((await rejectionOf(update(arn, { desiredProvisionedModelName: 'pt-taken' }))).message).toMatch(/named pt-taken already exists/);
  });

  test('a model change goes Updating (the old model serves), then InService on the new one; back to the base model too', async () => {
    const tunedA = tunedModel('tuned-a');
    const tunedB = tunedModel('tuned-b');
    const arn = await inService(tunedA);
    env.emulator.throughputs.setPlan(arn, { updating: { polls: 2 } });
    await update(arn, { desiredModelId: tunedB });
    expect(await get(arn)).toMatchObject({ status: 'Updating', modelArn: tunedA, desiredModelArn: tunedB });
    expect(env.emulator.throughputs.serving(arn)).toBe(tunedA);
    expect(env.emulator.throughputs.using(tunedB)).toEqual([arn]);
    // Another change while one is under way is refused.
    expect((await rejectionOf(update(arn, { desiredModelId: NOVA_MICRO }))).message).toMatch(/is Updating/);
    expect(await get(arn)).toMatchObject({ status: 'InService', modelArn: tunedB, desiredModelArn: tunedB, foundationModelArn: fm(NOVA_MICRO) });
    expect(env.emulator.throughputs.serving(arn)).toBe(tunedB);

    await update(arn, { desiredModelId: NOVA_MICRO });
    env.emulator.throughputs.completeUpdate(arn);
    expect(env.emulator.throughputs.get(arn)).toMatchObject({ status: 'InService', modelArn: fm(NOVA_MICRO) });
  });

  test('refused model changes (ValidationException): from a base model, to another base, while Creating; nothing changes', async () => {
    const onBase = await inService(NOVA_MICRO);
    const base = await rejectionOf(update(onBase, { desiredModelId: tunedModel('tuned-a'), desiredProvisionedModelName: 'renamed' }));
    expect(base).toBeInstanceOf(ValidationException);
    expect(base.message).toMatch(/associated with a base model/);
    expect(env.emulator.throughputs.get(onBase).provisionedModelName).toBe('pt-1');

    const onCustom = await inService('tuned-a', { provisionedModelName: 'pt-2' });
    const lite = tunedModel('tuned-lite', 'amazon.nova-lite-v1:0:300k');
    expect((await rejectionOf(update(onCustom, { desiredModelId: lite }))).message).toMatch(/can change only to .*nova-micro/);
    expect((await rejectionOf(update(onCustom, { desiredModelId: 'amazon.nova-lite-v1:0:300k' }))).message).toMatch(/can change only to/);
    expect((await rejectionOf(update(onCustom, { desiredModelId: 'no-such-model' })))).toBeInstanceOf(ResourceNotFoundException);

    env.emulator.throughputs.planFor('pt-3', { creating: { polls: 3 } });
    const creating = await create('tuned-a', { provisionedModelName: 'pt-3' });
    expect((await rejectionOf(update(creating, { desiredModelId: NOVA_MICRO }))).message).toMatch(/is Creating/);
    expect(await get(onCustom)).toMatchObject({ status: 'InService', modelArn: env.emulator.customModels.get('tuned-a').modelArn });
    expect(CONSTRAINTS.operations.UpdateProvisionedModelThroughput.errors).not.toContain('ConflictException');
  });

  test('a throughput of a base model takes no desiredModelId at all, not even its own model', async () => {
    const onBase = await inService(NOVA_MICRO);
    for (const desiredModelId of [NOVA_MICRO, fm(NOVA_MICRO)]) {
      expect((await rejectionOf(update(onBase, { desiredModelId }))).message).toMatch(/associated with a base model/);
    }
  });

  test('moved to its base model, a custom model\'s throughput can change no more ("served", the default); "purchased" lets it back', async () => {
    const tunedA = tunedModel('tuned-a');
    const arn = await inService(tunedA);
    await update(arn, { desiredModelId: NOVA_MICRO });
    env.emulator.throughputs.completeUpdate(arn);
    expect(env.emulator.throughputs.rules.baseModelAssociation).toBe('served');
    expect((await rejectionOf(update(arn, { desiredModelId: tunedA }))).message).toMatch(/associated with a base model/);

    env.emulator.throughputs.rules.baseModelAssociation = 'purchased';
    await update(arn, { desiredModelId: tunedA });
    expect(await get(arn)).toMatchObject({ status: 'InService', modelArn: tunedA, foundationModelArn: fm(NOVA_MICRO) });
    // Bought for a base model, it still takes no change under either reading.
    const onBase = await inService(NOVA_MICRO, { provisionedModelName: 'pt-2' });
    expect((await rejectionOf(update(onBase, { desiredModelId: tunedA }))).message).toMatch(/associated with a base model/);
  });

  test('with the rule off, any model a throughput can serve is taken, and foundationModelArn follows it', async () => {
    env.emulator.throughputs.rules.modelChange = false;
    const onBase = await inService(NOVA_MICRO);
    const lite = tunedModel('tuned-lite', 'amazon.nova-lite-v1:0:300k');
    await update(onBase, { desiredModelId: lite });
    expect(await get(onBase)).toMatchObject({ status: 'InService', modelArn: lite, foundationModelArn: fm('amazon.nova-lite-v1:0:300k') });
    // What a throughput can serve at all still holds.
    expect((await rejectionOf(update(onBase, { desiredModelId: 'amazon.nova-micro-v1:0' }))).message).toMatch(/doesn't support Provisioned Throughput/);
  });

  test('a failed update per plan: Failed with its message, the old model still modelArn', async () => {
    const tunedA = tunedModel('tuned-a');
    const tunedB = tunedModel('tuned-b');
    const arn = await inService(tunedA);
    env.emulator.throughputs.setPlan('pt-1', { updateOutcome: { status: 'Failed', failureMessage: 'Model could not be loaded.' } });
    await update('pt-1', { desiredModelId: 'tuned-b' });
    expect(await get(arn)).toMatchObject({ status: 'Failed', failureMessage: 'Model could not be loaded.', modelArn: tunedA, desiredModelArn: tunedB });
    expect(env.emulator.throughputs.serving(arn)).toBeUndefined();
    // A throughput that was created may be asked for another change.
    env.emulator.throughputs.setPlan(arn, { updateOutcome: { status: 'InService' } });
    await update(arn, { desiredModelId: tunedA });
    expect(await get(arn)).toMatchObject({ status: 'InService', modelArn: tunedA, desiredModelArn: tunedA });
    expect((await get(arn)).failureMessage).toBeUndefined();
  });
});

describe('commitment and deletion', () => {
  test('a committed throughput cannot be deleted before its term is over (ConflictException); after it, it can', async () => {
    env.emulator.clock.acceleration = 0;
    const arn = await inService(NOVA_MICRO, { commitmentDuration: 'OneMonth' });
    const created = env.emulator.throughputs.get(arn).creationTime!;
    const expires = new Date(created);
    expires.setUTCMonth(expires.getUTCMonth() + 1);
    expect(await get(arn)).toMatchObject({ commitmentDuration: 'OneMonth', commitmentExpirationTime: expires });

    const refused = await rejectionOf(remove(arn));
    expect(refused).toBeInstanceOf(ConflictException);
    expect(refused.$metadata.httpStatusCode).toBe(400);
    expect(refused.message).toBe(`You can't delete the Provisioned Throughput pt-1 before its OneMonth commitment term is over (${expires.toISOString()}).`);
    env.emulator.clock.advanceTo(new Date(expires.getTime() - 1000));
    expect(await rejectionOf(remove('pt-1'))).toBeInstanceOf(ConflictException);
    env.emulator.clock.advance(1);
    await remove('pt-1');
    expect(await rejectionOf(get(arn))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('six months: the term ends six calendar months after creation (the last day of a shorter month)', async () => {
    const emulator = await BedrockEmulator.start({ clock: { start: new Date('2025-08-31T10:00:00Z'), acceleration: 0 } });
    const client = createBedrockClient(emulator, { maxAttempts: 1 });
    try {
      const { provisionedModelArn } = await client.send(new CreateProvisionedModelThroughputCommand({
        provisionedModelName: 'pt-1', modelId: NOVA_MICRO, modelUnits: 1, commitmentDuration: 'SixMonths',
      }));
      expect(emulator.throughputs.get(provisionedModelArn!).commitmentExpirationTime).toEqual(new Date('2026-02-28T10:00:00Z'));
    } finally {
      client.destroy();
      await emulator.stop();
    }
  });

  test('without commitment a throughput is deleted at once in any status, tags included; a failed committed creation too', async () => {
    env.emulator.throughputs.defaultPlan = { creating: { polls: 5 } };
    const arn = await create(NOVA_MICRO, { tags: [{ key: 'team', value: 'ml' }] });
    expect((await get(arn)).commitmentExpirationTime).toBeUndefined();
    const deleted = await remove(arn);
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect([env.emulator.throughputs.has(arn), env.emulator.tags.has(arn)]).toEqual([false, false]);
    expect(await rejectionOf(env.client().send(new ListTagsForResourceCommand({ resourceARN: arn })))).toBeInstanceOf(ResourceNotFoundException);

    env.emulator.throughputs.planFor('pt-2', { creating: {}, outcome: { status: 'Failed', failureMessage: 'No capacity.' } });
    await create(NOVA_MICRO, { provisionedModelName: 'pt-2', commitmentDuration: 'SixMonths' });
    expect((await get('pt-2')).status).toBe('Failed');
    await remove('pt-2');
    expect(env.emulator.throughputs.has('pt-2')).toBe(false);
  });

  test('unknown throughputs are ResourceNotFoundException for Get, Update and Delete', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';
    for (const call of [() => get(arn), () => update('pt-x', { desiredProvisionedModelName: 'pt-y' }), () => remove('pt-x')]) {
      expect(await rejectionOf(call())).toBeInstanceOf(ResourceNotFoundException);
    }
  });

  test('a distilled model that a throughput serves cannot be deleted (ConflictException) until the throughput is', async () => {
    const distilled = tunedModel('distilled', NOVA_MICRO, 'DISTILLATION');
    const arn = await inService(distilled);
    const refused = await rejectionOf(env.client().send(new DeleteCustomModelCommand({ modelIdentifier: distilled })));
    expect(refused).toBeInstanceOf(ConflictException);
    expect(refused.message).toMatch(/delete the Provisioned Throughput first/);
    await remove(arn);
    await env.client().send(new DeleteCustomModelCommand({ modelIdentifier: distilled }));
    expect(env.emulator.customModels.has('distilled')).toBe(false);
  });
});

describe('tags', () => {
  test('tags at creation, TagResource and UntagResource on the throughput ARN; at most 50', async () => {
    const arn = await create(NOVA_MICRO, { tags: [{ key: 'team', value: 'ml' }] });
    await env.client().send(new TagResourceCommand({ resourceARN: arn, tags: [{ key: 'stage', value: 'prod' }] }));
    await env.client().send(new UntagResourceCommand({ resourceARN: arn, tagKeys: ['team'] }));
    expect((await env.client().send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags).toEqual([{ key: 'stage', value: 'prod' }]);
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const error = await rejectionOf(create(NOVA_MICRO, { provisionedModelName: 'pt-2', tags: tooMany }));
    expect(error).toBeInstanceOf(TooManyTagsException);
    expect(env.emulator.throughputs.has('pt-2')).toBe(false);
  });
});
