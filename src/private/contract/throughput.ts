/*
 * The properties contract of `Custom::BedrockProvisionedThroughput` (see common.ts):
 * provisioned throughput for a custom or foundation model (CreateProvisionedModelThroughput).
 * Imports types only: no runtime code crosses between src/ and lambda/.
 */
import type { ResourceTag, BedrockRemovalPolicy } from './common';

/** The commitment terms of CreateProvisionedModelThroughput. */
export type CommitmentDurationValue = 'OneMonth' | 'SixMonths';

/** Properties of the `Custom::BedrockProvisionedThroughput` resource. */
export interface ProvisionedThroughputResourceProperties {
  /** Omitted: the handler generates one per RequestId. A change renames it in place (UpdateProvisionedModelThroughput). */
  readonly provisionedModelName?: string;
  /** The model served (an ARN). A change updates it in place (UpdateProvisionedModelThroughput). */
  readonly modelId: string;
  /** A change makes a new throughput. */
  readonly modelUnits: number;
  /** Omitted: no commitment (hourly). A change makes a new throughput. */
  readonly commitmentDuration?: CommitmentDurationValue;
  readonly tags?: ResourceTag[];

  // Library-only settings below: they never reach Bedrock and update in place.

  /** Whether Delete removes the throughput. */
  readonly removalPolicy: BedrockRemovalPolicy;
  /** The resource fails when the throughput (or its update) is not InService after this many seconds. */
  readonly completionTimeoutSeconds: number;
  /** Omitted: an update that needs a new throughput fails while the current one's commitment term runs (both would be billed). */
  readonly allowReplacementDuringTerm?: boolean;
}

/** The `Data` a provisioned throughput resource returns (read with `Fn::GetAtt`). */
export interface ProvisionedThroughputResourceAttributes {
  readonly ProvisionedModelArn: string;
  readonly ProvisionedModelName: string;
}
