/*
 * The properties contract of `Custom::BedrockCustomModelDeployment` (see common.ts):
 * on-demand inference for a custom model (CreateCustomModelDeployment).
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { ResourceTag, BedrockRemovalPolicy } from '../common';
import type { ResourceKindEntry } from '../kind';

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

/** The kind's descriptor (see ../kind.ts). */
export const DEPLOYMENT_KIND = {
  resourceType: 'Custom::BedrockCustomModelDeployment',
  providerId: 'BedrockCustomModelDeploymentProvider',
  onEvent: 'deploymentOnEvent',
  isComplete: 'deploymentIsComplete',
  describe: {
    role: 'Calls Amazon Bedrock for the custom model deployments of this stack',
    onEvent: 'Creates, updates and deletes Amazon Bedrock custom model deployments',
    isComplete: 'Waits for Amazon Bedrock custom model deployments (and their updates) to be Active',
  },
  tags: ['custom-model-deployment'],
  grants: [
    // Create and Update act on a deployment and name the custom model it serves: both, in this account and region
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    { operations: ['CreateCustomModelDeployment', 'UpdateCustomModelDeployment'], on: ['custom-model-deployment', 'custom-model'] },
    { operations: ['GetCustomModelDeployment', 'DeleteCustomModelDeployment'], on: ['custom-model-deployment'] },
  ],
  requests: [{
    shape: 'CreateCustomModelDeploymentRequest',
    props: {
      'deploymentName': { path: 'modelDeploymentName', property: 'modelDeploymentName' },
      'model': { path: 'modelArn', property: 'modelArn', label: 'model (its ARN)' },
      'description': { path: 'description', property: 'description' },
      'tags': { path: 'tags' },
      'tags.key': { path: 'tags[].key' },
      'tags.value': { path: 'tags[].value' },
    },
  }],
} as const satisfies ResourceKindEntry;
