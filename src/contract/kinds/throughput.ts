/*
 * The properties contract of `Custom::BedrockProvisionedThroughput` (see common.ts):
 * provisioned throughput for a custom or foundation model (CreateProvisionedModelThroughput).
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { ResourceTag, BedrockRemovalPolicy } from '../common';
import type { ResourceKindEntry } from '../kind';

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

/** The kind's descriptor (see ../kind.ts). */
export const THROUGHPUT_KIND = {
  resourceType: 'Custom::BedrockProvisionedThroughput',
  providerId: 'BedrockProvisionedThroughputProvider',
  onEvent: 'throughputOnEvent',
  isComplete: 'throughputIsComplete',
  describe: {
    role: 'Calls Amazon Bedrock for the provisioned throughputs of this stack',
    onEvent: 'Creates, updates and deletes Amazon Bedrock provisioned throughputs',
    isComplete: 'Waits for Amazon Bedrock provisioned throughputs (and their updates) to be InService',
  },
  tags: ['provisioned-model'],
  grants: [
    // Create and Update act on a throughput and name the model it serves: a custom model of this account
    // or a foundation model of this region (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    { operations: ['CreateProvisionedModelThroughput', 'UpdateProvisionedModelThroughput'], on: ['provisioned-model', 'custom-model', 'foundation-model'] },
    { operations: ['GetProvisionedModelThroughput', 'DeleteProvisionedModelThroughput'], on: ['provisioned-model'] },
    // A new model's base tells whether Bedrock swaps it in place; GetCustomModel acts on the custom model (same page).
    { operations: ['GetCustomModel'], on: ['custom-model'] },
  ],
  requests: [{
    shape: 'CreateProvisionedModelThroughputRequest',
    props: {
      'provisionedModelName': { path: 'provisionedModelName', property: 'provisionedModelName' },
      'model': { path: 'modelId', property: 'modelId', label: 'model (its ARN)' },
      'modelUnits': { path: 'modelUnits', property: 'modelUnits' },
      'commitment': { path: 'commitmentDuration', property: 'commitmentDuration' },
      'tags': { path: 'tags' },
      'tags.key': { path: 'tags[].key' },
      'tags.value': { path: 'tags[].value' },
    },
  }],
} as const satisfies ResourceKindEntry;
