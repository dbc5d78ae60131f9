import { Token } from 'aws-cdk-lib';
import { INVOCATION_LOGS_TYPES } from './constraints';
import { ModelCustomizationJobResourceProperties } from './contract/job';
import { checkValue } from './validation';
import { S3DataLocation } from '../data';

/** The request whose constraints the job's props must meet. */
export const JOB_REQUEST = 'CreateModelCustomizationJobRequest';

/**
 * Where each prop lands in the request: the table that synth-time validation
 * and its coverage test both read. Keys are prop names as users know them.
 */
export const JOB_PROP_PATHS = {
  'jobName': 'jobName',
  'customModelName': 'customModelName',
  'baseModel': 'baseModelIdentifier',
  'customization': 'customizationType',
  // Customization.distillation and Customization.reinforcementFineTuning.
  'customization.teacherModel': 'customizationConfig.distillationConfig.teacherModelConfig.teacherModelIdentifier',
  'customization.maxResponseLength': 'customizationConfig.distillationConfig.teacherModelConfig.maxResponseLengthForInference',
  'customization.grader': 'customizationConfig.rftConfig.graderConfig.lambdaGrader.lambdaArn',
  // The hyperparameters, and through them each one.
  'customization.hyperParameters': 'customizationConfig.rftConfig.hyperParameters',
  'customization.hyperParameters.epochCount': 'customizationConfig.rftConfig.hyperParameters.epochCount',
  'customization.hyperParameters.batchSize': 'customizationConfig.rftConfig.hyperParameters.batchSize',
  'customization.hyperParameters.learningRate': 'customizationConfig.rftConfig.hyperParameters.learningRate',
  'customization.hyperParameters.maxPromptLength': 'customizationConfig.rftConfig.hyperParameters.maxPromptLength',
  'customization.hyperParameters.trainingSamplePerPrompt': 'customizationConfig.rftConfig.hyperParameters.trainingSamplePerPrompt',
  'customization.hyperParameters.inferenceMaxTokens': 'customizationConfig.rftConfig.hyperParameters.inferenceMaxTokens',
  'customization.hyperParameters.reasoningEffort': 'customizationConfig.rftConfig.hyperParameters.reasoningEffort',
  'customization.hyperParameters.evalInterval': 'customizationConfig.rftConfig.hyperParameters.evalInterval',
  'role': 'roleArn',
  'trainingData': 'trainingDataConfig.s3Uri',
  // TrainingData.fromInvocationLogs: the prefix, and the filter with, through it, each of its maps and lists.
  'trainingData.invocationLogs': 'trainingDataConfig.invocationLogsConfig.invocationLogSource.s3Uri',
  'trainingData.filter': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters',
  'trainingData.filter.equals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals',
  'trainingData.filter.equals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals{key}',
  'trainingData.filter.equals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals{}',
  'trainingData.filter.notEquals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.notEquals',
  'trainingData.filter.notEquals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.notEquals{key}',
  'trainingData.filter.notEquals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.notEquals{}',
  'trainingData.filter.andAll': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll',
  'trainingData.filter.andAll[].equals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].equals',
  'trainingData.filter.andAll[].equals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].equals{key}',
  'trainingData.filter.andAll[].equals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].equals{}',
  'trainingData.filter.andAll[].notEquals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].notEquals',
  'trainingData.filter.andAll[].notEquals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].notEquals{key}',
  'trainingData.filter.andAll[].notEquals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].notEquals{}',
  'trainingData.filter.orAll': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll',
  'trainingData.filter.orAll[].equals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].equals',
  'trainingData.filter.orAll[].equals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].equals{key}',
  'trainingData.filter.orAll[].equals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].equals{}',
  'trainingData.filter.orAll[].notEquals': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].notEquals',
  'trainingData.filter.orAll[].notEquals.key': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].notEquals{key}',
  'trainingData.filter.orAll[].notEquals.value': 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.orAll[].notEquals{}',
  'validationData': 'validationDataConfig.validators',
  'validationData[]': 'validationDataConfig.validators[].s3Uri',
  'outputData': 'outputDataConfig.s3Uri',
  'hyperParameters': 'hyperParameters',
  'jobTags': 'jobTags',
  'jobTags.key': 'jobTags[].key',
  'jobTags.value': 'jobTags[].value',
  'customModelTags': 'customModelTags',
  'customModelTags.key': 'customModelTags[].key',
  'customModelTags.value': 'customModelTags[].value',
  'vpcSubnets': 'vpcConfig.subnetIds',
  'vpcSubnets[]': 'vpcConfig.subnetIds[]',
  'securityGroups': 'vpcConfig.securityGroupIds',
  'securityGroups[]': 'vpcConfig.securityGroupIds[]',
  'customModelEncryptionKey': 'customModelKmsKeyId',
} as const;

export type JobProp = keyof typeof JOB_PROP_PATHS;

/** The bound data locations, for checking S3 URIs whose bucket is a token. */
export interface JobDataLocations {
  readonly training: S3DataLocation;
  readonly validation: S3DataLocation[];
  readonly output: { readonly bucket: S3DataLocation['bucket']; readonly prefix: string };
}

/**
 * What is wrong with the request the job will send, against the API's
 * constraints (the tags aside: ResourceTags checks them).
 */
export function validateJobRequest(p: Omit<ModelCustomizationJobResourceProperties, 'removalPolicy'>, data: JobDataLocations): string[] {
  const errors: string[] = [];
  const check = (prop: JobProp, value: unknown, label: string = prop) =>
    errors.push(...checkValue(JOB_REQUEST, JOB_PROP_PATHS[prop], value, label));

  check('jobName', p.jobName);
  check('customModelName', p.customModelName);
  check('baseModel', p.baseModelIdentifier);
  check('customization', p.customizationType);
  check('customization.teacherModel', p.distillation?.teacherModelIdentifier);
  check('customization.maxResponseLength', p.distillation?.maxResponseLengthForInference);
  check('customization.grader', p.reinforcementFineTuning?.graderLambdaArn, 'customization.grader (its ARN)');
  check('customization.hyperParameters', p.reinforcementFineTuning?.hyperParameters);
  check('role', p.roleArn, 'role (its ARN)');
  const trainingUri = s3UriToCheck(data.training.bucket.bucketName, data.training.key);
  if (p.invocationLogs) {
    check('trainingData.invocationLogs', trainingUri, 'trainingData');
    check('trainingData.filter', p.invocationLogs.requestMetadataFilters);
    if (!INVOCATION_LOGS_TYPES.includes(p.customizationType)) {
      errors.push(`trainingData from invocation logs needs Customization.distillation() or Customization.reinforcementFineTuning() (got ${p.customizationType})`);
    }
  } else {
    check('trainingData', trainingUri);
  }
  // The list and, through it, each validator's URI ('validationData[]').
  check('validationData', data.validation.length
    ? data.validation.map((v) => ({ s3Uri: s3UriToCheck(v.bucket.bucketName, v.key) }))
    : undefined);
  check('outputData', s3UriToCheck(data.output.bucket.bucketName, data.output.prefix));
  check('hyperParameters', p.hyperParameters);
  // The lists and, through them, each id ('vpcSubnets[]', 'securityGroups[]').
  check('vpcSubnets', p.vpcConfig?.subnetIds);
  check('securityGroups', p.vpcConfig?.securityGroupIds);
  check('customModelEncryptionKey', p.customModelKmsKeyId, 'customModelEncryptionKey (its ARN)');
  return errors;
}

/**
 * The URI to check. A bucket name or key that is a token (a bucket created in
 * the app, the asset bucket) stands in as a valid value, so the other part is
 * still checked.
 */
function s3UriToCheck(bucketName: string, key: string): string {
  const bucket = Token.isUnresolved(bucketName) ? 'bucket-known-at-deploy-time' : bucketName;
  return `s3://${bucket}/${Token.isUnresolved(key) ? 'key-known-at-deploy-time' : key}`;
}
