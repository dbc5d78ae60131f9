/*
 * The switches of the ledger's rows on what serves a custom model and what
 * logs it: custom model deployments (emulator/LEDGER.md, L-24 to L-26),
 * Provisioned Throughputs (L-29), the invocation logging configuration (L-30,
 * L-31), and how creates answer a reused token or a taken name (L-40, L-41).
 * Each default is the emulator's reading, each other value the other reading,
 * both driven through the real clients; reset() restores the defaults.
 */
import {
  ConflictException,
  CreateCustomModelDeploymentCommand,
  CreateProvisionedModelThroughputCommand,
  CreateProvisionedModelThroughputCommandInput,
  DeleteCustomModelDeploymentCommand,
  DeleteModelInvocationLoggingConfigurationCommand,
  DeleteProvisionedModelThroughputCommand,
  GetCustomModelDeploymentCommand,
  GetModelInvocationLoggingConfigurationCommand,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
  ResourceNotFoundException,
  UpdateCustomModelDeploymentCommand,
  UpdateProvisionedModelThroughputCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand, ModelNotReadyException, ValidationException as RuntimeValidationException } from '@aws-sdk/client-bedrock-runtime';
import { useEmulator } from './bedrock-fixtures/harness';
import { importRequest } from './bedrock-fixtures/requests';
import { rejectionOf, sendOperation } from './bedrock-fixtures/sdk';
import { createBedrockRuntimeClient } from '../../emulator/bedrock';
import { defaultRequestRules } from '../../emulator/bedrock/capacity';
import { defaultDeploymentLifecycleRules } from '../../emulator/bedrock/kinds/deployments/deployment-rules';
import { defaultLoggingConfigRules } from '../../emulator/bedrock/kinds/logging-config/logging-config';
import { defaultThroughputRules } from '../../emulator/bedrock/kinds/throughputs/throughput-rules';
import { modelImportJobRequest } from '../model-import-job/emulator-fixtures';

const env = useEmulator();

const runtimeClients: BedrockRuntimeClient[] = [];
afterEach(() => runtimeClients.splice(0).forEach((c) => c.destroy()));

/** Converse with one attempt: a 429 shows at once rather than after the SDK's retries. */
async function converse(modelId: string): Promise<string> {
  const client = createBedrockRuntimeClient(env.emulator, { maxAttempts: 1 });
  runtimeClients.push(client);
  const answer = await client.send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
  return answer.output!.message!.content![0].text!;
}

/** A custom model that the on-demand rules deploy (Nova Micro, customized now). */
const seed = (modelName: string) => env.emulator.customModels.add({ modelName, baseModelId: 'amazon.nova-micro-v1:0:128k' });
async function deploy(modelArn: string, modelDeploymentName = 'deploy-1', clientRequestToken?: string): Promise<string> {
  const input = { modelDeploymentName, modelArn, clientRequestToken };
  return (await env.client().send(new CreateCustomModelDeploymentCommand(input))).customModelDeploymentArn!;
}
const getDeployment = (id: string) => env.client().send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: id }));
const updateDeployment = (id: string, modelArn: string) =>
  env.client().send(new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier: id, modelArn }));
const deleteDeployment = (id: string) => env.client().send(new DeleteCustomModelDeploymentCommand({ customModelDeploymentIdentifier: id }));
async function provision(overrides: Partial<CreateProvisionedModelThroughputCommandInput> = {}): Promise<string> {
  const input = { modelId: 'amazon.nova-micro-v1:0:128k', provisionedModelName: 'pt-1', modelUnits: 1, ...overrides };
  return (await env.client().send(new CreateProvisionedModelThroughputCommand(input))).provisionedModelArn!;
}

describe('deployments.lifecycle.servedWhileUpdating (L-24)', () => {
  test('old by default: while an update is Updating the old model answers, the new one once it completed', async () => {
    expect(env.emulator.deployments.lifecycle.servedWhileUpdating).toBe('old');
    const [a, b] = [seed('tuned-a'), seed('tuned-b')];
    const arn = await deploy(a);
    await getDeployment(arn);
    await updateDeployment(arn, b);
    expect(env.emulator.deployments.get(arn).updateDetails).toEqual({ modelArn: b, updateStatus: 'Updating' });
    expect(await converse(arn)).toBe(`Answer from ${a} via ${arn}: Hi`);
    expect((await getDeployment(arn)).updateDetails?.updateStatus).toBe('UpdateCompleted');
    expect(await converse(arn)).toBe(`Answer from ${b} via ${arn}: Hi`);
  });

  test('none: nothing answers while Updating (ModelNotReadyException, as while Creating); the new model afterwards', async () => {
    env.emulator.deployments.lifecycle.servedWhileUpdating = 'none';
    const [a, b] = [seed('tuned-a'), seed('tuned-b')];
    const arn = await deploy(a);
    await getDeployment(arn);
    expect(await converse(arn)).toBe(`Answer from ${a} via ${arn}: Hi`);
    await updateDeployment(arn, b);
    const error = await rejectionOf(converse(arn));
    expect(error).toBeInstanceOf(ModelNotReadyException);
    expect(error.message).toContain('is being updated');
    expect(env.emulator.deployments.serving(arn)).toBeUndefined();
    await getDeployment(arn);
    expect(await converse(arn)).toBe(`Answer from ${b} via ${arn}: Hi`);
  });
});

describe('deployments.lifecycle.deletion (L-25)', () => {
  test('immediate by default: a Creating deployment is gone at once, its tags and its name with it', async () => {
    expect(env.emulator.deployments.lifecycle.deletion).toBe('immediate');
    const model = seed('tuned');
    const arn = await deploy(model);
    expect(env.emulator.deployments.get(arn).status).toBe('Creating');
    await deleteDeployment(arn);
    expect(await rejectionOf(getDeployment(arn))).toBeInstanceOf(ResourceNotFoundException);
    expect(env.emulator.tags.has(arn)).toBe(false);
    await expect(deploy(model)).resolves.not.toBe(arn);
  });

  test('refusedWhileBusy: ConflictException while Creating or Updating; deleted once Active with no update', async () => {
    env.emulator.deployments.lifecycle.deletion = 'refusedWhileBusy';
    const [a, b] = [seed('tuned-a'), seed('tuned-b')];
    const arn = await deploy(a);
    const creating = await rejectionOf(deleteDeployment(arn));
    expect(creating).toBeInstanceOf(ConflictException);
    expect(creating.message).toBe('The custom model deployment deploy-1 is Creating and cannot be deleted now. Try again later.');
    await getDeployment(arn);
    await updateDeployment(arn, b);
    expect((await rejectionOf(deleteDeployment(arn))).message).toContain('is being updated');
    await getDeployment(arn);
    await deleteDeployment(arn);
    expect(await rejectionOf(getDeployment(arn))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('deleting: Deleting at the first Get and gone at the second; meanwhile it keeps its name and serves nothing', async () => {
    env.emulator.deployments.lifecycle.deletion = 'deleting';
    const model = seed('tuned');
    const arn = await deploy(model);
    await getDeployment(arn);
    expect((await deleteDeployment(arn)).$metadata.httpStatusCode).toBe(200);
    expect((await getDeployment(arn)).status).toBe('Deleting');
    expect(await rejectionOf(deploy(model))).toBeInstanceOf(ValidationException);
    expect(await rejectionOf(converse(arn))).toBeInstanceOf(RuntimeValidationException);
    await deleteDeployment(arn); // accepted again while Deleting
    expect(await rejectionOf(getDeployment(arn))).toBeInstanceOf(ResourceNotFoundException);
    expect(env.emulator.tags.has(arn)).toBe(false);
    await expect(deploy(model)).resolves.not.toBe(arn);
  });
});

describe('deployments.lifecycle.creatingAnswer (L-26)', () => {
  test('ModelNotReadyException by default: a Creating deployment answers 429, which the SDK retries', async () => {
    expect(env.emulator.deployments.lifecycle.creatingAnswer).toBe('ModelNotReadyException');
    const arn = await deploy(seed('tuned'));
    const error = await rejectionOf(converse(arn));
    expect(error).toBeInstanceOf(ModelNotReadyException);
    expect(error.$metadata.httpStatusCode).toBe(429);
  });

  test('ValidationException: a Creating deployment answers 400, and its model once Active', async () => {
    env.emulator.deployments.lifecycle.creatingAnswer = 'ValidationException';
    const model = seed('tuned');
    const arn = await deploy(model);
    const error = await rejectionOf(converse(arn));
    expect(error).toBeInstanceOf(RuntimeValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain('is Creating');
    await getDeployment(arn);
    expect(await converse(arn)).toBe(`Answer from ${model} via ${arn}: Hi`);
  });
});

describe('throughputs.rules.commitmentDeleteRefusal (L-29)', () => {
  const deleteThroughput = (provisionedModelId: string) => env.client().send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId }));

  test('ConflictException by default: a throughput is not deleted while its commitment term runs', async () => {
    expect(env.emulator.throughputs.rules.commitmentDeleteRefusal).toBe('ConflictException');
    const arn = await provision({ commitmentDuration: 'OneMonth' });
    const error = await rejectionOf(deleteThroughput(arn));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('before its OneMonth commitment term is over');
    expect(env.emulator.throughputs.has(arn)).toBe(true);
  });

  test('ValidationException: the same refusal, as a ValidationException; a throughput without commitment is deleted', async () => {
    env.emulator.throughputs.rules.commitmentDeleteRefusal = 'ValidationException';
    const arn = await provision({ commitmentDuration: 'SixMonths' });
    const error = await rejectionOf(deleteThroughput(arn));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain('before its SixMonths commitment term is over');
    const hourly = await provision({ provisionedModelName: 'pt-2' });
    await deleteThroughput(hourly);
    expect(env.emulator.throughputs.has(hourly)).toBe(false);
  });
});

describe('loggingConfig.rules (L-30, L-31)', () => {
  const get = async () => (await env.client().send(new GetModelInvocationLoggingConfigurationCommand({}))).loggingConfig;
  const put = (loggingConfig: LoggingConfig) => env.client().send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig }));
  const deleteConfig = () => env.client().send(new DeleteModelInvocationLoggingConfigurationCommand({}));
  const config: LoggingConfig = {
    s3Config: { bucketName: 'logs-bucket', keyPrefix: '' },
    cloudWatchConfig: { logGroupName: '/bedrock', roleArn: 'arn:aws:iam::123456789012:role/Logs', largeDataDeliveryS3Config: { bucketName: 'large', keyPrefix: 'big/' } },
    textDataDeliveryEnabled: true,
  };

  test('configuration asPut by default (L-30): Get answers the configuration exactly as put', async () => {
    expect(env.emulator.loggingConfig.rules.configuration).toBe('asPut');
    await put(config);
    expect(await get()).toEqual(config);
  });

  test('configuration normalized (L-30): every delivery flag present, an empty keyPrefix dropped', async () => {
    env.emulator.loggingConfig.rules.configuration = 'normalized';
    await put(config);
    expect(await get()).toEqual({
      s3Config: { bucketName: 'logs-bucket' },
      cloudWatchConfig: config.cloudWatchConfig,
      textDataDeliveryEnabled: true,
      imageDataDeliveryEnabled: false,
      embeddingDataDeliveryEnabled: false,
      videoDataDeliveryEnabled: false,
      audioDataDeliveryEnabled: false,
    });
    expect(env.emulator.loggingConfig.get()).toEqual(config);
  });

  test('withoutConfiguration omitted by default (L-31): no loggingConfig; Delete of none succeeds', async () => {
    expect(env.emulator.loggingConfig.rules.withoutConfiguration).toBe('omitted');
    expect(await get()).toBeUndefined();
    expect((await deleteConfig()).$metadata.httpStatusCode).toBe(200);
  });

  test('withoutConfiguration empty (L-31): an empty loggingConfig (flags false once normalized); Delete of none succeeds', async () => {
    env.emulator.loggingConfig.rules.withoutConfiguration = 'empty';
    expect(await get()).toEqual({});
    env.emulator.loggingConfig.rules.configuration = 'normalized';
    expect(await get()).toEqual({
      textDataDeliveryEnabled: false,
      imageDataDeliveryEnabled: false,
      embeddingDataDeliveryEnabled: false,
      videoDataDeliveryEnabled: false,
      audioDataDeliveryEnabled: false,
    });
    expect((await deleteConfig()).$metadata.httpStatusCode).toBe(200);
    await put(config);
    await deleteConfig();
    expect(env.emulator.loggingConfig.get()).toBeUndefined();
  });
});

describe('capacity.requestRules.tokenMismatch (L-40)', () => {
  /** Each create once with token `t`, then again with the same token and another name: the answers, by create. */
  async function reuseTokens(): Promise<Record<string, unknown>> {
    env.emulator.capacity.limits.modelImports = Infinity; // two imports at once: this test is not about the account's limit
    const model = seed('tuned');
    const creates: Record<string, (name: string) => [string, object]> = {
      CreateCustomModel: (modelName) => ['modelArn', importRequest({ modelName, clientRequestToken: 't' })],
      CreateModelImportJob: (jobName) => ['jobArn', modelImportJobRequest({ jobName, importedModelName: `${jobName}-model`, clientRequestToken: 't' })],
      CreateCustomModelDeployment: (modelDeploymentName) => ['customModelDeploymentArn', { modelDeploymentName, modelArn: model, clientRequestToken: 't' }],
      CreateProvisionedModelThroughput: (name) => ['provisionedModelArn', { provisionedModelName: name, modelId: model, modelUnits: 1, clientRequestToken: 't' }],
    };
    const arnIn = (output: object, key: string): unknown => (output as Record<string, unknown>)[key];
    const answers: Record<string, unknown> = {};
    for (const [operation, request] of Object.entries(creates)) {
      const [key, first] = request('first');
      const created = arnIn(await sendOperation(env.client(), operation, first), key);
      const again = await sendOperation(env.client(), operation, request('second')[1]).then((output) => arnIn(output, key), (e: Error) => e.name);
      answers[operation] = again === created ? 'the first resource' : again;
    }
    return answers;
  }

  test('refused by default: ConflictException where the create models it, ValidationException for deployments and throughputs', async () => {
    expect(env.emulator.capacity.requestRules.tokenMismatch).toBe('refused');
    expect(await reuseTokens()).toEqual({
      CreateCustomModel: 'ConflictException',
      CreateModelImportJob: 'ConflictException',
      CreateCustomModelDeployment: 'ValidationException',
      CreateProvisionedModelThroughput: 'ValidationException',
    });
  });

  test('replayed: every create returns the resource of the token\'s first request, and creates nothing', async () => {
    env.emulator.capacity.requestRules.tokenMismatch = 'replayed';
    expect(await reuseTokens()).toEqual({
      CreateCustomModel: 'the first resource',
      CreateModelImportJob: 'the first resource',
      CreateCustomModelDeployment: 'the first resource',
      CreateProvisionedModelThroughput: 'the first resource',
    });
    expect(env.emulator.customModels.has('second')).toBe(false);
    expect(env.emulator.deployments.has('second')).toBe(false);
    expect(env.emulator.throughputs.has('second')).toBe(false);
  });
});

describe('capacity.requestRules.nameTakenRefusal (L-41)', () => {
  /** The errors of a taken name: a deployment's create, a throughput's create, and a throughput's rename. */
  async function takenNames(): Promise<unknown[]> {
    const model = seed('tuned');
    await deploy(model, 'deploy-1');
    await provision({ provisionedModelName: 'pt-1' });
    const other = await provision({ provisionedModelName: 'pt-2' });
    const rename = () => env.client().send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: other, desiredProvisionedModelName: 'pt-1' }));
    const errors: unknown[] = [];
    for (const refused of [() => deploy(model, 'deploy-1'), () => provision({ provisionedModelName: 'pt-1' }), rename]) errors.push(await rejectionOf(refused()));
    return errors;
  }

  test('ValidationException by default: a taken deployment or throughput name, at create and at rename', async () => {
    expect(env.emulator.capacity.requestRules.nameTakenRefusal).toBe('ValidationException');
    const errors = await takenNames();
    errors.forEach((e) => expect(e).toBeInstanceOf(ValidationException));
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'A custom model deployment named deploy-1 already exists.',
      'A Provisioned Throughput named pt-1 already exists.',
      'A Provisioned Throughput named pt-1 already exists.',
    ]);
  });

  test('ConflictException: the same refusals, as the error Bedrock\'s other creates answer', async () => {
    env.emulator.capacity.requestRules.nameTakenRefusal = 'ConflictException';
    const errors = await takenNames();
    errors.forEach((e) => expect(e).toBeInstanceOf(ConflictException));
    expect(env.emulator.calls.filter((c) => c.errorType === 'ConflictException').map((c) => c.operation)).toEqual([
      'CreateCustomModelDeployment', 'CreateProvisionedModelThroughput', 'UpdateProvisionedModelThroughput',
    ]);
  });
});

test('reset() restores every default, with rules objects of its own', () => {
  const { deployments, throughputs, loggingConfig, capacity } = env.emulator;
  Object.assign(deployments.lifecycle, { servedWhileUpdating: 'none', deletion: 'deleting', creatingAnswer: 'ValidationException' });
  throughputs.rules.commitmentDeleteRefusal = 'ValidationException';
  Object.assign(loggingConfig.rules, { configuration: 'normalized', withoutConfiguration: 'empty' });
  Object.assign(capacity.requestRules, { tokenMismatch: 'replayed', nameTakenRefusal: 'ConflictException' });
  env.emulator.reset();
  expect(env.emulator.deployments.lifecycle).toEqual(defaultDeploymentLifecycleRules());
  expect(env.emulator.throughputs.rules).toEqual(defaultThroughputRules());
  expect(env.emulator.loggingConfig.rules).toEqual(defaultLoggingConfigRules());
  expect(env.emulator.capacity.requestRules).toEqual(defaultRequestRules());
  expect(env.emulator.deployments.lifecycle).not.toBe(deployments.lifecycle);
  expect(deployments.lifecycle.deletion).toBe('deleting');
});
