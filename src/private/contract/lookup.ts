/*
 * The properties contract of `Custom::BedrockCustomModelLookup` (see common.ts).
 * Imports types only: no runtime code crosses between src/ and lambda/.
 */

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
