/*
 * Model import jobs as CloudFormation and Bedrock describe them, for the
 * handler tests of `Custom::BedrockModelImportJob`.
 */
import { MODEL_IMPORT } from '../../lambda/model-import-job/properties';
import { RawProperties, seededPhysicalId, SERVICE_TOKEN } from '../lambda/fixtures';

export const IMPORT_JOB_ARN = 'arn:aws:bedrock:us-east-1:123456789012:model-import-job/abcdefghijkl';
export const IMPORT_JOB_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:model-import-job/mnopqrstuvwx';
export const IMPORTED_ARN = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/yz0123456789';
export const IMPORTED_NAME = 'llama-support';

/** The patterns of JobName and ImportedModelName (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelImportJob.html), with their length. */
export const JOB_NAME_PATTERN = /^(?=.{1,63}$)[a-zA-Z0-9](-*[a-zA-Z0-9+\-.])*$/;
export const IMPORTED_MODEL_NAME_PATTERN = /^(?=.{1,63}$)([0-9a-zA-Z][_-]?)+$/;

export const PROVENANCE = { key: 'cdk-bedrock-customization:stack', value: 'FineTuneStack' };

/** The properties of a `Custom::BedrockModelImportJob` as the construct writes them (the timeout as a string). */
export function modelImportProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    roleArn: 'arn:aws:iam::123456789012:role/ModelImportRole',
    modelDataS3Uri: 's3://models-bucket/llama-3-8b-support/',
    jobTags: [PROVENANCE, { key: 'team', value: 'ml' }],
    importedModelTags: [PROVENANCE, { key: 'cost-center', value: '42' }],
    removalPolicy: 'retain',
    completionTimeoutSeconds: '3000',
    ...overrides,
  };
}

/** The physical id of a job created from `props` with the fixtures' seed (pending: as onEvent returns it). */
export function importJobPhysicalId(props: RawProperties = modelImportProperties(), pending = false, arn = IMPORT_JOB_ARN): string {
  return seededPhysicalId(MODEL_IMPORT, arn, props, pending);
}

/** A job as GetModelImportJob describes it. */
export function importJob(status: 'InProgress' | 'Completed' | 'Failed', extra: object = {}): never {
  return {
    jobArn: IMPORT_JOB_ARN,
    jobName: 'llama-support-import',
    importedModelName: IMPORTED_NAME,
    ...(status === 'Completed' ? { importedModelArn: IMPORTED_ARN } : {}),
    roleArn: 'arn:aws:iam::123456789012:role/ModelImportRole',
    modelDataSource: { s3DataSource: { s3Uri: 's3://models-bucket/llama-3-8b-support/' } },
    status,
    creationTime: new Date(),
    ...extra,
  } as never;
}
