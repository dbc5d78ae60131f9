/*
 * The properties contract of `Custom::BedrockModelImportJobResult` (see
 * common.ts): the read-back of a model import job waited for by a wait
 * condition, once the job has completed.
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { WaitResultProperties } from '../common';
import type { ResourceKindEntry } from '../kind';
import type { ModelImportJobResourceAttributes } from './model-import';

/** Properties of the `Custom::BedrockModelImportJobResult` resource. */
export type ModelImportResultResourceProperties = WaitResultProperties;

/** The `Data` a model import result returns: the completed job's ARN and its imported model. */
export type ModelImportResultResourceAttributes = Pick<ModelImportJobResourceAttributes, 'JobArn' | 'ImportedModelArn'>;

/** The kind's descriptor (see ../kind.ts): it reads the import jobs that wait conditions waited for. */
export const MODEL_IMPORT_RESULT_KIND = {
  resourceType: 'Custom::BedrockModelImportJobResult',
  providerId: 'BedrockModelImportJobResultProvider',
  onEvent: 'modelImportResultOnEvent',
  describe: {
    role: 'Reads the completed model import jobs of this stack',
    onEvent: 'Reports the imported models of completed Amazon Bedrock model import jobs',
  },
  grants: [
    // The Service Authorization Reference for Amazon Bedrock
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    { operations: ['GetModelImportJob'], on: ['model-import-job'] },
  ],
} as const satisfies ResourceKindEntry;
