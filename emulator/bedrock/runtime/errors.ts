/*
 * The errors bedrock-runtime answers with. Statuses are read from the real
 * @aws-sdk/client-bedrock-runtime's error schemas, so they cannot drift from
 * what the SDK maps to its exception classes; the wordings are Bedrock's.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors
 */
import * as runtimeSdk from '@aws-sdk/client-bedrock-runtime';

/** The runtime errors the emulator answers with (a subset of the client's modelled errors). */
export type RuntimeErrorName =
  | 'AccessDeniedException'
  | 'InternalServerException'
  | 'ModelNotReadyException'
  | 'ResourceNotFoundException'
  | 'ServiceUnavailableException'
  | 'ThrottlingException'
  | 'ValidationException';

/** An error bedrock-runtime would answer with: restJson1, the name in `x-amzn-ErrorType`. */
export class RuntimeError extends Error {
  /** The HTTP status the client's schema binds the error to. */
  public readonly status: number;

  constructor(public readonly type: RuntimeErrorName, message: string) {
    super(message);
    this.name = type;
    this.status = statusOf(type);
  }
}

/** The status of an error schema, e.g. ValidationException$ = [-3, ns, name, { error: 'client', httpError: 400 }, ...]. */
function statusOf(type: RuntimeErrorName): number {
  const schema = (runtimeSdk as unknown as Record<string, unknown>)[`${type}$`];
  const traits = Array.isArray(schema) ? (schema[3] as { httpError?: unknown } | undefined) : undefined;
  if (typeof traits?.httpError !== 'number') throw new Error(`@aws-sdk/client-bedrock-runtime models no ${type}`);
  return traits.httpError;
}

export const runtimeValidation = (message: string) => new RuntimeError('ValidationException', message);

/*
 * Wordings. The API reference documents the error types only; the messages
 * are those Bedrock sends, as users report them verbatim.
 */

/** An id that names no model, profile or endpoint (reported e.g. in langchain-ai/langchain-aws#252). */
export const INVALID_MODEL_IDENTIFIER = 'The provided model identifier is invalid.';

/** A foundation-model id the region does not offer (ResourceNotFoundException; reported e.g. in truera/trulens#779). */
export const UNRESOLVED_FOUNDATION_MODEL = 'Could not resolve the foundation model from the provided model identifier.';

/**
 * A model that is not served on demand under the id given (reported e.g. in
 * konveyor/kai#411): a provisioned-only foundation model, or a bare custom
 * model, which is invoked through its deployment or Provisioned Throughput only.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-use.html
 */
export const NO_ON_DEMAND_THROUGHPUT = "The provided model doesn't support on-demand throughput.";

/**
 * Converse with a model that does not chat (an embedding or image model).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html
 */
export const CONVERSE_UNSUPPORTED_MODEL = "This action doesn't support the model that you provided. Try again with a supported text or chat model.";

/**
 * Converse message order: a conversation starts with the user and alternates.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html
 */
export const FIRST_MESSAGE_FROM_USER = 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
export const ROLES_ALTERNATE = 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';

/** A model body that does not fit the model's schema: "Malformed input request: #: ..., please reformat your input and try again." */
export function malformedInput(problems: readonly string[]): RuntimeError {
  return runtimeValidation(`Malformed input request: ${problems.join('')}, please reformat your input and try again.`);
}
