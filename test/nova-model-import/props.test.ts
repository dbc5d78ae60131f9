/*
 * Synth-time validation of NovaModelImport props, CustomModelLookup filters
 * and CustomModel.fromCustomModelName, driven by the constraints fixture.
 * Every rule reachable from the props (the PROP_PATHS tables x rulesAt) must
 * have a failing case below or a written exclusion.
 */
import { App, Stack, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { CustomModel, NovaModelImport, NovaModelImportProps, CustomModelLookup, CustomModelLookupProps, ModelSource } from '../../src';
import { describeRuleCoverage, ENV, FailingCase, kindTable, lengthRules, nameCases, reachableRules, tagMapCoverage } from '../validation/rule-coverage';

const SOURCE = 's3://sagemaker-us-east-1-123456789012/nova/';

const rules = () => reachableRules(
  kindTable('novaImport', undefined, 'import'),
  kindTable('lookup', 'ListCustomModelsRequest', 'lookup'),
  kindTable('lookup', 'GetCustomModelRequest', 'name'),
);
const { bound, tooLong } = lengthRules(rules);

const makeImport = (props: (stack: Stack) => Partial<NovaModelImportProps>) => (stack: Stack) =>
  new NovaModelImport(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE), ...props(stack) });
const makeLookup = (props: (stack: Stack) => CustomModelLookupProps) => (stack: Stack) => new CustomModelLookup(stack, 'Lookup', props(stack));
const modelWithArn = (_stack: Stack, arn: string): bedrock.IModel => ({ modelArn: arn }) as bedrock.IModel;
const keyArn = (id: string) => `arn:aws:kms:${ENV.region}:${ENV.account}:key/${id}`;

const MODEL_TAGS = tagMapCoverage('import:modelTags', (modelTags) => makeImport(() => ({ modelTags })), rules);

const FAILING_CASES: Record<string, FailingCase> = {
  ...nameCases('import:modelName', (modelName) => makeImport(() => ({ modelName })), rules),
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
  ...MODEL_TAGS.failing,

  ...nameCases('lookup:nameContains', (nameContains) => makeLookup(() => ({ nameContains })), rules),
  'lookup:baseModel:length.min': { label: 'baseModel (its ARN)', make: makeLookup((st) => ({ baseModel: modelWithArn(st, 'arn:aws:bedrock') })) },
  'lookup:baseModel:length.max': { label: 'baseModel (its ARN)', make: makeLookup((st) => ({ baseModel: modelWithArn(st, tooLong('lookup:baseModel:length.max')) })) },
  'lookup:baseModel:pattern': { label: 'baseModel (its ARN)', make: makeLookup((st) => ({ baseModel: modelWithArn(st, 'arn:aws:bedrock:us-east-1::not-a-model') })) },
  'lookup:foundationModel:pattern': { label: 'foundationModel (its ARN)', make: makeLookup((st) => ({ foundationModel: modelWithArn(st, 'arn:aws:bedrock:us-east-1::not-a-model') })) },

  ...nameCases('name:customModelName', (name) => (st) => CustomModel.fromCustomModelName(st, 'M', name), rules),
};

const EXCLUSIONS: Record<string, string> = {
  'import:modelName:required': 'the handler generates a name when modelName is omitted',
  'import:modelSource:required': 'modelSource is a required prop',
  'import:modelSource:length.min': 'an S3 URI starts with s3:// and is never empty',
  'import:encryptionKey:length.min': 'a key ARN is never empty (modelKeyOf and fromKeyArn need an ARN)',
  ...MODEL_TAGS.exclusions,
  'name:customModelName:required': 'fromCustomModelName takes the name as a required argument',
};

describeRuleCoverage(rules, FAILING_CASES, EXCLUSIONS);

test('valid props pass', () => {
  const stack = new Stack(new App(), 'S', { env: ENV });
  expect(() => new NovaModelImport(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE), modelName: 'support-v1', modelTags: { team: 'a' } })).not.toThrow();
  expect(() => new CustomModelLookup(stack, 'Lookup', { nameContains: 'support' })).not.toThrow();
  expect(() => CustomModel.fromCustomModelName(stack, 'M', 'triage-assistant')).not.toThrow();
});
