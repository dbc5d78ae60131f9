/*
 * Which custom models the emulator deploys for on-demand inference: the user
 * guide's base models, Regions and customization dates, and both readings of
 * imported models (the CreateCustomModel reference refuses them; the
 * on-demand page deploys SageMaker AI-trained Nova imports). Each limit is
 * switched per test.
 */
import {
  CreateCustomModelCommand, CreateCustomModelDeploymentCommand, GetCustomModelDeploymentCommand, UpdateCustomModelDeploymentCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { CustomModelSeed, defaultOnDemandRules } from '../../emulator/bedrock';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { importRequest } from '../emulator/bedrock-fixtures/requests';
import { rejectionOf } from '../emulator/bedrock-fixtures/sdk';

const env = useEmulator();
const NOVA_MICRO = 'amazon.nova-micro-v1:0:128k';

const seed = (modelName: string, extra: Partial<CustomModelSeed> = {}) =>
  env.emulator.customModels.add({ modelName, baseModelId: NOVA_MICRO, ...extra });
const create = async (modelArn: string, modelDeploymentName = 'deploy-1') =>
  (await env.client().send(new CreateCustomModelDeploymentCommand({ modelDeploymentName, modelArn }))).customModelDeploymentArn!;
const update = (customModelDeploymentIdentifier: string, modelArn: string) =>
  env.client().send(new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier, modelArn }));
const statusOf = async (arn: string) =>
  (await env.client().send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: arn }))).status;

test('the defaults: the guide\'s Regions, Nova Lite, Micro and Pro, models customized on or after 2025-07-16, imports refused', () => {
  expect(defaultOnDemandRules()).toEqual({
    enforced: true,
    regions: ['us-east-1', 'us-west-2'],
    baseModels: ['amazon.nova-micro-v1:0:128k', 'amazon.nova-lite-v1:0:300k', 'amazon.nova-pro-v1:0:300k'],
    customizedOnOrAfter: new Date('2025-07-16T00:00:00Z'),
    importedModels: 'refused',
  });
  expect(env.emulator.deployments.rules).toEqual(defaultOnDemandRules());
});

test.each(['amazon.nova-micro-v1:0:128k', 'amazon.nova-lite-v1:0:300k', 'amazon.nova-pro-v1:0:300k'])('a custom model of %s is deployed', async (baseModelId) => {
  expect(await statusOf(await create(seed('tuned', { baseModelId })))).toBe('Active');
});

test.each(['amazon.titan-text-express-v1:0:8k', 'amazon.nova-2-lite-v1:0:256k', 'meta.llama3-1-8b-instruct-v1:0:128k'])(
  'a custom model of %s is refused (ValidationException) by Create and Update; nothing is deployed', async (baseModelId) => {
    const other = seed('other', { baseModelId });
    const error = await rejectionOf(create(other));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe(`The custom model ${other} can't be deployed for on-demand inference: its base model ${baseModelId} `
      + 'doesn\'t support on-demand inference for custom models.');
    expect(env.emulator.deployments.has('deploy-1')).toBe(false);

    const arn = await create(seed('tuned'), 'deploy-2');
    expect(await statusOf(arn)).toBe('Active');
    expect((await rejectionOf(update(arn, other))).message).toMatch(/doesn't support on-demand inference for custom models/);
  },
);

test('a model customized before 2025-07-16 is refused; one of that day is deployed', async () => {
  const old = seed('old', { creationTime: new Date('2025-07-15T23:59:59Z') });
  expect((await rejectionOf(create(old))).message).toBe(`The custom model ${old} can't be deployed for on-demand inference: it was customized before 2025-07-16.`);
  expect(await statusOf(await create(seed('new', { creationTime: new Date('2025-07-16T00:00:00Z') })))).toBe('Active');
});

test('outside the guide\'s Regions, nothing is deployed; the Regions switch per test', async () => {
  env.emulator.deployments.rules.regions = ['us-west-2'];
  const error = await rejectionOf(create(seed('tuned')));
  expect(error).toBeInstanceOf(ValidationException);
  expect(error.message).toBe('Custom model deployment for on-demand inference isn\'t supported in us-east-1.');
});

test('with the limits off (enforced false), any Active custom model of the account is deployed', async () => {
  env.emulator.deployments.rules.enforced = false;
  env.emulator.deployments.rules.regions = [];
  const titan = seed('titan', { baseModelId: 'amazon.titan-text-express-v1:0:8k', creationTime: new Date('2024-01-01T00:00:00Z') });
  expect(await statusOf(await create(titan))).toBe('Active');
});

describe('imported models', () => {
  const imported = async () => {
    const { modelArn } = await env.client().send(new CreateCustomModelCommand(importRequest()));
    env.emulator.customModels.activate(modelArn!);
    return modelArn!;
  };

  test('refused by default, as the CreateCustomModel reference says, even with the limits off', async () => {
    env.emulator.deployments.rules.enforced = false;
    const modelArn = await imported();
    expect((await rejectionOf(create(modelArn))).message).toBe(
      `The custom model ${modelArn} is an imported model. Imported models cannot be deployed for on-demand inference; use Provisioned Throughput.`);
  });

  test('deployable, as the on-demand page says: a Nova import is deployed; other bases and older imports are refused alike', async () => {
    env.emulator.deployments.rules.importedModels = 'deployable';
    const modelArn = await imported();
    expect(await statusOf(await create(modelArn))).toBe('Active');

    env.emulator.customModels.planFor('imported-titan', { baseModelId: 'amazon.titan-text-express-v1:0:8k' });
    const { modelArn: titan } = await env.client().send(new CreateCustomModelCommand(importRequest({ modelName: 'imported-titan' })));
    env.emulator.customModels.activate(titan!);
    expect((await rejectionOf(create(titan!, 'deploy-2'))).message).toMatch(/its base model amazon.titan-text-express-v1:0:8k doesn't support/);
    const old = seed('old-import', { customizationType: 'IMPORTED', creationTime: new Date('2025-06-01T00:00:00Z') });
    expect((await rejectionOf(create(old, 'deploy-3'))).message).toMatch(/customized before 2025-07-16/);
  });
});
