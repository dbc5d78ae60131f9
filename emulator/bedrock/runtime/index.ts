/* bedrock-runtime (InvokeModel, Converse) on the local Bedrock emulator. */
export { BedrockRuntime, RUNTIME_OPERATIONS } from './runtime';
export type { RecordedRuntimeCall, RuntimeOperation } from './runtime';
export { resolveModel, servingResolver } from './resolve';
export type { EndpointResolver, ModelAnswers, ResolvedModel, ServedModel, ServingStore } from './resolve';
export { answerText, ECHO_LIMIT, EMULATED_LATENCY_MS } from './answers';
export {
  CONVERSE_UNSUPPORTED_MODEL,
  INVALID_MODEL_IDENTIFIER,
  NO_ON_DEMAND_THROUGHPUT,
  RuntimeError,
  UNRESOLVED_FOUNDATION_MODEL,
} from './errors';
export type { RuntimeErrorName } from './errors';
