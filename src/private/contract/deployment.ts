/*
 * The properties contract of `Custom::BedrockCustomModelDeployment` (see common.ts):
 * on-demand inference for a custom model (CreateCustomModelDeployment).
 * Imports types only: no runtime code crosses between src/ and lambda/.
 */
import type { ResourceTag, BedrockRemovalPolicy } from './common';

/** Properties of the `Custom::BedrockCustomModelDeployment` resource. */
export interface CustomModelDeploymentResourceProperties {
  /** Omitted: the handler generates one per RequestId. */
  readonly modelDeploymentName?: string;
  /**
   * The custom model served. A change updates the deployment in place
   * (UpdateCustomModelDeployment): its ARN, what applications invoke, stays.
   */
  readonly modelArn: string;
  readonly description?: string;
  readonly tags?: ResourceTag[];

  // Library-only settings below: they never reach Bedrock and update in place.

  /** Whether Delete removes the deployment. */
  readonly removalPolicy: BedrockRemovalPolicy;
  /** The resource fails when the deployment (or its update) is not done after this many seconds. */
  readonly completionTimeoutSeconds: number;
}

/** The `Data` a deployment resource returns (read with `Fn::GetAtt`). */
export interface CustomModelDeploymentResourceAttributes {
  readonly DeploymentArn: string;
  readonly DeploymentName: string;
}
