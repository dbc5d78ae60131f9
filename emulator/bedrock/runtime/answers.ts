/*
 * The emulated model's answers: deterministic, small, well-formed for the
 * model family. The text says which model answered through which endpoint and
 * echoes (a bounded part of) the prompt, so that a demo can show the path a
 * request took. Tokens are counted as words: stable, not a real tokenizer.
 */
import type { ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import {
  CONVERSE_UNSUPPORTED_MODEL,
  FIRST_MESSAGE_FROM_USER,
  malformedInput,
  ROLES_ALTERNATE,
  runtimeValidation,
} from './errors';
import type { ResolvedModel } from './resolve';

/** How much of the prompt an answer echoes. */
export const ECHO_LIMIT = 200;

/** ConverseMetrics.latencyMs is required: a fixed value keeps answers deterministic. */
export const EMULATED_LATENCY_MS = 10;

/** "Answer from <modelArn> via <endpointArn>: <prompt, at most ECHO_LIMIT characters>". */
export function answerText(model: ResolvedModel, prompt: string): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  const echo = flat.length > ECHO_LIMIT ? `${flat.slice(0, ECHO_LIMIT - 1)}…` : flat;
  return `Answer from ${model.modelArn} via ${model.endpointArn}: ${echo}`;
}

export function countTokens(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/** The first `max` words of an answer, and whether it was cut (max_tokens / LENGTH). */
export function limited(text: string, max: unknown): { text: string; cut: boolean } {
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) return { text, cut: false };
  const words = text.split(' ');
  return words.length > max ? { text: words.slice(0, max).join(' '), cut: true } : { text, cut: false };
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of a message list ({ role, content: [{ text }, ...] }), checked as Converse checks it. */
function conversation(messages: unknown): { prompt: string; all: string } {
  const list = Array.isArray(messages) ? messages.filter(isObject) : [];
  if (list.length === 0 || list[0].role !== 'user') throw runtimeValidation(FIRST_MESSAGE_FROM_USER);
  if (list.some((m, i) => i > 0 && m.role === list[i - 1].role)) throw runtimeValidation(ROLES_ALTERNATE);
  const textOf = (m: Json) => (Array.isArray(m.content) ? m.content : []).filter(isObject)
    .map((block) => (typeof block.text === 'string' ? block.text : '')).join(' ');
  const lastUser = [...list].reverse().find((m) => m.role === 'user')!;
  return { prompt: textOf(lastUser), all: list.map(textOf).join(' ') };
}

function systemText(system: unknown): string {
  return (Array.isArray(system) ? system : []).filter(isObject).map((b) => (typeof b.text === 'string' ? b.text : '')).join(' ');
}

/**
 * Converse: output.message from the assistant, stopReason, usage and metrics.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export function converseAnswer(model: ResolvedModel, request: Json): ConverseResponse {
  if (model.foundation && !model.foundation.outputModalities.includes('TEXT')) throw runtimeValidation(CONVERSE_UNSUPPORTED_MODEL);
  // Converse's answer is Nova's InvokeModel answer with metrics.
  return { ...novaAnswer(model, request), metrics: { latencyMs: EMULATED_LATENCY_MS } } as ConverseResponse;
}

/** The model families whose InvokeModel bodies the emulator speaks. */
export type ModelFamily = 'nova' | 'titan-text';

export function familyOf(model: ResolvedModel): ModelFamily | undefined {
  const id = model.foundation?.modelId ?? '';
  if (id.startsWith('amazon.nova-')) return 'nova';
  if (id.startsWith('amazon.titan-text-')) return 'titan-text';
  return undefined;
}

/** Top-level keys of each family's request body: required, then allowed. */
const BODY_KEYS: Record<ModelFamily, { required: string; allowed: readonly string[] }> = {
  'nova': { required: 'messages', allowed: ['schemaVersion', 'system', 'messages', 'inferenceConfig', 'toolConfig'] },
  'titan-text': { required: 'inputText', allowed: ['inputText', 'textGenerationConfig'] },
};

/** InvokeModel: the model's native body in and out. */
export function invokeAnswer(model: ResolvedModel, body: string): Json {
  const family = familyOf(model);
  if (!family) {
    throw runtimeValidation(`The emulator answers InvokeModel for Amazon Nova and Titan Text models only; ${model.modelArn} `
      + `is ${model.foundation?.modelId ?? 'of an unknown family'}. Use Converse, which it answers for every text model.`);
  }
  const request = parseBody(body);
  const { required, allowed } = BODY_KEYS[family];
  const problems = [
    ...(request[required] === undefined ? [`#: required key [${required}] not found`] : []),
    ...Object.keys(request).filter((k) => !allowed.includes(k)).map((k) => `#: extraneous key [${k}] is not permitted`),
  ];
  if (problems.length > 0) throw malformedInput(problems);
  return family === 'nova' ? novaAnswer(model, request) : titanAnswer(model, request);
}

/** An InvokeModel body, which must be a JSON object (ValidationException otherwise). */
export function parseBody(body: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw malformedInput(['#: expected a JSON object']);
  }
  if (!isObject(parsed)) throw malformedInput([`#: expected type: JSONObject, found: ${Array.isArray(parsed) ? 'JSONArray' : typeof parsed}`]);
  return parsed;
}

/**
 * Amazon Nova: messages (and system, inferenceConfig.maxTokens) in; output.message, stopReason, usage out.
 * https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html
 * https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema-response.html
 */
function novaAnswer(model: ResolvedModel, request: Json): Json {
  const { prompt, all } = conversation(request.messages);
  const config = isObject(request.inferenceConfig) ? request.inferenceConfig : {};
  const answer = limited(answerText(model, prompt), config.maxTokens);
  const inputTokens = countTokens(`${systemText(request.system)} ${all}`);
  const outputTokens = countTokens(answer.text);
  return {
    output: { message: { role: 'assistant', content: [{ text: answer.text }] } },
    stopReason: answer.cut ? 'max_tokens' : 'end_turn',
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
  };
}

/**
 * Amazon Titan Text: inputText (and textGenerationConfig.maxTokenCount) in;
 * inputTextTokenCount and results[{ tokenCount, outputText, completionReason }] out.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html
 */
function titanAnswer(model: ResolvedModel, request: Json): Json {
  if (typeof request.inputText !== 'string') throw malformedInput([`#/inputText: expected type: String, found: ${typeof request.inputText}`]);
  const config = isObject(request.textGenerationConfig) ? request.textGenerationConfig : {};
  const answer = limited(answerText(model, request.inputText), config.maxTokenCount);
  return {
    inputTextTokenCount: countTokens(request.inputText),
    results: [{ tokenCount: countTokens(answer.text), outputText: answer.text, completionReason: answer.cut ? 'LENGTH' : 'FINISHED' }],
  };
}
