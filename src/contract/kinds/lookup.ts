/*
 * The properties contract of `Custom::BedrockCustomModelLookup` (see common.ts).
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { ResourceKindEntry } from '../kind';

/** The model statuses of ListCustomModels. */
export type ModelStatusValue = 'Active' | 'Creating' | 'Failed';

/**
 * Properties of the `Custom::BedrockCustomModelLookup` resource: either
 * `modelIdentifier` (GetCustomModel) or the filters of ListCustomModels.
 */
export interface CustomModelLookupResourceProperties {
  /** The name or ARN of one model: GetCustomModel, no filters. */
  readonly modelIdentifier?: string;
  readonly nameContains?: string;
  readonly baseModelArnEquals?: string;
  readonly foundationModelArnEquals?: string;
  /** ISO 8601. */
  readonly creationTimeAfter?: string;
  /** ISO 8601. */
  readonly creationTimeBefore?: string;
  readonly modelStatus?: ModelStatusValue;
  readonly isOwned?: boolean;
}

/** The `Data` a lookup resource returns. */
export interface CustomModelLookupResourceAttributes {
  readonly ModelArn: string;
  readonly ModelName: string;
}

/** The kind's descriptor (see ../kind.ts). */
export const LOOKUP_KIND = {
  resourceType: 'Custom::BedrockCustomModelLookup',
  providerId: 'BedrockCustomModelLookupProvider',
  onEvent: 'lookupOnEvent',
  describe: {
    role: 'Finds Amazon Bedrock custom models for the lookups of this stack',
    onEvent: 'Finds Amazon Bedrock custom models by name or by filters',
  },
  grants: [
    // Lookups by filters: ListCustomModels, which IAM authorizes on `*` only
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    { operations: ['ListCustomModels'], on: ['*'], onUse: 'list' },
    // References by name: GetCustomModel on this account's custom models.
    { operations: ['GetCustomModel'], on: ['custom-model'], onUse: 'get' },
  ],
  requests: [{
    shape: 'GetCustomModelRequest',
    props: { customModelName: { path: 'modelIdentifier', property: 'modelIdentifier' } },
  }, {
    shape: 'ListCustomModelsRequest',
    props: {
      nameContains: { path: 'nameContains', property: 'nameContains' },
      baseModel: { path: 'baseModelArnEquals', property: 'baseModelArnEquals', label: 'baseModel (its ARN)' },
      foundationModel: { path: 'foundationModelArnEquals', property: 'foundationModelArnEquals', label: 'foundationModel (its ARN)' },
    },
  }],
} as const satisfies ResourceKindEntry;
