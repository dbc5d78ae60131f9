import { Token } from 'aws-cdk-lib';
import { S3DataLocation } from './data';
import { INVOCATION_LOGS_TYPES } from '../contract/constraints';
import { JOB_PROP_PATHS, JOB_REQUEST, ModelCustomizationJobResourceProperties } from '../contract/kinds/job';
import { checkProp } from '../private/prop-check';

type JobProp = keyof typeof JOB_PROP_PATHS;

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
    errors.push(...checkProp(JOB_REQUEST, JOB_PROP_PATHS[prop], value, label));

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
