/*
 * Custom model deployments in the emulator: creation on a plan, the models a
 * deployment may serve, names and idempotency, updates, deletion, tags, and
 * what other code learns in-process.
 */
import {
  ConflictException,
  CreateCustomModelCommand,
  CreateCustomModelDeploymentCommand,
  CreateCustomModelDeploymentCommandInput,
  CreateModelCustomizationJobCommand,
  DeleteCustomModelCommand,
  DeleteCustomModelDeploymentCommand,
  GetCustomModelDeploymentCommand,
  GetModelCustomizationJobCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
  UpdateCustomModelDeploymentCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { CONSTRAINTS } from '../../src/contract/constraints';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { importRequest, jobRequest } from '../emulator/bedrock-fixtures/requests';
import { rejectionOf } from '../emulator/bedrock-fixtures/sdk';

const env = useEmulator();

const DEPLOYMENT_ARN = /^arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment\/[a-z0-9]{12}$/;

/** An Active fine-tuned model, as a completed job leaves it. */
const tunedModel = (modelName = 'tuned-a') => env.emulator.customModels.add({ modelName, baseModelId: 'amazon.nova-micro-v1:0:128k' });

type DeploymentInput = CreateCustomModelDeploymentCommandInput;

function deploymentRequest(modelArn: string, overrides: Partial<DeploymentInput> = {}): DeploymentInput {
  return { modelDeploymentName: 'deploy-1', modelArn, description: 'On-demand inference for tuned-a', ...overrides };
}

const create = async (modelArn: string, overrides: Partial<DeploymentInput> = {}) =>
  (await env.client().send(new CreateCustomModelDeploymentCommand(deploymentRequest(modelArn, overrides)))).customModelDeploymentArn!;
const get = (customModelDeploymentIdentifier: string) => env.client().send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier }));
const update = (customModelDeploymentIdentifier: string, modelArn: string) =>
  env.client().send(new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier, modelArn }));
const remove = (customModelDeploymentIdentifier: string) =>
  env.client().send(new DeleteCustomModelDeploymentCommand({ customModelDeploymentIdentifier }));

describe('creation', () => {
  test('a deployment answers 202, is Creating, then Active after the planned polls, by ARN or name', async () => {
    env.emulator.clock.acceleration = 0;
    const modelArn = tunedModel();
    env.emulator.deployments.planFor('deploy-1', { creating: { polls: 2 } });
    const created = await env.client().send(new CreateCustomModelDeploymentCommand(deploymentRequest(modelArn)));
    expect(created.$metadata.httpStatusCode).toBe(202);
    const arn = created.customModelDeploymentArn!;
    expect(arn).toMatch(DEPLOYMENT_ARN);
    const now = env.emulator.clock.now();
    expect(await get(arn)).toMatchObject({ status: 'Creating', createdAt: now, lastUpdatedAt: now });
    expect(env.emulator.deployments.serving(arn)).toBeUndefined();

    env.emulator.clock.advance(60);
    const active = await get('deploy-1');
    expect(active).toMatchObject({
      customModelDeploymentArn: arn,
      modelDeploymentName: 'deploy-1',
      modelArn,
      description: 'On-demand inference for tuned-a',
      status: 'Active',
      createdAt: now,
      lastUpdatedAt: env.emulator.clock.now(),
    });
    expect(active.updateDetails).toBeUndefined();
    expect(active.failureMessage).toBeUndefined();
    expect(env.emulator.deployments.serving(arn)).toBe(modelArn);
    expect(env.emulator.deployments.serving('deploy-1')).toBeUndefined();
  });

  test('by default the first Get shows it Active; the in-process get is not a poll', async () => {
    const arn = await create(tunedModel());
    expect(env.emulator.deployments.get(arn).status).toBe('Creating');
    expect((await get(arn)).status).toBe('Active');
  });

  test('a failing plan ends Failed with its message; in seconds it ends unpolled; activate and fail act at once', async () => {
    const modelArn = tunedModel();
    env.emulator.deployments.defaultPlan = { outcome: { status: 'Failed', failureMessage: 'Insufficient capacity.' } };
    const failed = await create(modelArn);
    expect(await get(failed)).toMatchObject({ status: 'Failed', failureMessage: 'Insufficient capacity.' });
    expect(env.emulator.deployments.serving(failed)).toBeUndefined();

    env.emulator.clock.acceleration = 0;
    env.emulator.deployments.defaultPlan = { creating: { seconds: 600 } };
    const timed = await create(modelArn, { modelDeploymentName: 'timed' });
    env.emulator.clock.advance(599);
    expect(env.emulator.deployments.serving(timed)).toBeUndefined();
    env.emulator.clock.advance(1);
    expect(env.emulator.deployments.serving(timed)).toBe(modelArn);
    const [a, b] = [await create(modelArn, { modelDeploymentName: 'a' }), await create(modelArn, { modelDeploymentName: 'b' })];
    env.emulator.deployments.activate(a);
    env.emulator.deployments.fail('b', 'Quota exceeded.');
    expect((await get(a)).status).toBe('Active');
    expect(await get(b)).toMatchObject({ status: 'Failed', failureMessage: 'Quota exceeded.' });
    expect(() => env.emulator.deployments.activate(a)).toThrow(/is Active, not Creating/);
    // An Active deployment that becomes unavailable.
    env.emulator.deployments.fail(a, 'The deployment became unavailable.');
    expect(env.emulator.deployments.get(a).status).toBe('Failed');
  });

  test('the model of a completed job can be deployed', async () => {
    const client = env.client();
    // A base model the on-demand rules take (bedrock-on-demand.test.ts).
    const { jobArn } = await client.send(new CreateModelCustomizationJobCommand(jobRequest({ baseModelIdentifier: 'amazon.nova-micro-v1:0:128k' })));
    for (let i = 0; i < 3; i++) await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    const { outputModelArn } = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    const arn = await create(outputModelArn!);
    expect(await get(arn)).toMatchObject({ status: 'Active', modelArn: outputModelArn });
  });
});

describe('what may be deployed', () => {
  test('an imported model is refused: it is served through Provisioned Throughput', async () => {
    const { modelArn } = await env.client().send(new CreateCustomModelCommand(importRequest()));
    env.emulator.customModels.activate(modelArn!);
    const error = await rejectionOf(create(modelArn!));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(/is an imported model/);
    expect(env.emulator.deployments.has('deploy-1')).toBe(false);
  });

  test('a model that is not Active is refused; an unknown one, or another account\'s, is not found', async () => {
    const creating = env.emulator.customModels.add({ modelName: 'still-creating', modelStatus: 'Creating' });
    const error = await rejectionOf(create(creating));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe(`The custom model ${creating} is Creating, not Active.`);

    const unknown = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';
    expect(await rejectionOf(create(unknown))).toBeInstanceOf(ResourceNotFoundException);
    const foreign = tunedModel().replace('123456789012', '210987654321');
    expect(await rejectionOf(create(foreign))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('names and idempotency', () => {
  test('a name in use, by a deployment in any status, is refused (ValidationException)', async () => {
    const modelArn = tunedModel();
    env.emulator.deployments.planFor('deploy-1', { outcome: { status: 'Failed', failureMessage: 'No capacity.' } });
    await create(modelArn);
    expect((await get('deploy-1')).status).toBe('Failed');
    const error = await rejectionOf(create(modelArn));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('A custom model deployment named deploy-1 already exists.');
  });

  test('a repeated token returns the first deployment; the same token with other parameters is refused', async () => {
    const modelArn = tunedModel();
    const first = await create(modelArn, { clientRequestToken: 'token-1' });
    expect(await create(modelArn, { clientRequestToken: 'token-1' })).toBe(first);
    const error = await rejectionOf(create(modelArn, { clientRequestToken: 'token-1', description: 'other' }));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(/already used for a request with different parameters/);
  });
});

describe('updates', () => {
  test('an update answers 202, is Updating while the old model serves, then UpdateCompleted with the new model', async () => {
    env.emulator.clock.acceleration = 0;
    const [oldModel, newModel] = [tunedModel(), tunedModel('tuned-b')];
    env.emulator.deployments.planFor('deploy-1', { updating: { polls: 2 } });
    const arn = await create(oldModel);
    await get(arn);
    env.emulator.clock.advance(10);
    const updated = await update('deploy-1', newModel);
    expect(updated).toMatchObject({ $metadata: { httpStatusCode: 202 }, customModelDeploymentArn: arn });
    const updateStart = env.emulator.clock.now();
    expect(await get(arn)).toMatchObject({
      status: 'Active', modelArn: oldModel, updateDetails: { modelArn: newModel, updateStatus: 'Updating' }, lastUpdatedAt: updateStart,
    });
    expect(env.emulator.deployments.serving(arn)).toBe(oldModel);
    env.emulator.clock.advance(10);
    expect(await get(arn)).toMatchObject({
      status: 'Active', modelArn: newModel, updateDetails: { modelArn: newModel, updateStatus: 'UpdateCompleted' }, lastUpdatedAt: env.emulator.clock.now(),
    });
    expect(env.emulator.deployments.serving(arn)).toBe(newModel);
  });

  test('a failed update keeps the old model Active, with the failure; another update may follow', async () => {
    const [oldModel, newModel] = [tunedModel(), tunedModel('tuned-b')];
    const arn = await create(oldModel);
    await get(arn);
    env.emulator.deployments.setPlan(arn, { updateOutcome: { updateStatus: 'UpdateFailed', failureMessage: 'The new model failed health checks.' } });
    await update(arn, newModel);
    expect(await get(arn)).toMatchObject({
      status: 'Active',
      modelArn: oldModel,
      updateDetails: { modelArn: newModel, updateStatus: 'UpdateFailed' },
      failureMessage: 'The new model failed health checks.',
    });
    expect(env.emulator.deployments.serving(arn)).toBe(oldModel);

    await update(arn, newModel);
    expect(env.emulator.deployments.get(arn)).toMatchObject({ updateDetails: { updateStatus: 'Updating' }, failureMessage: undefined });
    env.emulator.deployments.completeUpdate(arn);
    expect(env.emulator.deployments.serving(arn)).toBe(newModel);
    await update(arn, oldModel);
    env.emulator.deployments.failUpdate(arn, 'Rolled back.');
    expect(env.emulator.deployments.get(arn)).toMatchObject({ modelArn: newModel, failureMessage: 'Rolled back.' });
  });

  test('no update during an update, of a deployment not Active, or to a model that cannot be deployed', async () => {
    const [modelArn, other] = [tunedModel(), tunedModel('tuned-b')];
    env.emulator.deployments.defaultPlan = { creating: { polls: 2 }, updating: { polls: 2 } };
    const arn = await create(modelArn);
    const creating = await rejectionOf(update(arn, other));
    expect(creating).toBeInstanceOf(ValidationException);
    expect(creating.message).toBe('The custom model deployment deploy-1 is Creating; only an Active deployment can be updated.');

    env.emulator.deployments.activate(arn);
    await update(arn, other);
    const again = await rejectionOf(update(arn, modelArn));
    expect(again).toBeInstanceOf(ValidationException);
    expect(again.message).toBe('The custom model deployment deploy-1 is already being updated.');
    env.emulator.deployments.completeUpdate(arn);

    const { modelArn: imported } = await env.client().send(new CreateCustomModelCommand(importRequest()));
    env.emulator.customModels.activate(imported!);
    expect((await rejectionOf(update(arn, imported!))).message).toMatch(/is an imported model/);
    expect(env.emulator.deployments.get(arn)).toMatchObject({ modelArn: other, updateDetails: { updateStatus: 'UpdateCompleted' } });

    env.emulator.deployments.fail(arn, 'Unavailable.');
    expect(await rejectionOf(update(arn, modelArn))).toBeInstanceOf(ValidationException);
    expect(await rejectionOf(update('no-such-deployment', modelArn))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('deletion', () => {
  test('a deployment is gone at once, with its tags; its model stays; a second delete is not found', async () => {
    const modelArn = tunedModel();
    const arn = await create(modelArn, { tags: [{ key: 'team', value: 'ml' }] });
    const deleted = await remove('deploy-1');
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(await rejectionOf(get(arn))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(remove(arn))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(env.client().send(new ListTagsForResourceCommand({ resourceARN: arn })))).toBeInstanceOf(ResourceNotFoundException);
    expect(env.emulator.deployments.serving(arn)).toBeUndefined();
    expect(env.emulator.customModels.get(modelArn).modelStatus).toBe('Active');
    // The name is free again.
    expect(await create(modelArn)).not.toBe(arn);
  });

  test('a distilled model is deleted only after its deployments; other models as before', async () => {
    const distilled = env.emulator.customModels.add({ modelName: 'distilled', customizationType: 'DISTILLATION' });
    const arn = await create(distilled);
    const deleteModel = (modelIdentifier: string) => env.client().send(new DeleteCustomModelCommand({ modelIdentifier }));
    const error = await rejectionOf(deleteModel('distilled'));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toMatch(/delete the custom model deployment first/);
    await remove(arn);
    await deleteModel('distilled');

    const tuned = tunedModel();
    await create(tuned);
    await deleteModel(tuned);
    expect(env.emulator.customModels.has(tuned)).toBe(false);
  });
});

describe('tags', () => {
  test('a deployment\'s tags are read and changed on its ARN, within the limit', async () => {
    const client = env.client();
    const arn = await create(tunedModel(), { tags: [{ key: 'team', value: 'ml' }] });
    expect((await client.send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags).toEqual([{ key: 'team', value: 'ml' }]);
    await client.send(new TagResourceCommand({ resourceARN: arn, tags: [{ key: 'stage', value: 'prod' }, { key: 'team', value: 'ai' }] }));
    await client.send(new UntagResourceCommand({ resourceARN: arn, tagKeys: ['stage'] }));
    expect((await client.send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags).toEqual([{ key: 'team', value: 'ai' }]);

    const tooMany = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(await rejectionOf(create(tunedModel('tuned-b'), { modelDeploymentName: 'deploy-2', tags: tooMany }))).toBeInstanceOf(TooManyTagsException);
    expect(env.emulator.deployments.has('deploy-2')).toBe(false);
  });
});

test('each deployment operation answers success with the status code of the fixture', async () => {
  const [modelArn, other] = [tunedModel(), tunedModel('tuned-b')];
  const arn = await create(modelArn);
  const statuses = {
    CreateCustomModelDeployment: env.emulator.callsTo('CreateCustomModelDeployment')[0].statusCode,
    GetCustomModelDeployment: (await get(arn)).$metadata.httpStatusCode,
    UpdateCustomModelDeployment: (await update(arn, other)).$metadata.httpStatusCode,
    DeleteCustomModelDeployment: (await remove(arn)).$metadata.httpStatusCode,
  };
  const fixture = Object.keys(statuses).map((name) => [name, CONSTRAINTS.operations[name].http.code]);
  expect(statuses).toEqual(Object.fromEntries(fixture));
});
