/*
 * bedrock-runtime in the emulator, through the real client: which modelIds
 * answer (an Active deployment, a foundation model on demand, a registered
 * kind of endpoint), which are refused and how, the answers' shapes, and the
 * calls recorded apart from the control plane's.
 */
import {
  CreateCustomModelDeploymentCommand, CreateProvisionedModelThroughputCommand, GetCustomModelDeploymentCommand, GetProvisionedModelThroughputCommand,
  UpdateCustomModelDeploymentCommand,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  BedrockRuntimeClientConfig,
  BedrockRuntimeServiceException,
  ConverseCommand,
  ConverseCommandInput,
  InvokeModelCommand,
  ModelNotReadyException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { useEmulator } from './bedrock-fixtures/harness';
import {
  BedrockEmulator,
  CONVERSE_UNSUPPORTED_MODEL,
  createBedrockRuntimeClient,
  ECHO_LIMIT,
  EMULATED_LATENCY_MS,
  emulatorEnvironment,
  INVALID_MODEL_IDENTIFIER,
  NO_ON_DEMAND_THROUGHPUT,
  servingResolver,
  UNRESOLVED_FOUNDATION_MODEL,
} from '../../emulator/bedrock';

const env = useEmulator();
const runtimeClients: BedrockRuntimeClient[] = [];
afterEach(() => runtimeClients.splice(0).forEach((c) => c.destroy()));

/** A runtime client for the emulator, without retries unless asked. */
function runtime(config: BedrockRuntimeClientConfig = {}): BedrockRuntimeClient {
  const client = createBedrockRuntimeClient(env.emulator, { maxAttempts: 1, ...config });
  runtimeClients.push(client);
  return client;
}

const FM_ARN = (id: string) => `arn:aws:bedrock:us-east-1::foundation-model/${id}`;
const ask = (text: string) => [{ role: 'user' as const, content: [{ text }] }];
const converse = (modelId: string, text = 'Hello there', more: Partial<ConverseCommandInput> = {}) =>
  runtime().send(new ConverseCommand({ modelId, messages: ask(text), ...more }));
const novaBody = (text: string) => ({ messages: ask(text), inferenceConfig: { maxTokens: 100 } });

async function invoke(modelId: string, body: object, client = runtime()): Promise<{ json: any; contentType?: string }> {
  const out = await client.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json', accept: 'application/json' }));
  return { json: JSON.parse(out.body.transformToString()), contentType: out.contentType };
}

async function rejection(promise: Promise<unknown>): Promise<BedrockRuntimeServiceException> {
  try {
    await promise;
  } catch (e) {
    return e as BedrockRuntimeServiceException;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** An Active fine-tuned Nova Micro, as a completed job leaves it. */
const tunedModel = (modelName = 'tuned-a') => env.emulator.customModels.add({ modelName, baseModelId: 'amazon.nova-micro-v1:0:128k' });

async function createDeployment(modelArn: string, name = 'deploy-1'): Promise<string> {
  const created = await env.client().send(new CreateCustomModelDeploymentCommand({ modelDeploymentName: name, modelArn }));
  return created.customModelDeploymentArn!;
}

/** Creates a deployment through the control plane and polls it until Active. */
async function activeDeployment(modelArn: string): Promise<string> {
  const arn = await createDeployment(modelArn);
  for (let i = 0; i < 10; i++) {
    const { status } = await env.client().send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: arn }));
    if (status === 'Active') return arn;
  }
  throw new Error(`${arn} never became Active`);
}

describe('an Active custom model deployment', () => {
  test('Converse answers as the deployed model, through the deployment', async () => {
    const modelArn = tunedModel();
    const deploymentArn = await activeDeployment(modelArn);
    const out = await converse(deploymentArn, 'Hello there', { system: [{ text: 'Be brief.' }] });
    const text = `Answer from ${modelArn} via ${deploymentArn}: Hello there`;
    expect(out.output).toEqual({ message: { role: 'assistant', content: [{ text }] } });
    expect(out.stopReason).toBe('end_turn');
    // Tokens are words: 'Be brief. Hello there' in, 'Answer from <arn> via <arn>: Hello there' out.
    expect(out.usage).toEqual({ inputTokens: 4, outputTokens: 7, totalTokens: 11 });
    expect(out.metrics).toEqual({ latencyMs: EMULATED_LATENCY_MS });
  });

  test('InvokeModel takes and gives the Nova body of the base model\'s family', async () => {
    const modelArn = tunedModel();
    const deploymentArn = await activeDeployment(modelArn);
    const { json, contentType } = await invoke(deploymentArn, novaBody('Summarize this'));
    expect(contentType).toBe('application/json');
    expect(json).toEqual({
      output: { message: { role: 'assistant', content: [{ text: `Answer from ${modelArn} via ${deploymentArn}: Summarize this` }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 2, outputTokens: 7, totalTokens: 9 },
    });
  });

  test('an update under way still answers with the old model, then with the new one', async () => {
    const [oldArn, newArn] = [tunedModel('tuned-a'), tunedModel('tuned-b')];
    const deploymentArn = await activeDeployment(oldArn);
    await env.client().send(new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier: deploymentArn, modelArn: newArn }));
    expect((await converse(deploymentArn)).output?.message?.content?.[0].text).toContain(`from ${oldArn} via`);
    env.emulator.deployments.completeUpdate(deploymentArn);
    expect((await converse(deploymentArn)).output?.message?.content?.[0].text).toContain(`from ${newArn} via`);
  });
});

describe('refusals', () => {
  test('a bare custom model ARN: ValidationException, it answers through a deployment or Provisioned Throughput only', async () => {
    const modelArn = tunedModel();
    for (const call of [converse(modelArn), invoke(modelArn, novaBody('hi'))]) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(ValidationException);
      expect([error.message, error.$metadata.httpStatusCode]).toEqual([NO_ON_DEMAND_THROUGHPUT, 400]);
    }
  });

  test('a Creating deployment: ModelNotReadyException (429), which the SDK retries; Active after a poll', async () => {
    const deploymentArn = await createDeployment(tunedModel());
    const error = await rejection(converse(deploymentArn));
    expect(error).toBeInstanceOf(ModelNotReadyException);
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.message).toContain('not ready to serve inference requests');

    const retried = await rejection(runtime({ maxAttempts: 2 }).send(new ConverseCommand({ modelId: deploymentArn, messages: ask('hi') })));
    expect(retried).toBeInstanceOf(ModelNotReadyException);
    expect(env.emulator.runtimeCalls.map((c) => c.errorType)).toEqual(Array(3).fill('ModelNotReadyException'));

    await env.client().send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: deploymentArn }));
    expect((await converse(deploymentArn)).stopReason).toBe('end_turn');
  });

  test('a Failed deployment: ValidationException with its failure', async () => {
    env.emulator.deployments.planFor('deploy-1', { outcome: { status: 'Failed', failureMessage: 'No capacity.' } });
    const deploymentArn = await createDeployment(tunedModel());
    await env.client().send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: deploymentArn }));
    const error = await rejection(converse(deploymentArn));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe(`The custom model deployment ${deploymentArn} is Failed (No capacity.) and not available for inference requests.`);
  });

  test('unknown ids: an unknown foundation model is not found; anything else is an invalid identifier', async () => {
    const notFound = await rejection(converse('amazon.nova-mega-v9:0'));
    expect(notFound).toBeInstanceOf(ResourceNotFoundException);
    expect([notFound.message, notFound.$metadata.httpStatusCode]).toEqual([UNRESOLVED_FOUNDATION_MODEL, 404]);
    for (const modelId of ['my-model', 'arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abcdefghijkl',
      'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl']) {
      const error = await rejection(converse(modelId));
      expect([error.name, error.message]).toEqual(['ValidationException', INVALID_MODEL_IDENTIFIER]);
    }
  });

  test('a provisioned-only foundation model id is not served on demand', async () => {
    const error = await rejection(converse('amazon.nova-micro-v1:0:128k'));
    expect([error.name, error.message]).toEqual(['ValidationException', NO_ON_DEMAND_THROUGHPUT]);
  });

  test('bodies and conversations that do not fit: malformed input, message order, a model that does not chat', async () => {
    const malformed = await rejection(invoke('amazon.nova-micro-v1:0', { inputText: 'hi' }));
    expect(malformed.message).toBe('Malformed input request: #: required key [messages] not found#: extraneous key [inputText] is not permitted, please reformat your input and try again.');
    const assistantFirst = await rejection(runtime().send(new ConverseCommand({
      modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'assistant', content: [{ text: 'hi' }] }],
    })));
    expect(assistantFirst.message).toMatch(/^A conversation must start with a user message/);
    const repeated = await rejection(runtime().send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [...ask('a'), ...ask('b')] })));
    expect(repeated.message).toMatch(/^A conversation must alternate between user and assistant roles/);
    const embedding = await rejection(converse('amazon.titan-embed-text-v2:0'));
    expect([embedding.name, embedding.message]).toEqual(['ValidationException', CONVERSE_UNSUPPORTED_MODEL]);
  });
});

describe('foundation models on demand', () => {
  test('by id or ARN, the model answers as itself', async () => {
    const arn = FM_ARN('amazon.nova-micro-v1:0');
    for (const modelId of ['amazon.nova-micro-v1:0', arn]) {
      expect((await converse(modelId, 'Hi')).output?.message?.content).toEqual([{ text: `Answer from ${arn} via ${arn}: Hi` }]);
    }
  });

  test('Titan Text takes inputText and answers results[].outputText; maxTokenCount cuts it (LENGTH)', async () => {
    const arn = FM_ARN('amazon.titan-text-express-v1');
    const { json } = await invoke('amazon.titan-text-express-v1', { inputText: 'User: Hi\nBot:' });
    expect(json).toEqual({
      inputTextTokenCount: 3,
      results: [{ tokenCount: 8, outputText: `Answer from ${arn} via ${arn}: User: Hi Bot:`, completionReason: 'FINISHED' }],
    });
    const cut = await invoke('amazon.titan-text-express-v1', { inputText: 'Hi', textGenerationConfig: { maxTokenCount: 2 } });
    expect(cut.json.results).toEqual([{ tokenCount: 2, outputText: 'Answer from', completionReason: 'LENGTH' }]);
  });

  test('Converse maxTokens cuts the answer (max_tokens); the echo is bounded', async () => {
    const cut = await converse('amazon.nova-lite-v1:0', 'Hi', { inferenceConfig: { maxTokens: 3 } });
    expect([cut.stopReason, cut.output?.message?.content?.[0].text, cut.usage?.outputTokens]).toEqual(['max_tokens', 'Answer from arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0', 3]);
    const long = await converse('amazon.nova-lite-v1:0', 'x'.repeat(1000));
    const text = long.output!.message!.content![0].text!;
    expect(text.slice(text.indexOf(': ') + 2)).toHaveLength(ECHO_LIMIT);
  });
});

describe('endpoints, recording and environment', () => {
  test('a registered kind of endpoint (e.g. provisioned throughput) answers through its resolver', async () => {
    const emulator = await BedrockEmulator.start();
    const modelArn = emulator.customModels.add({ modelName: 'tuned-pt', baseModelId: 'amazon.titan-text-express-v1:0:8k' });
    const throughputArn = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';
    emulator.runtime.addResolver(servingResolver(() => ({ serving: (arn: string) => (arn === throughputArn ? modelArn : undefined) })));
    const client = createBedrockRuntimeClient(emulator, { maxAttempts: 1 });
    try {
      const { json } = await invoke(throughputArn, { inputText: 'Hi' }, client);
      expect(json.results[0].outputText).toBe(`Answer from ${modelArn} via ${throughputArn}: Hi`);
      expect(emulator.runtimeCalls).toMatchObject([{ operation: 'InvokeModel', endpointArn: throughputArn, modelArn, statusCode: 200 }]);
    } finally {
      client.destroy();
      await emulator.stop();
    }
  });

  test('runtime calls are recorded in their own list, not in calls; reset clears them', async () => {
    const deploymentArn = await activeDeployment(tunedModel());
    await converse(deploymentArn, 'one');
    await invoke(deploymentArn, novaBody('two'));
    await rejection(converse('my-model'));
    const unknown = await fetch(`${env.emulator.endpoint}/model/amazon.nova-micro-v1%3A0/count-tokens`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);

    const { emulator } = env;
    expect(emulator.runtimeCalls.map((c) => [c.operation, c.statusCode, c.errorType])).toEqual([
      ['Converse', 200, undefined], ['InvokeModel', 200, undefined], ['Converse', 400, 'ValidationException'], ['UnknownOperation', 404, undefined],
    ]);
    expect(emulator.runtimeCalls[0]).toMatchObject({ input: { modelId: deploymentArn, messages: ask('one') }, endpointArn: deploymentArn, time: expect.any(Date) });
    expect(emulator.runtimeCalls[1].input).toMatchObject({ modelId: deploymentArn, contentType: 'application/json', body: novaBody('two') });
    expect(emulator.runtime.callsTo('Converse')).toHaveLength(2);
    expect(emulator.calls.map((c) => c.operation)).toEqual(['CreateCustomModelDeployment', 'GetCustomModelDeployment']);
    emulator.reset();
    expect(emulator.runtimeCalls).toEqual([]);
  });

  test('emulatorEnvironment sets AWS_ENDPOINT_URL_BEDROCK_RUNTIME: a client created without endpoint finds the emulator', async () => {
    const environment = emulatorEnvironment(env.emulator);
    expect(environment.AWS_ENDPOINT_URL_BEDROCK_RUNTIME).toBe(env.emulator.endpoint);
    const saved = { ...process.env };
    Object.assign(process.env, environment);
    try {
      const client = new BedrockRuntimeClient({ maxAttempts: 1 });
      runtimeClients.push(client);
      const out = await client.send(new ConverseCommand({ modelId: 'amazon.nova-pro-v1:0', messages: ask('Hi') }));
      expect(out.stopReason).toBe('end_turn');
    } finally {
      process.env = saved;
    }
    expect(env.emulator.runtimeCalls).toHaveLength(1);
  });

  test('answers carry no Date, over HTTP/2 or HTTP/1.1: a client on the emulated time sends a refused request once', async () => {
    const { emulator } = env;
    emulator.clock.advance(2 * 3600);
    // A client whose clock is the emulated time, as the handlers' is under the local engine.
    const offset = emulator.clock.now().getTime() - Date.now();
    const realNow = Date.now.bind(Date);
    const now = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    const error = await rejection(runtime({ maxAttempts: 3 }).send(new ConverseCommand({ modelId: 'no-such-model', messages: ask('Hi') })))
      .finally(() => now.mockRestore());
    expect(error).toBeInstanceOf(ValidationException);
    // A response dated otherwise by more than five minutes makes the SDK correct its clock and send the request again.
    expect(error.$metadata.attempts).toBe(1);
    expect(emulator.runtimeCalls).toHaveLength(1);
    const http1 = await fetch(`${emulator.endpoint}/model/no-such-model/converse`, { method: 'POST', body: '{}' });
    expect([http1.status, http1.headers.get('date')]).toEqual([400, null]);
  });
});

describe('an InService provisioned throughput', () => {
  test('Converse answers as the provisioned model (an imported one), through the throughput', async () => {
    const imported = env.emulator.customModels.add({ modelName: 'support-assistant', customizationType: 'IMPORTED', baseModelId: 'amazon.nova-micro-v1:0:128k' });
    const { provisionedModelArn } = await env.client().send(new CreateProvisionedModelThroughputCommand({
      provisionedModelName: 'support', modelId: imported, modelUnits: 1,
    }));
    await env.client().send(new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }));
    expect(env.emulator.throughputs.get(provisionedModelArn!).status).toBe('InService');

    const out = await converse(provisionedModelArn!, 'Where is my order?');

    expect(out.output?.message?.content?.[0]?.text).toBe(`Answer from ${imported} via ${provisionedModelArn}: Where is my order?`);
    // The imported model itself is not an endpoint.
    expect((await rejection(converse(imported))).name).toBe('ValidationException');
  });
});
