/*
 * Synth-time validation of ModelImportJob props, driven by the constraints
 * fixture: every rule reachable from the props (the kind's request table x
 * rulesAt) has a failing case below or a written exclusion.
 */
import { App, Stack, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { ModelImportJob, ModelImportJobProps, ModelSource } from '../../src';
import {
  describeRuleCoverage, ENV, FailingCase, kindTable, lengthRules, nameCases, networkCoverage, reachableRules, tagMapCoverage,
} from '../validation/rule-coverage';

const SOURCE = 's3://open-weights-123456789012/llama-3.2-1b-instruct/';

const rules = () => reachableRules(kindTable('modelImport'));
const { bound } = lengthRules(rules);

const makeJob = (props: (stack: Stack) => Partial<ModelImportJobProps>) => (stack: Stack) =>
  new ModelImportJob(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE), ...props(stack) });
const keyArn = (id: string) => `arn:aws:kms:${ENV.region}:${ENV.account}:key/${id}`;

const JOB_TAGS = tagMapCoverage('jobTags', (jobTags) => makeJob(() => ({ jobTags })), rules);
const MODEL_TAGS = tagMapCoverage('importedModelTags', (importedModelTags) => makeJob(() => ({ importedModelTags })), rules);
const NETWORK = networkCoverage((network) => makeJob(() => network), rules);

const FAILING_CASES: Record<string, FailingCase> = {
  ...nameCases('jobName', (jobName) => makeJob(() => ({ jobName })), rules),
  ...nameCases('importedModelName', (importedModelName) => makeJob(() => ({ importedModelName })), rules),
  'modelData:length.max': {
    label: 'modelData',
    make: makeJob((st) => ({ modelSource: ModelSource.fromBucket(s3.Bucket.fromBucketName(st, 'B', 'bucket'), 'k'.repeat(bound('modelData:length.max'))) })),
  },
  'modelData:pattern': { label: 'modelData', make: makeJob(() => ({ modelSource: ModelSource.fromS3Uri('s3://Bad_Bucket/x/') })) },
  'role:length.max': {
    label: 'role (its ARN)',
    make: makeJob((st) => ({ role: iam.Role.fromRoleArn(st, 'R', `arn:aws:iam::${ENV.account}:role/${'r'.repeat(bound('role:length.max'))}`, { mutable: false }) })),
  },
  'role:pattern': {
    label: 'role (its ARN)',
    make: makeJob((st) => ({ role: iam.Role.fromRoleArn(st, 'R', `arn:aws:iam::${ENV.account}:user/x`, { mutable: false }) })),
  },
  'importedModelKmsKey:length.max': {
    label: 'importedModelKmsKey (its ARN)',
    make: makeJob((st) => ({ importedModelKmsKey: kms.Key.fromKeyArn(st, 'K', keyArn('k'.repeat(bound('importedModelKmsKey:length.max')))) })),
  },
  'importedModelKmsKey:pattern': {
    label: 'importedModelKmsKey (its ARN)',
    make: makeJob((st) => ({ importedModelKmsKey: kms.Key.fromKeyArn(st, 'K', `arn:aws:kms:${ENV.region}:${ENV.account}:keys/x`) })),
  },
  ...JOB_TAGS.failing,
  ...MODEL_TAGS.failing,
  ...NETWORK.failing,
};

const EXCLUSIONS: Record<string, string> = {
  'jobName:required': 'the handler generates a name when jobName is omitted',
  'importedModelName:required': 'the handler generates a name when importedModelName is omitted',
  'modelData:required': 'modelSource is a required prop',
  'modelData:length.min': 'an S3 URI starts with s3:// and is never empty',
  'role:required': 'the construct creates a role when role is omitted',
  'importedModelKmsKey:length.min': 'a key ARN is never empty (modelKeyOf and fromKeyArn need an ARN)',
  ...JOB_TAGS.exclusions,
  ...MODEL_TAGS.exclusions,
  ...NETWORK.exclusions,
};

describeRuleCoverage(rules, FAILING_CASES, EXCLUSIONS);

test('valid props pass', () => {
  const stack = new Stack(new App(), 'S', { env: ENV });
  expect(() => new ModelImportJob(stack, 'Import', {
    modelSource: ModelSource.fromS3Uri(SOURCE),
    jobName: 'llama-import-1',
    importedModelName: 'llama-3_2-1b-runbooks',
    jobTags: { team: 'a' },
    importedModelTags: { team: 'a' },
  })).not.toThrow();
});
