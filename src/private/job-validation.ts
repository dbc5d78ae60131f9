import { Token } from 'aws-cdk-lib';
import { MAX_TAGS_PER_RESOURCE } from './constraints';
import { ModelCustomizationJobResourceProperties } from './contract';
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
  'role': 'roleArn',
  'trainingData': 'trainingDataConfig.s3Uri',
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
 * Checks the request the job will send against the API's constraints and
 * throws one error listing every violation.
 */
export function validateJobRequest(p: ModelCustomizationJobResourceProperties, data: JobDataLocations): void {
  const errors: string[] = [];
  const check = (prop: JobProp, value: unknown, label: string = prop) =>
    errors.push(...checkValue(JOB_REQUEST, JOB_PROP_PATHS[prop], value, label));

  check('jobName', p.jobName);
  check('customModelName', p.customModelName);
  check('baseModel', p.baseModelIdentifier);
  check('customization', p.customizationType);
  check('role', p.roleArn, 'role (its ARN)');
  check('trainingData', s3UriToCheck(data.training.bucket.bucketName, data.training.key));
  // The list and, through it, each validator's URI ('validationData[]').
  check('validationData', data.validation.length
    ? data.validation.map((v) => ({ s3Uri: s3UriToCheck(v.bucket.bucketName, v.key) }))
    : undefined);
  check('outputData', s3UriToCheck(data.output.bucket.bucketName, data.output.prefix));
  check('hyperParameters', p.hyperParameters);
  for (const kind of ['jobTags', 'customModelTags'] as const) {
    const tags = p[kind];
    // The list's own rules here; each tag below, labelled by its key.
    errors.push(...checkValue(JOB_REQUEST, JOB_PROP_PATHS[kind], tags, kind, { shallow: true }));
    if (tags && tags.length > MAX_TAGS_PER_RESOURCE) {
      errors.push(`${kind} must have at most ${MAX_TAGS_PER_RESOURCE} tags, the most Bedrock accepts on one resource (got ${tags.length})`);
    }
    tags?.forEach((t) => {
      check(`${kind}.key`, t.key, `${kind} key "${t.key}"`);
      check(`${kind}.value`, t.value, `${kind}["${t.key}"]`);
    });
  }
  // The lists and, through them, each id ('vpcSubnets[]', 'securityGroups[]').
  check('vpcSubnets', p.vpcConfig?.subnetIds);
  check('securityGroups', p.vpcConfig?.securityGroupIds);
  check('customModelEncryptionKey', p.customModelKmsKeyId, 'customModelEncryptionKey (its ARN)');

  if (errors.length) {
    throw new Error(`Invalid ModelCustomizationJob props:\n  ${errors.join('\n  ')}`);
  }
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
