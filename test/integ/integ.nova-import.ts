/*
 * Integration test: a SageMaker AI-trained Amazon Nova model imported with
 * CreateCustomModel (NovaModelImport), read back, and probed: deleting a model
 * still Creating, an import job while it creates, an on-demand deployment of it.
 *
 * Its artifacts are the output of a SageMaker AI training job of Amazon Nova
 * Micro with a Nova recipe (parameter-efficient fine-tuning), which GPU
 * instances run and no stack can (see the README, "Testing in a real account").
 * The app reads their place from two SSM parameters (./account-inputs.ts):
 * the bucket, and the prefix that holds the model. It runs apart from the other
 * apps (`npx projen integ:account:nova`), once those parameters exist.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Fn, RemovalPolicy, Stack, aws_iam as iam, aws_s3 as s3, aws_ssm as ssm } from 'aws-cdk-lib';
import { NOVA_ARTIFACTS } from './account-inputs';
import { ASSERTION_WAIT, Probe } from './probe';
import { ModelSource, NovaModelImport } from '../../src';
import { arnsOf } from '../../src/private/arns';

const app = new App();
const stack = new Stack(app, 'BedrockNovaImportInteg');
const artifactsBucket = s3.Bucket.fromBucketName(stack, 'Artifacts', ssm.StringParameter.valueForStringParameter(stack, NOVA_ARTIFACTS.bucket));
const artifactsPrefix = ssm.StringParameter.valueForStringParameter(stack, NOVA_ARTIFACTS.prefix);
const imported = new NovaModelImport(stack, 'Nova', {
  modelSource: ModelSource.fromBucket(artifactsBucket, artifactsPrefix),
  modelTags: { purpose: 'integ' },
  removalPolicy: RemovalPolicy.DESTROY,
});

const integ = new IntegTest(app, 'NovaImport', { testCases: [stack], regions: ['us-east-1', 'us-west-2'] });
// ledger: L-12 (an imported Nova Micro model reports the contextual variant amazon.nova-micro-v1:0:128k as its base model)
integ.assertions.awsApiCall('Bedrock', 'GetCustomModel', { modelIdentifier: imported.modelArn }).expect(ExpectedResult.objectLike({
  modelStatus: 'Active',
  customizationType: 'IMPORTED',
  baseModelArn: Match.stringLikeRegexp('foundation-model/amazon\\.nova-micro-v1:0:128k$'),
}));

const probe = new Probe(stack, 'Probe', integ);
const customModels = arnsOf(stack, 'custom-model');
const deployments = arnsOf(stack, 'custom-model-deployment');
// ledger: L-22 (an on-demand deployment of a model CreateCustomModel imported is refused with ValidationException)
const refusedDeployment = probe.expect(
  { client: 'bedrock', command: 'CreateCustomModelDeployment', input: { modelDeploymentName: Fn.join('', [imported.customModelName, '-od']), modelArn: imported.modelArn } },
  new iam.PolicyStatement({ actions: ['bedrock:CreateCustomModelDeployment'], resources: [deployments, imported.modelArn] }),
  'ValidationException');

// ledger: L-11 L-35 (a second import of the same artifacts: while it is Creating, DeleteCustomModel is refused with
// ConflictException, and it holds the account's one import slot, so CreateModelImportJob is refused for the quota).
// Deleted once Active.
const second = Fn.join('', ['integ-probe-', Fn.select(2, Fn.split('/', stack.stackId))]);
const source = { s3DataSource: { s3Uri: artifactsBucket.s3UrlForObject(artifactsPrefix) } };
refusedDeployment.next(probe.expectSequence([
  {
    client: 'bedrock',
    command: 'CreateCustomModel',
    input: { modelName: second, roleArn: imported.role.roleArn, modelSourceConfig: source },
    answer: 'modelArn',
  },
  { client: 'bedrock', command: 'DeleteCustomModel', input: { modelIdentifier: '{{0}}' } },
  { client: 'bedrock', command: 'CreateModelImportJob', input: { jobName: second, importedModelName: second, roleArn: imported.role.roleArn, modelDataSource: source } },
], [
  new iam.PolicyStatement({ actions: ['bedrock:CreateCustomModel', 'bedrock:DeleteCustomModel'], resources: [customModels] }),
  new iam.PolicyStatement({
    actions: ['bedrock:CreateModelImportJob'],
    resources: (['model-import-job', 'imported-model'] as const).map((target) => arnsOf(stack, target)),
  }),
  new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [imported.role.roleArn] }),
], ['ok', 'ConflictException', 'ServiceQuotaExceededException']))
  .next(integ.assertions.awsApiCall('Bedrock', 'GetCustomModel', { modelIdentifier: second })
    .expect(ExpectedResult.objectLike({ modelStatus: 'Active' }))
    .waitForAssertions(ASSERTION_WAIT))
  .next(integ.assertions.awsApiCall('Bedrock', 'DeleteCustomModel', { modelIdentifier: second }));

app.synth();
