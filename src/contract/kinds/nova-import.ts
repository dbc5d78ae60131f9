/*
 * The properties contract of `Custom::BedrockNovaModelImport` (see common.ts).
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { ResourceTag, BedrockRemovalPolicy } from '../common';
import type { ResourceKindEntry } from '../kind';

/** Properties of the `Custom::BedrockNovaModelImport` resource (CreateCustomModel). */
export interface NovaModelImportResourceProperties {
  /** Omitted: the handler generates one per RequestId. */
  readonly modelName?: string;
  /** `s3://<bucket>/<prefix>`: the model artifacts SageMaker wrote. */
  readonly modelSourceS3Uri: string;
  readonly roleArn: string;
  /** Omitted: Bedrock encrypts the model with a key that AWS manages. */
  readonly modelKmsKeyArn?: string;
  readonly modelTags?: ResourceTag[];

  // Library-only settings below: they never reach Bedrock and update in place.

  /** Whether Delete removes the model. */
  readonly removalPolicy: BedrockRemovalPolicy;
  /** The resource fails when the model is not Active after this many seconds. */
  readonly completionTimeoutSeconds: number;
}

/** The `Data` an import resource returns (read with `Fn::GetAtt`). */
export interface NovaModelImportResourceAttributes {
  readonly ModelArn: string;
  readonly ModelName: string;
}

/** The kind's descriptor (see ../kind.ts). */
export const NOVA_IMPORT_KIND = {
  resourceType: 'Custom::BedrockNovaModelImport',
  providerId: 'BedrockNovaModelImportProvider',
  onEvent: 'novaImportOnEvent',
  isComplete: 'novaImportIsComplete',
  describe: {
    role: 'Calls Amazon Bedrock for the Nova model imports (CreateCustomModel) of this stack',
    onEvent: 'Creates, updates and deletes Amazon Bedrock custom models imported from SageMaker AI-trained Nova artifacts',
    isComplete: 'Waits for Amazon Bedrock Nova model imports to start and to become Active',
    watcher: 'Starts the Nova model imports of this stack that wait for a free Bedrock slot (invoked by EventBridge)',
  },
  tags: ['custom-model'],
  grants: [
    { operations: ['CreateCustomModel', 'GetCustomModel', 'DeleteCustomModel'], on: ['custom-model'] },
    // An import that gets no slot in time names the models being imported. A list acts on no resource type
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    { operations: ['ListCustomModels'], on: ['*'] },
  ],
  queue: { watcher: 'novaImportWatcher' },
  requests: [{
    shape: 'CreateCustomModelRequest',
    props: {
      'modelName': { path: 'modelName', property: 'modelName' },
      'modelSource': { path: 'modelSourceConfig.s3DataSource.s3Uri', property: 'modelSourceS3Uri' },
      'role': { path: 'roleArn', property: 'roleArn', label: 'role (its ARN)' },
      'encryptionKey': { path: 'modelKmsKeyArn', property: 'modelKmsKeyArn', label: 'encryptionKey (its ARN)' },
      'modelTags': { path: 'modelTags' },
      'modelTags.key': { path: 'modelTags[].key' },
      'modelTags.value': { path: 'modelTags[].value' },
    },
  }],
} as const satisfies ResourceKindEntry;
