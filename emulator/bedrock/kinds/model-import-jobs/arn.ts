/*
 * The ARNs of a model import job and of the model it imports: the API model's
 * ModelImportJobArn and ImportedModelArn patterns,
 * arn:aws:bedrock:<region>:<account>:model-import-job/<12 chars> and .../imported-model/<12 chars>.
 */
import { Account, ArnForm, newArn } from '../../arns';

export const MODEL_IMPORT_JOB_ARN: ArnForm<readonly []> = {
  resourceType: 'model-import-job',
  shapes: ['ModelImportJobIdentifier', 'TaggableResourcesArn'],
  samplePath: [],
};

export const IMPORTED_MODEL_ARN: ArnForm<readonly []> = {
  resourceType: 'imported-model',
  shapes: ['ImportedModelIdentifier', 'TaggableResourcesArn'],
  samplePath: [],
};

export const modelImportJobArn = (account: Account): string => newArn(account, MODEL_IMPORT_JOB_ARN);
export const importedModelArn = (account: Account): string => newArn(account, IMPORTED_MODEL_ARN);
