/*
 * Custom models in the emulator: imports (Creating -> Active or Failed),
 * lookups by name or ARN, deletion and its conflicts, names and idempotency.
 */
import {
  ConflictException,
  CreateCustomModelCommand,
  CreateCustomModelCommandInput,
  CreateModelCustomizationJobCommand,
  DeleteCustomModelCommand,
  GetCustomModelCommand,
  ResourceNotFoundException,
  TooManyTagsException,
} from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { importRequest, jobRequest } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';

const env = useEmulator();

async function importModel(overrides: Partial<CreateCustomModelCommandInput> = {}): Promise<string> {
  return (await env.client().send(new CreateCustomModelCommand(importRequest(overrides)))).modelArn!;
}

const getModel = (modelIdentifier: string) => env.client().send(new GetCustomModelCommand({ modelIdentifier }));
const deleteModel = (modelIdentifier: string) => env.client().send(new DeleteCustomModelCommand({ modelIdentifier }));

describe('imports', () => {
  test('an import answers 202, is Creating, then Active after the planned polls', async () => {
    env.emulator.customModels.planFor('imported-1', { creating: { polls: 2 }, baseModelId: 'amazon.nova-lite-v1:0:300k' });
    const created = await env.client().send(new CreateCustomModelCommand(importRequest()));
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.modelArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:custom-model\/imported\/[a-z0-9]{12}$/);
    expect((await getModel(created.modelArn!)).modelStatus).toBe('Creating');
    const active = await getModel(created.modelArn!);
    expect(active).toMatchObject({
      modelStatus: 'Active',
      modelName: 'imported-1',
      customizationType: 'IMPORTED',
      baseModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0:300k',
    });
    expect(active.jobArn).toBeUndefined();
  });

  test('a failing plan ends Failed with its message; in-process activate and fail act at once', async () => {
    env.emulator.capacity.limits.modelImports = Infinity; // more than one import at once: this test is not about the account's limit
    env.emulator.customModels.defaultPlan = { creating: { polls: 1 }, outcome: { status: 'Failed', failureMessage: 'The model artifacts are not a Nova checkpoint.' } };
    const failed = await importModel();
    expect(await getModel(failed)).toMatchObject({ modelStatus: 'Failed', failureMessage: 'The model artifacts are not a Nova checkpoint.' });

    env.emulator.customModels.defaultPlan = { creating: { seconds: 3600 } };
    const [a, b] = [await importModel({ modelName: 'imported-2' }), await importModel({ modelName: 'imported-3' })];
    env.emulator.customModels.activate(a);
    env.emulator.customModels.fail('imported-3', 'Quota exceeded.');
    expect((await getModel('imported-2')).modelStatus).toBe('Active');
    expect(await getModel(b)).toMatchObject({ modelStatus: 'Failed', failureMessage: 'Quota exceeded.' });
    expect(() => env.emulator.customModels.activate(a)).toThrow(/is Active, not Creating/);
  });

  test('an import in emulated seconds is Active once the time has passed', async () => {
    env.emulator.clock.acceleration = 0;
    env.emulator.customModels.defaultPlan = { creating: { seconds: 900 } };
    const modelArn = await importModel();
    env.emulator.clock.advance(899);
    expect(env.emulator.customModels.get(modelArn).modelStatus).toBe('Creating');
    env.emulator.clock.advance(1);
    expect(env.emulator.customModels.get(modelArn).modelStatus).toBe('Active');
  });

  test('the same clientRequestToken returns the same model; with other parameters it is a ConflictException', async () => {
    const first = await importModel({ clientRequestToken: 'import-1' });
    expect(await importModel({ clientRequestToken: 'import-1' })).toBe(first);
    expect(env.emulator.customModels.list().items).toHaveLength(1);
    expect(await rejectionOf(importModel({ clientRequestToken: 'import-1', modelName: 'other' }))).toBeInstanceOf(ConflictException);
  });

  test('a name taken by a model or by a running job\'s output is a ConflictException', async () => {
    env.emulator.capacity.limits.modelImports = Infinity; // more than one import at once: this test is not about the account's limit
    await importModel();
    const error = await rejectionOf(importModel());
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('custom model named imported-1 already exists');
    await env.client().send(new CreateModelCustomizationJobCommand(jobRequest({ customModelName: 'future' })));
    expect(await rejectionOf(importModel({ modelName: 'future' }))).toBeInstanceOf(ConflictException);
  });

  test('more than 50 model tags is a TooManyTagsException', async () => {
    const modelTags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(await rejectionOf(importModel({ modelTags }))).toBeInstanceOf(TooManyTagsException);
  });
});

describe('lookups and deletion', () => {
  test('a model is found by name or ARN; an unknown one is ResourceNotFoundException', async () => {
    const modelArn = env.emulator.customModels.add({ modelName: 'existing', baseModelId: 'amazon.titan-text-lite-v1:0:4k' });
    expect(modelArn).toContain(':custom-model/amazon.titan-text-lite-v1:0:4k/');
    expect((await getModel('existing')).modelArn).toBe(modelArn);
    expect((await getModel(modelArn)).modelName).toBe('existing');
    const error = await rejectionOf(getModel('missing'));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  test('DeleteCustomModel removes the model and its tags; deleting it again is ResourceNotFoundException', async () => {
    const modelArn = env.emulator.customModels.add({ modelName: 'existing', tags: [{ key: 'a', value: 'b' }] });
    const deleted = await deleteModel('existing');
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(env.emulator.customModels.has(modelArn)).toBe(false);
    expect(env.emulator.tags.has(modelArn)).toBe(false);
    expect(await rejectionOf(deleteModel(modelArn))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('a model still Creating cannot be deleted (ConflictException) until it has left Creating', async () => {
    env.emulator.customModels.planFor('imported-1', { creating: { polls: 2 } });
    const modelArn = await importModel();
    const error = await rejectionOf(deleteModel(modelArn));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('is being created');
    env.emulator.customModels.activate(modelArn);
    await expect(deleteModel(modelArn)).resolves.toBeDefined();
    expect(env.emulator.customModels.has(modelArn)).toBe(false);
  });

  test('a model in use cannot be deleted (ConflictException) until it is released', async () => {
    const modelArn = env.emulator.customModels.add({ modelName: 'existing' });
    env.emulator.customModels.setInUse(modelArn);
    const error = await rejectionOf(deleteModel(modelArn));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('provisioned throughput');
    env.emulator.customModels.setInUse(modelArn, false);
    await expect(deleteModel(modelArn)).resolves.toBeDefined();
  });

  test('the output model of a completed job can be deleted, and its job still names it', async () => {
    const { jobArn } = await env.client().send(new CreateModelCustomizationJobCommand(jobRequest()));
    env.emulator.jobs.complete(jobArn!);
    const { outputModelArn } = env.emulator.jobs.get(jobArn!);
    await deleteModel(outputModelArn!);
    expect(env.emulator.jobs.get(jobArn!).outputModelArn).toBe(outputModelArn);
    expect(env.emulator.customModels.has('tuned-1')).toBe(false);
  });
});
