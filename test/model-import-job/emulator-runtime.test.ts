/*
 * bedrock-runtime on imported models, through the real clients: InvokeModel
 * (BedrockCompletion and OpenAI chat bodies) and Converse by the model's ARN,
 * Converse refused for the architectures the guide excludes, and a model that
 * is not there (not imported yet, deleted) refused as the runtime refuses an unknown id.
 */
import { CreateModelImportJobCommand, DeleteImportedModelCommand, GetImportedModelCommand, GetModelImportJobCommand } from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  InvokeModelCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { modelImportJobRequest, seedSource } from './emulator-fixtures';
import { CONVERSE_UNSUPPORTED_MODEL, createBedrockRuntimeClient, INVALID_MODEL_IDENTIFIER } from '../../emulator/bedrock';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';

const env = useEmulator();
const runtimeClients: BedrockRuntimeClient[] = [];
afterEach(() => runtimeClients.splice(0).forEach((c) => c.destroy()));

function runtime(): BedrockRuntimeClient {
  const client = createBedrockRuntimeClient(env.emulator, { maxAttempts: 1 });
  runtimeClients.push(client);
  return client;
}

/** Imports a model of `config` and returns its ARN once the job Completed. */
async function imported(config: object = { architectures: ['LlamaForCausalLM'], model_type: 'llama' }, name = 'import-job-1'): Promise<string> {
  const s3Uri = seedSource(env.emulator, name, { config });
  await env.client().send(new CreateModelImportJobCommand(modelImportJobRequest({
    jobName: name, importedModelName: `${name}-model`, modelDataSource: { s3DataSource: { s3Uri } },
  })));
  const job = await env.client().send(new GetModelImportJobCommand({ jobIdentifier: name }));
  expect(job.status).toBe('Completed');
  return job.importedModelArn!;
}

async function invoke(modelId: string, body: object): Promise<any> {
  const output = await runtime().send(new InvokeModelCommand({ modelId, contentType: 'application/json', body: JSON.stringify(body) }));
  return JSON.parse(Buffer.from(output.body).toString('utf8'));
}
const converse = (modelId: string, text = 'Hello there') =>
  runtime().send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text }] }] }));
async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

test('InvokeModel with a BedrockCompletion body answers generation, token counts and stop_reason; max_gen_len cuts it', async () => {
  const modelArn = await imported();
  const answer = await invoke(modelArn, { prompt: 'What is Bedrock?' });
  expect(answer).toEqual({
    generation: `Answer from ${modelArn} via ${modelArn}: What is Bedrock?`,
    prompt_token_count: 3,
    generation_token_count: 8,
    stop_reason: 'stop',
  });
  expect(await invoke(modelArn, { prompt: 'What is Bedrock?', max_gen_len: 2 })).toMatchObject({ generation: 'Answer from', stop_reason: 'length' });
  expect(env.emulator.runtimeCalls).toMatchObject([{ operation: 'InvokeModel', statusCode: 200, modelArn, endpointArn: modelArn }, { statusCode: 200 }]);
});

test('InvokeModel with an OpenAI chat body answers choices and usage; a body with neither prompt nor messages is malformed', async () => {
  const modelArn = await imported();
  const answer = await invoke(modelArn, { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], max_tokens: 100 });
  expect(answer).toMatchObject({
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: `Answer from ${modelArn} via ${modelArn}: Hi` }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 },
  });
  const error = await refusal(invoke(modelArn, { inputText: 'Hi' }));
  expect(error).toBeInstanceOf(ValidationException);
  expect(error.message).toMatch(/^Malformed input request: #: required key \[prompt\] not found/);
});

test('Converse answers a Llama import (instructSupported)', async () => {
  const modelArn = await imported();
  const answer = await converse(modelArn, 'Tell me more');
  expect(answer.output?.message).toEqual({ role: 'assistant', content: [{ text: `Answer from ${modelArn} via ${modelArn}: Tell me more` }] });
  expect(answer.stopReason).toBe('end_turn');
});

test.each([
  ['GPT-OSS', { model_type: 'gpt_oss' }],
  ['Qwen2-VL', { model_type: 'qwen2_vl' }],
  ['Qwen2.5-VL', { model_type: 'qwen2_5_vl' }],
  ['Qwen2.5 (model_type qwen2)', { model_type: 'qwen2' }],
])('Converse on a %s import is a ValidationException; InvokeModel still answers', async (_, config) => {
  const modelArn = await imported(config);
  expect((await env.client().send(new GetImportedModelCommand({ modelIdentifier: modelArn }))).instructSupported).toBe(false);
  const error = await refusal(converse(modelArn));
  expect(error).toBeInstanceOf(ValidationException);
  expect(error.message).toBe(CONVERSE_UNSUPPORTED_MODEL);
  expect((await invoke(modelArn, { prompt: 'Hi' })).stop_reason).toBe('stop');
});

test('with rules.qwen2Converse, a qwen2 import is served by Converse', async () => {
  env.emulator.modelImportJobs.rules.qwen2Converse = true;
  const modelArn = await imported({ model_type: 'qwen2' });
  expect((await env.client().send(new GetImportedModelCommand({ modelIdentifier: modelArn }))).instructSupported).toBe(true);
  expect((await converse(modelArn)).stopReason).toBe('end_turn');
});

test('a deleted model, and an imported-model ARN of no model, are refused as an invalid model identifier', async () => {
  const modelArn = await imported();
  await env.client().send(new DeleteImportedModelCommand({ modelIdentifier: modelArn }));
  for (const modelId of [modelArn, 'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl']) {
    const error = await refusal(invoke(modelId, { prompt: 'Hi' }));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe(INVALID_MODEL_IDENTIFIER);
    expect(await refusal(converse(modelId))).toBeInstanceOf(ValidationException);
  }
});
