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
import { ExpectedResult, IApiCall, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CustomResource, Duration, Fn, RemovalPolicy, Stack, aws_events as events, aws_iam as iam, aws_lambda as lambda, aws_s3 as s3, custom_resources as cr } from 'aws-cdk-lib';
import { recordEvents } from './event-recorder';
import { ASSERTION_WAIT, Probe } from './probe';
import { ModelImportJob, ModelSource } from '../../src';
import { arnsOf } from '../../src/private/arns';

const PREFIX = 'qwen2.5-0.5b-instruct/';
/** The model's files: its configuration, tokenizer and weights (988 MB). */
const QWEN_FILES = [
  'config.json', 'generation_config.json', 'merges.txt', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json',
];
/** Sources an import must refuse: the files without the weights, and without the tokenizer's. */
const WITHOUT_WEIGHTS = 'qwen-without-weights/';
const WITHOUT_TOKENIZER = 'qwen-without-tokenizer/';
const TOKENIZER_FILES = ['merges.txt', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json'];

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
const copyProvider = new cr.Provider(stack, 'CopyWeightsProvider', { onEventHandler: copier });
/** Copies `files` of the model from Hugging Face to `prefix` in the bucket. */
const copyFiles = (id: string, prefix: string, files: string[]) => {
  weights.grantPut(copier, `${prefix}*`);
  return new CustomResource(stack, id, {
    serviceToken: copyProvider.serviceToken,
    properties: { BaseUrl: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct/resolve/main', Files: files, Bucket: weights.bucketName, Prefix: prefix },
  });
};
const copy = copyFiles('Qwen', PREFIX, QWEN_FILES);
const refusedSources = [
  copyFiles('QwenWithoutWeights', WITHOUT_WEIGHTS, QWEN_FILES.filter((file) => file !== 'model.safetensors')),
  copyFiles('QwenWithoutTokenizer', WITHOUT_TOKENIZER, QWEN_FILES.filter((file) => !TOKENIZER_FILES.includes(file))),
];

const imported = new ModelImportJob(stack, 'Import', {
  modelSource: ModelSource.fromBucket(weights, PREFIX),
  importedModelTags: { purpose: 'integ' },
  removalPolicy: RemovalPolicy.DESTROY,
  completionTimeout: Duration.hours(2),
});
imported.node.addDependency(copy, ...refusedSources);
// The probes' imports of the other sources run with the import's role.
weights.grantRead(imported.role, 'qwen-without-*');

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
/** A create of an import job of the files at `prefix` (the weights, unless told): `jobName` and `importedModelName` as given. */
const importCall = (jobName: string, importedModelName: string, prefix = PREFIX) => ({
  client: 'bedrock' as const,
  command: 'CreateModelImportJob',
  input: { jobName, importedModelName, roleArn: imported.role.roleArn, modelDataSource: { s3DataSource: { s3Uri: weights.s3UrlForObject(prefix) } } },
});
const createImport = new iam.PolicyStatement({
  actions: ['bedrock:CreateModelImportJob'],
  resources: (['model-import-job', 'imported-model'] as const).map((target) => arnsOf(stack, target)),
});
const passRole = new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [imported.role.roleArn] });
const importing = [createImport, passRole];
const stackGuid = Fn.select(2, Fn.split('/', stack.stackId));

// ledger: L-38 (a service role made moments before is usable at once: an import with the stack's new import role is taken,
// at the first try). Made before the stack's own import, which then waits for the slot; its model is deleted once the
// stack is deployed.
const roleProbe = Fn.join('', ['integ-probe-role-', stackGuid]);
const newRole = probe.expectDuring('NewRole', importCall(roleProbe, roleProbe), importing, 'ok', [imported.role, copy]);
integ.assertions.awsApiCall('Bedrock', 'GetModelImportJob', { jobIdentifier: roleProbe }).expect(ExpectedResult.objectLike({ status: 'Completed' }))
  .next(integ.assertions.awsApiCall('Bedrock', 'DeleteImportedModel', { modelIdentifier: roleProbe }));
// ledger: L-33 L-36 (while the probe's import above runs, before the stack's, it holds the account's one import slot: a
// second create is refused for the quota, though the model name it asks for is the one the running job will create)
const whileImporting = probe.expectDuring('CreateWhileImporting', importCall('integ-probe-while-importing', roleProbe), importing,
  'ServiceQuotaExceededException', [newRole]);
imported.node.defaultChild!.node.addDependency(newRole, whileImporting);
// ledger: L-20 (once the import is done, its job name and its model's name are taken: ConflictException)
const takenNames = [
  probe.expect(importCall(imported.jobName, Fn.join('', [imported.importedModelName, '-2'])), importing, 'ConflictException'),
  probe.expect(importCall('integ-probe-model-name', imported.importedModelName), importing, 'ConflictException'),
];

// ledger: L-37 L-40 (a create repeating an accepted one's clientRequestToken and parameters returns that job, though the
// job holds the one import slot; the same token with other parameters is refused with ConflictException). After the
// probes above, which expect a free slot. The job this starts imports the same weights; its model is deleted once done.
const tokenJob = Fn.join('', ['integ-probe-', stackGuid]);
const withToken = (jobName: string) => {
  const { input, ...call } = importCall(jobName, jobName);
  return { ...call, input: { ...input, clientRequestToken: tokenJob } };
};
/**
 * After `after`, an import of the files at `prefix`, accepted at the create (a probe), then waited for until it has
 * failed (returned). Its names end with the stack's id; had it completed, its model would be left (the README's
 * cleanup names it).
 */
function refusedImport(tag: string, prefix: string, after: IApiCall): IApiCall {
  const name = Fn.join('', [`integ-probe-${tag}-`, stackGuid]);
  return after.next(probe.expect(importCall(name, name, prefix), importing, 'ok'))
    .next(integ.assertions.awsApiCall('Bedrock', 'GetModelImportJob', { jobIdentifier: name })
      .expect(ExpectedResult.objectLike({ status: 'Failed' }))
      .waitForAssertions(ASSERTION_WAIT));
}
const replays = probe.expectSequence([withToken(tokenJob), withToken(tokenJob), withToken(Fn.join('', [tokenJob, '-2']))], importing,
  ['ok', 'ok', 'ConflictException']);
takenNames.forEach((call) => call.next(replays));
const tokenJobDeleted = replays
  .next(integ.assertions.awsApiCall('Bedrock', 'GetModelImportJob', { jobIdentifier: tokenJob })
    .expect(ExpectedResult.objectLike({ status: 'Completed' }))
    .waitForAssertions(ASSERTION_WAIT))
  .next(integ.assertions.awsApiCall('Bedrock', 'DeleteImportedModel', { modelIdentifier: tokenJob }));
// ledger: L-17 L-18 (a source without weights, or without a tokenizer, is accepted at the create, and the job fails)
refusedImport('nt', WITHOUT_TOKENIZER, refusedImport('nw', WITHOUT_WEIGHTS, tokenJobDeleted));
// ledger: L-10 (no event of the import reached the default bus)
probe.expect({ client: 's3', command: 'GetObject', input: { Bucket: weights.bucketName, Key: EVENTS_KEY } },
  new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [weights.arnForObjects(EVENTS_KEY)] }), 'AccessDenied');

app.synth();
