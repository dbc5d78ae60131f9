/*
 * Which modelId answers, through what. Endpoints (custom model deployments,
 * provisioned throughputs) are found by resolvers registered on the runtime
 * (each kind's `endpoints`), so that each store stays in its own folder;
 * what no resolver serves is a foundation model on demand, or refused as
 * Bedrock refuses it.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html (modelId)
 */
import type { ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import { INVALID_MODEL_IDENTIFIER, NO_ON_DEMAND_THROUGHPUT, RuntimeError, runtimeValidation, UNRESOLVED_FOUNDATION_MODEL } from './errors';
import type { FoundationModelCatalog, FoundationModelEntry } from '../catalog';
import type { CustomModels } from '../kinds/custom-models/custom-models';

/** The model that answers a modelId, and the endpoint it answers through. */
export interface ServedModel {
  /** The custom or foundation model's ARN. */
  readonly modelArn: string;
  /** The deployment, provisioned throughput or foundation model invoked. Default: the modelId. */
  readonly endpointArn?: string;
  /**
   * How the model answers, for a model whose family the runtime's own answers
   * (answers.ts, by foundation model) do not know, e.g. a model imported from
   * open weights; each one left out answers as the runtime does.
   */
  readonly answers?: ModelAnswers;
}

/** A model's own InvokeModel and Converse: the answer, or a RuntimeError thrown. */
export interface ModelAnswers {
  invoke?(model: ResolvedModel, body: string): Record<string, unknown>;
  converse?(model: ResolvedModel, request: Record<string, unknown>): ConverseResponse;
}

/**
 * Serves the ids of one kind of endpoint: undefined for an id it does not
 * serve; a RuntimeError thrown for one it knows but cannot serve now.
 */
export type EndpointResolver = (modelId: string) => ServedModel | undefined;

/** A store that tells which model an endpoint ARN serves now (Deployments; provisioned throughputs). */
export interface ServingStore {
  serving(endpointArn: string): string | undefined;
}

/** A resolver over a store's `serving(arn)`. The store is looked up per call, so that it survives emulator.reset(). */
export function servingResolver(store: () => ServingStore): EndpointResolver {
  return (modelId) => {
    const modelArn = store().serving(modelId);
    return modelArn === undefined ? undefined : { modelArn };
  };
}

/** What a runtime request answers from. */
export interface ResolvedModel {
  readonly modelArn: string;
  readonly endpointArn: string;
  /** The foundation model underneath: the model itself, or a custom model's base. Undefined if unknown. */
  readonly foundation?: FoundationModelEntry;
  /** The model's own answers, when its resolver gave them. */
  readonly answers?: ModelAnswers;
}

export interface ResolutionContext {
  readonly resolvers: readonly EndpointResolver[];
  readonly catalog: FoundationModelCatalog;
  readonly customModels: CustomModels;
}

/** A foundation model id as the runtime's modelId pattern has it (provider.model[:version...]). */
const FOUNDATION_MODEL_ID = /^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}){0,3}$/;
const FOUNDATION_MODEL_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]+::foundation-model\//;
const CUSTOM_MODEL_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:custom-model\//;

/** The model that answers `modelId`, or the RuntimeError Bedrock answers instead. */
export function resolveModel(context: ResolutionContext, modelId: string): ResolvedModel {
  for (const resolve of context.resolvers) {
    const served = resolve(modelId);
    if (served) {
      const { modelArn, endpointArn = modelId, answers } = served;
      return { modelArn, endpointArn, foundation: foundationOf(context, modelArn), answers };
    }
  }
  if (CUSTOM_MODEL_ARN.test(modelId)) {
    // A custom model answers through a deployment or Provisioned Throughput only (model-customization-use.html).
    throw context.customModels.has(modelId) ? runtimeValidation(NO_ON_DEMAND_THROUGHPUT) : runtimeValidation(INVALID_MODEL_IDENTIFIER);
  }
  if (FOUNDATION_MODEL_ARN.test(modelId) || FOUNDATION_MODEL_ID.test(modelId)) {
    const entry = context.catalog.find(modelId);
    if (!entry) throw new RuntimeError('ResourceNotFoundException', UNRESOLVED_FOUNDATION_MODEL);
    // Base model ids for on-demand throughput, as opposed to those for purchasing Provisioned Throughput.
    // https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html
    if (!entry.inferenceTypesSupported.includes('ON_DEMAND')) throw runtimeValidation(NO_ON_DEMAND_THROUGHPUT);
    const arn = context.catalog.arnOf(entry);
    return { modelArn: arn, endpointArn: arn, foundation: entry };
  }
  throw runtimeValidation(INVALID_MODEL_IDENTIFIER);
}

function foundationOf(context: ResolutionContext, modelArn: string): FoundationModelEntry | undefined {
  return context.catalog.find(modelArn) ?? context.customModels.asBaseModel(modelArn)?.baseModel;
}
