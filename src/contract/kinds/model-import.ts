/*
 * The properties contract of `Custom::BedrockModelImportJob` (see common.ts):
 * Bedrock Custom Model Import of an open-weight model (CreateModelImportJob),
 * which makes an imported model invoked on demand by its ARN.
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import { CONDITION_WAIT_PROPERTIES } from '../common';
import type { BedrockRemovalPolicy, ConditionWaitProperties, ResourceTag, VpcConfigProperties } from '../common';
import type { ResourceKindEntry } from '../kind';

/** Properties of the `Custom::BedrockModelImportJob` resource. */
export interface ModelImportJobResourceProperties extends ConditionWaitProperties {
  /** Omitted: the handler generates one per RequestId. */
  readonly jobName?: string;
  /** Omitted: the handler generates one per RequestId. */
  readonly importedModelName?: string;
  readonly roleArn: string;
  /** `s3://<bucket>/<prefix>/`: the model's files (Hugging Face layout: safetensors, config.json, tokenizer files). */
  readonly modelDataS3Uri: string;
  readonly jobTags?: ResourceTag[];
  readonly importedModelTags?: ResourceTag[];
  readonly vpcConfig?: VpcConfigProperties;
  /** Omitted: Bedrock encrypts the imported model with a key that AWS owns. */
  readonly importedModelKmsKeyArn?: string;

  // Library-only settings below: they never reach Bedrock and update in place.

  /** Whether Delete removes the imported model (the job itself cannot be deleted). */
  readonly removalPolicy: BedrockRemovalPolicy;
  /**
   * The resource fails when the job has not completed after this many
   * seconds. Omitted when a wait condition waits for the job (waitHandleUrl):
   * the resource then completes once the job is submitted or queued.
   */
  readonly completionTimeoutSeconds?: number;
}

/** The `Data` a model import job resource returns (read with `Fn::GetAtt`). */
export interface ModelImportJobResourceAttributes {
  readonly JobArn: string;
  readonly JobName: string;
  readonly ImportedModelArn: string;
  readonly ImportedModelName: string;
}

/** The kind's descriptor (see ../kind.ts). */
export const MODEL_IMPORT_KIND = {
  resourceType: 'Custom::BedrockModelImportJob',
  providerId: 'BedrockModelImportJobProvider',
  onEvent: 'modelImportOnEvent',
  isComplete: 'modelImportIsComplete',
  describe: {
    role: 'Calls Amazon Bedrock for the model import jobs of this stack',
    onEvent: 'Creates, updates and deletes Amazon Bedrock model import jobs and their imported models',
    isComplete: 'Waits for Amazon Bedrock model import jobs to start and to complete',
    watcher: 'Starts the model import jobs of this stack that wait for a free Bedrock slot, and signals the wait conditions of '
      + 'its jobs when they end (invoked by EventBridge)',
  },
  tags: ['model-import-job', 'imported-model'],
  grants: [
    // The Service Authorization Reference for Amazon Bedrock
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    { operations: ['CreateModelImportJob'], on: ['model-import-job', 'imported-model'] },
    { operations: ['GetModelImportJob'], on: ['model-import-job'] },
    { operations: ['DeleteImportedModel'], on: ['imported-model'] },
    // A job that gets no slot in time names the import jobs in progress. A list acts on no resource type (same page).
    { operations: ['ListModelImportJobs'], on: ['*'] },
  ],
  // Bedrock sends no EventBridge events for import jobs (those it sends: Model Customization and Batch Inference Job State
  // Change, https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-bedrock.html): the watcher runs on its fallback.
  queue: { watcher: 'modelImportWatcher' },
  conditionWait: { result: 'modelImportResult' },
  notDefining: [
    'jobTags', 'importedModelTags', 'removalPolicy', 'completionTimeoutSeconds', ...CONDITION_WAIT_PROPERTIES,
  ] satisfies Array<keyof ModelImportJobResourceProperties>,
  requests: [{
    shape: 'CreateModelImportJobRequest',
    props: {
      'jobName': { path: 'jobName', property: 'jobName' },
      'importedModelName': { path: 'importedModelName', property: 'importedModelName' },
      'role': { path: 'roleArn', property: 'roleArn', label: 'role (its ARN)' },
      'modelData': { path: 'modelDataSource.s3DataSource.s3Uri', property: 'modelDataS3Uri' },
      'importedModelKmsKey': { path: 'importedModelKmsKeyId', property: 'importedModelKmsKeyArn', label: 'importedModelKmsKey (its ARN)' },
      'vpcSubnets': { path: 'vpcConfig.subnetIds', property: 'vpcConfig.subnetIds' },
      'vpcSubnets[]': { path: 'vpcConfig.subnetIds[]' },
      'securityGroups': { path: 'vpcConfig.securityGroupIds', property: 'vpcConfig.securityGroupIds' },
      'securityGroups[]': { path: 'vpcConfig.securityGroupIds[]' },
      'jobTags': { path: 'jobTags' },
      'jobTags.key': { path: 'jobTags[].key' },
      'jobTags.value': { path: 'jobTags[].value' },
      'importedModelTags': { path: 'importedModelTags' },
      'importedModelTags.key': { path: 'importedModelTags[].key' },
      'importedModelTags.value': { path: 'importedModelTags[].value' },
    },
  }],
} as const satisfies ResourceKindEntry;
