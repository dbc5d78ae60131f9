/*
 * Integration test: an open-weight model imported with Custom Model Import
 * (ModelImportJob). The stack copies Qwen2.5-0.5B-Instruct (Apache-2.0, not
 * gated: https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct) from Hugging Face
 * into its bucket, imports it and waits for the job; the imported model is
 * read back. No inference: an imported model is billed for the minutes its
 * copies serve inference, from the first call
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/import-model-calculate-cost.html).
 * Qwen2.5 is an architecture Custom Model Import takes, without Converse
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/invoke-imported-model.html).
 * Probes check what the account refuses while the import runs and once it
 * has, and a check after the stack is destroyed reads the job that stays.
 */
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CustomResource, Duration, Fn, RemovalPolicy, Stack, aws_events as events, aws_iam as iam, aws_lambda as lambda, aws_s3 as s3, custom_resources as cr } from 'aws-cdk-lib';
import { recordEvents } from './event-recorder';
import { Probe } from './probe';
import { ModelImportJob, ModelSource } from '../../src';

const PREFIX = 'qwen2.5-0.5b-instruct/';
/** The model's files: its configuration, tokenizer and weights (988 MB). */
const QWEN_FILES = [
  'config.json', 'generation_config.json', 'merges.txt', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json',
];

const app = new App();
const stack = new Stack(app, 'BedrockModelImportInteg');
const weights = new s3.Bucket(stack, 'Weights', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true, enforceSSL: true });
const copier = new lambda.Function(stack, 'CopyWeights', {
  runtime: lambda.Runtime.NODEJS_22_X,
  code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'copy-weights')),
  handler: 'index.handler',
  timeout: Duration.minutes(15),
  memorySize: 1024,
});
weights.grantPut(copier, `${PREFIX}*`);
const copy = new CustomResource(stack, 'Qwen', {
  serviceToken: new cr.Provider(stack, 'CopyWeightsProvider', { onEventHandler: copier }).serviceToken,
  properties: { BaseUrl: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct/resolve/main', Files: QWEN_FILES, Bucket: weights.bucketName, Prefix: PREFIX },
});

const imported = new ModelImportJob(stack, 'Import', {
  modelSource: ModelSource.fromBucket(weights, PREFIX),
  importedModelTags: { purpose: 'integ' },
  removalPolicy: RemovalPolicy.DESTROY,
  completionTimeout: Duration.hours(2),
});
imported.node.addDependency(copy);

// Any event of Bedrock's but those of customization and batch inference jobs, recorded at one key: an import job's,
// whatever its detail-type, would be there. The rule and its function exist before the import starts.
const EVENTS_KEY = 'events/import.json';
imported.node.addDependency(recordEvents(stack, 'BedrockEvents', weights, {
  source: ['aws.bedrock'],
  detailType: events.Match.anythingBut('Model Customization Job State Change', 'Batch Inference Job State Change'),
}, { key: EVENTS_KEY }));

const integ = new IntegTest(app, 'ModelImport', {
  testCases: [stack],
  // ledger: L-21 (once the stack deleted the model, its import job stays, Completed, naming it)
  hooks: { postDestroy: ['node checks/import-job-kept.js BedrockModelImportInteg-Import'] },
});
integ.assertions.awsApiCall('Bedrock', 'GetModelImportJob', { jobIdentifier: imported.jobArn })
  .expect(ExpectedResult.objectLike({ status: 'Completed', importedModelArn: imported.modelArn }));
// ledger: L-19 (model_type qwen2 is Qwen2.5: no Converse)
integ.assertions.awsApiCall('Bedrock', 'GetImportedModel', { modelIdentifier: imported.modelArn })
  .expect(ExpectedResult.objectLike({ modelArn: imported.modelArn, instructSupported: false }));

const probe = new Probe(stack, 'Probe', integ);
/** A create of an import job of the same weights: `jobName` and `importedModelName` as given. */
const importCall = (jobName: string, importedModelName: string) => ({
  client: 'bedrock' as const,
  command: 'CreateModelImportJob',
  input: { jobName, importedModelName, roleArn: imported.role.roleArn, modelDataSource: { s3DataSource: { s3Uri: weights.s3UrlForObject(PREFIX) } } },
});
const createImport = new iam.PolicyStatement({
  actions: ['bedrock:CreateModelImportJob'],
  resources: ['model-import-job', 'imported-model'].map((resource) => stack.formatArn({ service: 'bedrock', resource, resourceName: '*' })),
});
const passRole = new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [imported.role.roleArn] });
const importing = [createImport, passRole];
// ledger: L-33 L-36 (while the import runs it holds the account's one import slot: a second create is refused for the
// quota, though the model name it asks for is the one the running job will create)
probe.expectDuring('CreateWhileImporting', importCall('integ-probe-while-importing', imported.importedModelName), importing,
  'ServiceQuotaExceededException', [imported.node.defaultChild!]);
// ledger: L-20 (once the import is done, its job name and its model's name are taken: ConflictException)
const takenNames = [
  probe.expect(importCall(imported.jobName, Fn.join('', [imported.importedModelName, '-2'])), importing, 'ConflictException'),
  probe.expect(importCall('integ-probe-model-name', imported.importedModelName), importing, 'ConflictException'),
];

// ledger: L-37 L-40 (a create repeating an accepted one's clientRequestToken and parameters returns that job, though the
// job holds the one import slot; the same token with other parameters is refused with ConflictException). After the
// probes above, which expect a free slot. The job this starts imports the same weights; its model is deleted once done.
const stackGuid = Fn.select(2, Fn.split('/', stack.stackId));
const tokenJob = Fn.join('', ['integ-probe-', stackGuid]);
const withToken = (jobName: string) => {
  const { input, ...call } = importCall(jobName, jobName);
  return { ...call, input: { ...input, clientRequestToken: tokenJob } };
};
const replays = probe.expectSequence([withToken(tokenJob), withToken(tokenJob), withToken(Fn.join('', [tokenJob, '-2']))], importing,
  ['ok', 'ok', 'ConflictException']);
takenNames.forEach((call) => call.next(replays));
replays
  .next(integ.assertions.awsApiCall('Bedrock', 'GetModelImportJob', { jobIdentifier: tokenJob })
    .expect(ExpectedResult.objectLike({ status: 'Completed' }))
    .waitForAssertions({ totalTimeout: Duration.hours(2), interval: Duration.minutes(2) }))
  .next(integ.assertions.awsApiCall('Bedrock', 'DeleteImportedModel', { modelIdentifier: tokenJob }));
// ledger: L-10 (no event of the import reached the default bus)
probe.expect({ client: 's3', command: 'GetObject', input: { Bucket: weights.bucketName, Key: EVENTS_KEY } },
  new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [weights.arnForObjects(EVENTS_KEY)] }), 'AccessDenied');

app.synth();
