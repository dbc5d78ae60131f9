/*
 * What the runtime serves from imported models: an imported model answers
 * InvokeModel and Converse by its own ARN, on demand ("you can use the model
 * with on demand throughput by sending InvokeModel ... To interface with your
 * imported model using the messages format, you can call the Converse ...
 * operations"; https://docs.aws.amazon.com/bedrock/latest/userguide/invoke-imported-model.html).
 * An ARN of no model (not imported yet, or deleted) is left to the runtime,
 * which answers ValidationException `The provided model identifier is
 * invalid.` as for a deployment that does not exist.
 */
import { IMPORTED_MODEL_ARN } from './arn';
import type { ImportedModelRecord, ModelImportJobs } from './model-import-jobs';
import { isArnOf } from '../../arns';
import { answerText, converseAnswer, countTokens, isObject, Json, limited, parseBody } from '../../runtime/answers';
import { CONVERSE_UNSUPPORTED_MODEL, malformedInput, runtimeValidation } from '../../runtime/errors';
import type { EndpointResolver, ModelAnswers, ResolvedModel } from '../../runtime/resolve';

export function importedModelResolver(store: () => ModelImportJobs): EndpointResolver {
  return (modelId) => {
    if (!isArnOf(IMPORTED_MODEL_ARN, modelId)) return undefined;
    const model = store().served(modelId);
    return model && { modelArn: model.arn, answers: importedModelAnswers(model) };
  };
}

/**
 * Converse is refused for the architectures the guide names ("Converse API is
 * not supported for Qwen2.5, Qwen2-VL, Qwen2.5-VL, and GPT-OSS models", same
 * page; GetImportedModel's instructSupported false). AWS documents no error for
 * it: ValidationException, with the runtime's wording for a model Converse does not take.
 */
function importedModelAnswers(imported: ImportedModelRecord): ModelAnswers {
  return {
    invoke: (model, body) => invokeImported(model, body),
    converse: (model, request) => {
      if (!imported.instructSupported) throw runtimeValidation(CONVERSE_UNSUPPORTED_MODEL);
      return converseAnswer(model, request);
    },
  };
}

/**
 * InvokeModel on an imported model, in two of the API formats the guide shows
 * (same page, "Enhanced API Support"): BedrockCompletion, `prompt` in
 * (`max_gen_len` or `max_tokens` cut the answer), `generation`,
 * `prompt_token_count`, `generation_token_count`, `stop_reason` out; and
 * OpenAIChatCompletion, `messages` in, `choices[].message` and `usage` out.
 */
function invokeImported(model: ResolvedModel, body: string): Json {
  const request = parseBody(body);
  if (Array.isArray(request.messages)) return chatCompletion(model, request);
  if (typeof request.prompt !== 'string') throw malformedInput(['#: required key [prompt] not found']);
  const answer = limited(answerText(model, request.prompt), request.max_gen_len ?? request.max_tokens);
  return {
    generation: answer.text,
    prompt_token_count: countTokens(request.prompt),
    generation_token_count: countTokens(answer.text),
    stop_reason: answer.cut ? 'length' : 'stop',
  };
}

function chatCompletion(model: ResolvedModel, request: Json): Json {
  const messages = (request.messages as unknown[]).filter(isObject);
  const textOf = (m: Json): string => (typeof m.content === 'string' ? m.content
    : (Array.isArray(m.content) ? m.content : []).filter(isObject).map((p) => (typeof p.text === 'string' ? p.text : '')).join(' '));
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  if (!lastUser) throw malformedInput(['#/messages: expected at least one message with role [user]']);
  const answer = limited(answerText(model, textOf(lastUser)), request.max_completion_tokens ?? request.max_tokens);
  const promptTokens = countTokens(messages.map(textOf).join(' '));
  const completionTokens = countTokens(answer.text);
  return {
    object: 'chat.completion',
    model: model.modelArn,
    choices: [{ index: 0, message: { role: 'assistant', content: answer.text }, finish_reason: answer.cut ? 'length' : 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}
