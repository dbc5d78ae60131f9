/*
 * Synth-time validation of CustomModelImport props, CustomModelLookup filters
 * and CustomModel.fromCustomModelName, driven by the constraints fixture.
 * Every rule reachable from the props (the PROP_PATHS tables x rulesAt) must
 * have a failing case below or a written exclusion.
 */
import { App, Stack, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { describeRuleCoverage, ENV, FailingCase, lengthRules, reachableRules, tags } from './rule-coverage';
import { CustomModel, CustomModelImport, CustomModelImportProps, CustomModelLookup, CustomModelLookupProps, ModelSource } from '../../src';
import { IMPORT_PROP_PATHS, IMPORT_REQUEST } from '../../src/private/import-validation';
import { LOOKUP_PROP_PATHS, LOOKUP_REQUEST, NAME_PROP_PATHS, NAME_REQUEST } from '../../src/private/lookup-validation';

const SOURCE = 's3://sagemaker-us-east-1-123456789012/nova/';

const rules = () => reachableRules(
  { prefix: 'import', request: IMPORT_REQUEST, paths: IMPORT_PROP_PATHS },
  { prefix: 'lookup', request: LOOKUP_REQUEST, paths: LOOKUP_PROP_PATHS },
  { prefix: 'name', request: NAME_REQUEST, paths: NAME_PROP_PATHS },
);
const { bound, tooLong } = lengthRules(rules);

const makeImport = (props: (stack: Stack) => Partial<CustomModelImportProps>) => (stack: Stack) =>
  new CustomModelImport(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE), ...props(stack) });
const makeLookup = (props: (stack: Stack) => CustomModelLookupProps) => (stack: Stack) => new CustomModelLookup(stack, 'Lookup', props(stack));
const modelWithArn = (_stack: Stack, arn: string): bedrock.IModel => ({ modelArn: arn }) as bedrock.IModel;
const keyArn = (id: string) => `arn:aws:kms:${ENV.region}:${ENV.account}:key/${id}`;

const FAILING_CASES: Record<string, FailingCase> = {
  'import:modelName:length.min': { label: 'modelName', make: makeImport(() => ({ modelName: '' })) },
  'import:modelName:length.max': { label: 'modelName', make: makeImport(() => ({ modelName: tooLong('import:modelName:length.max') })) },
  'import:modelName:pattern': { label: 'modelName', make: makeImport(() => ({ modelName: 'bad name!' })) },
  'import:modelSource:length.max': {
    label: 'modelSource',
    make: makeImport((st) => ({ modelSource: ModelSource.fromBucket(s3.Bucket.fromBucketName(st, 'B', 'bucket'), 'k'.repeat(bound('import:modelSource:length.max'))) })),
  },
  'import:modelSource:pattern': { label: 'modelSource', make: makeImport(() => ({ modelSource: ModelSource.fromS3Uri('s3://Bad_Bucket/x/') })) },
  'import:role:length.max': {
    label: 'role (its ARN)',
    make: makeImport((st) => ({ role: iam.Role.fromRoleArn(st, 'R', `arn:aws:iam::${ENV.account}:role/${'r'.repeat(bound('import:role:length.max'))}`, { mutable: false }) })),
  },
  'import:role:pattern': {
    label: 'role (its ARN)',
    make: makeImport((st) => ({ role: iam.Role.fromRoleArn(st, 'R', `arn:aws:iam::${ENV.account}:user/x`, { mutable: false }) })),
  },
  'import:encryptionKey:length.max': {
    label: 'encryptionKey (its ARN)',
    make: makeImport((st) => ({ encryptionKey: kms.Key.fromKeyArn(st, 'K', keyArn('k'.repeat(bound('import:encryptionKey:length.max')))) })),
  },
  'import:encryptionKey:pattern': { label: 'encryptionKey (its ARN)', make: makeImport((st) => ({ encryptionKey: kms.Key.fromKeyArn(st, 'K', keyArn('short')) })) },
  'import:modelTags:length.max': { label: 'modelTags', make: makeImport(() => ({ modelTags: tags(bound('import:modelTags:length.max') + 1) })) },
  'import:modelTags.key:length.min': { label: 'modelTags key ""', make: makeImport(() => ({ modelTags: { '': 'v' } })) },
  'import:modelTags.key:length.max': { label: 'modelTags key', make: makeImport(() => ({ modelTags: { [tooLong('import:modelTags.key:length.max', 'k')]: 'v' } })) },
  'import:modelTags.key:pattern': { label: 'modelTags key "team#1"', make: makeImport(() => ({ modelTags: { 'team#1': 'v' } })) },
  'import:modelTags.value:length.max': { label: 'modelTags["k"]', make: makeImport(() => ({ modelTags: { k: tooLong('import:modelTags.value:length.max', 'v') } })) },
  'import:modelTags.value:pattern': { label: 'modelTags["k"]', make: makeImport(() => ({ modelTags: { k: 'ml#1' } })) },

  'lookup:nameContains:length.min': { label: 'nameContains', make: makeLookup(() => ({ nameContains: '' })) },
  'lookup:nameContains:length.max': { label: 'nameContains', make: makeLookup(() => ({ nameContains: tooLong('lookup:nameContains:length.max') })) },
  'lookup:nameContains:pattern': { label: 'nameContains', make: makeLookup(() => ({ nameContains: 'bad name!' })) },
  'lookup:baseModel:length.min': { label: 'baseModel (its ARN)', make: makeLookup((st) => ({ baseModel: modelWithArn(st, 'arn:aws:bedrock') })) },
  'lookup:baseModel:length.max': { label: 'baseModel (its ARN)', make: makeLookup((st) => ({ baseModel: modelWithArn(st, tooLong('lookup:baseModel:length.max')) })) },
  'lookup:baseModel:pattern': { label: 'baseModel (its ARN)', make: makeLookup((st) => ({ baseModel: modelWithArn(st, 'arn:aws:bedrock:us-east-1::not-a-model') })) },
  'lookup:foundationModel:pattern': { label: 'foundationModel (its ARN)', make: makeLookup((st) => ({ foundationModel: modelWithArn(st, 'arn:aws:bedrock:us-east-1::not-a-model') })) },

  'name:customModelName:length.min': { label: 'customModelName', make: (st) => CustomModel.fromCustomModelName(st, 'M', '') },
  'name:customModelName:length.max': { label: 'customModelName', make: (st) => CustomModel.fromCustomModelName(st, 'M', tooLong('name:customModelName:length.max')) },
  'name:customModelName:pattern': { label: 'customModelName', make: (st) => CustomModel.fromCustomModelName(st, 'M', 'bad name!') },
};

const TYPED_TAGS = 'modelTags is a map: every tag has a key and a value';
const EXCLUSIONS: Record<string, string> = {
  'import:modelName:required': 'the handler generates a name when modelName is omitted',
  'import:modelSource:required': 'modelSource is a required prop',
  'import:modelSource:length.min': 'an S3 URI starts with s3:// and is never empty',
  'import:encryptionKey:length.min': 'a key ARN is never empty (modelKeyOf and fromKeyArn need an ARN)',
  'import:modelTags:length.min': 'min 0 items cannot be violated',
  'import:modelTags.key:required': TYPED_TAGS,
  'import:modelTags.value:required': TYPED_TAGS,
  'import:modelTags.value:length.min': 'min 0 characters cannot be violated',
  'name:customModelName:required': 'fromCustomModelName takes the name as a required argument',
};

describeRuleCoverage(rules, FAILING_CASES, EXCLUSIONS);

test('valid props pass', () => {
  const stack = new Stack(new App(), 'S', { env: ENV });
  expect(() => new CustomModelImport(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE), modelName: 'support-v1', modelTags: { team: 'a' } })).not.toThrow();
  expect(() => new CustomModelLookup(stack, 'Lookup', { nameContains: 'support' })).not.toThrow();
  expect(() => CustomModel.fromCustomModelName(stack, 'M', 'triage-assistant')).not.toThrow();
});
