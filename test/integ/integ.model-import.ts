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
 */
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CustomResource, Duration, RemovalPolicy, Stack, aws_lambda as lambda, aws_s3 as s3, custom_resources as cr } from 'aws-cdk-lib';
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

const integ = new IntegTest(app, 'ModelImport', { testCases: [stack] });
integ.assertions.awsApiCall('Bedrock', 'GetModelImportJob', { jobIdentifier: imported.jobArn })
  .expect(ExpectedResult.objectLike({ status: 'Completed', importedModelArn: imported.modelArn }));
// ledger: L-19 (model_type qwen2 is Qwen2.5: no Converse)
integ.assertions.awsApiCall('Bedrock', 'GetImportedModel', { modelIdentifier: imported.modelArn })
  .expect(ExpectedResult.objectLike({ modelArn: imported.modelArn, instructSupported: false }));

app.synth();
