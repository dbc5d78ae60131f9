/*
 * Integration test: Amazon Nova Micro fine-tuned on 100 short records
 * (./sums-job.ts), waited for by the stack (a wait condition: the job takes
 * longer than a custom resource may wait); its custom model Active with its
 * tags; the validation metrics where the job wrote them; the job's Completed
 * event, as a rule delivers it; the model served on demand by a
 * CustomModelDeployment that answers a Converse call. Everything but the
 * job's output bucket goes with the stack. us-east-1 or us-west-2: the
 * Regions of on-demand deployment
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/deploy-custom-model-on-demand.html).
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, CfnWaitConditionHandle, Duration, Fn, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { recordEvents } from './event-recorder';
import { Probe } from './probe';
import { outputBucket, sumsJob, sumsJobCall, sumsJobCallGrants } from './sums-job';
import { CustomModelDeployment } from '../../src';
import { arnsOf } from '../../src/private/arns';

const app = new App();
const stack = new Stack(app, 'BedrockFineTuningInteg');
const output = outputBucket(stack);
const job = sumsJob(stack, 'Sums', output, Duration.hours(4));

// The job's state-change events, each recorded in the output bucket; the rule and its function exist before the job starts.
job.node.addDependency(recordEvents(stack, 'JobEvents', output,
  { source: ['aws.bedrock'], detailType: ['Model Customization Job State Change'] }, { prefix: 'events/' }));

const deployment = new CustomModelDeployment(stack, 'SumsEndpoint', { model: job.outputModel, description: 'Integration test' });

const integ = new IntegTest(app, 'FineTuning', { testCases: [stack], regions: ['us-east-1', 'us-west-2'] });

// The stack was complete only once the job was: its model is Active, with the tags asked for.
integ.assertions.awsApiCall('Bedrock', 'GetCustomModel', { modelIdentifier: job.outputModel.modelArn }).expect(ExpectedResult.objectLike({
  modelStatus: 'Active',
  customizationType: 'FINE_TUNING',
  baseModelArn: Match.stringLikeRegexp('foundation-model/amazon\\.nova-micro-v1:0'),
}));
integ.assertions.awsApiCall('Bedrock', 'ListTagsForResource', { resourceARN: job.outputModel.modelArn }).expect(ExpectedResult.objectLike({
  tags: Match.arrayWith([{ key: 'purpose', value: 'integ' }]),
}));

// ledger: L-01 L-02 (the artifacts folder is named for the last part of the job ARN; the validation file is one folder down)
const jobId = Fn.select(2, Fn.split('/', job.jobArn));
integ.assertions.awsApiCall('S3', 'GetObject', {
  Bucket: output.bucketName,
  Key: Fn.join('', ['Sums/model-customization-job-', jobId, '/validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv']),
}).expect(ExpectedResult.objectLike({ Body: Match.stringLikeRegexp('^step_number,epoch_number,validation_loss,perplexity') }));

// ledger: L-07 L-09 (the Completed event arrives, and names the job model-customization-job/<id>, without its base model, in resources)
integ.assertions.awsApiCall('S3', 'GetObject', { Bucket: output.bucketName, Key: Fn.join('', ['events/', job.jobName, '/Completed.json']) })
  .expect(ExpectedResult.objectLike({ Body: Match.stringLikeRegexp('"resources":\\["arn:aws[a-z-]*:bedrock:[a-z0-9-]+:[0-9]{12}:model-customization-job/[a-z0-9]+"\\]') }));

// ledger: L-23 (a fine-tuned Nova Micro model, deployed on demand, answers by the deployment's ARN)
integ.assertions.awsApiCall('Bedrock', 'GetCustomModelDeployment', { customModelDeploymentIdentifier: deployment.deploymentArn })
  .expect(ExpectedResult.objectLike({ status: 'Active', modelArn: job.outputModel.modelArn }));
const converse = integ.assertions.awsApiCall('BedrockRuntime', 'Converse', {
  modelId: deployment.deploymentArn,
  messages: [{ role: 'user', content: [{ text: 'What is 2 plus 2?' }] }],
  inferenceConfig: { maxTokens: 10 },
});
// Converse is authorized as bedrock:InvokeModel (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html),
// not as the bedrock-runtime:Converse the provider's role gets from the call's name.
converse.provider.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: [deployment.deploymentArn] });
converse.expect(ExpectedResult.objectLike({ output: { message: { role: 'assistant' } }, stopReason: Match.stringLikeRegexp('.') }));

// Calls whose answer is an error, made by a probe with only the permission each needs.
const probe = new Probe(stack, 'Probe', integ);
// ledger: L-06 (stopping a job that has ended is refused with ValidationException)
probe.expect(
  { client: 'bedrock', command: 'StopModelCustomizationJob', input: { jobIdentifier: job.jobArn } },
  new iam.PolicyStatement({ actions: ['bedrock:StopModelCustomizationJob'], resources: [job.jobArn] }),
  'ValidationException');
// ledger: L-42 (without s3:ListBucket a missing key is 403 AccessDenied, not 404)
const readOutput = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [output.arnForObjects('*')] });
probe.expect({ client: 's3', command: 'GetObject', input: { Bucket: output.bucketName, Key: 'probe/absent' } }, readOutput, 'AccessDenied');
// ledger: L-08 (no event when a job is created: it starts InProgress)
probe.expect(
  { client: 's3', command: 'GetObject', input: { Bucket: output.bucketName, Key: Fn.join('', ['events/', job.jobName, '/InProgress.json']) } },
  readOutput, 'AccessDenied');

const deployments = arnsOf(stack, 'custom-model-deployment');
// ledger: L-41 (a deployment name taken in the account and Region is refused with ValidationException: the create models no
// ConflictException)
probe.expect(
  { client: 'bedrock', command: 'CreateCustomModelDeployment', input: { modelDeploymentName: deployment.deploymentName, modelArn: job.outputModel.modelArn } },
  new iam.PolicyStatement({
    actions: ['bedrock:CreateCustomModelDeployment'],
    resources: [deployments, job.outputModel.modelArn],
  }),
  'ValidationException');

// ledger: L-04 (while the job runs, its custom model does not exist, and its name is taken: a second job asking for it
// is refused with ConflictException). Made once the job is created, before it ends.
const running = [job.node.defaultChild!];
probe.expectDuring('ModelWhileRunning', { client: 'bedrock', command: 'GetCustomModel', input: { modelIdentifier: job.customModelName } },
  new iam.PolicyStatement({ actions: ['bedrock:GetCustomModel'], resources: [arnsOf(stack, 'custom-model')] }),
  'ResourceNotFoundException', running);
probe.expectDuring('NameWhileRunning', sumsJobCall(job, output, 'probe/', { jobName: Fn.join('', [job.jobName, '-p']), customModelName: job.customModelName }),
  sumsJobCallGrants(job), 'ConflictException', running);

// ledger: L-25 L-26 L-40 (a deployment just created is Creating: the runtime answers ModelNotReadyException; its
// clientRequestToken with another name is refused with ValidationException (the create models no ConflictException);
// DeleteCustomModelDeployment removes it at once)
const token = Fn.join('', ['integ-', Fn.select(2, Fn.split('/', stack.stackId))]);
const createDeployment = (suffix: string) => ({
  client: 'bedrock' as const,
  command: 'CreateCustomModelDeployment',
  input: { modelDeploymentName: Fn.join('', [deployment.deploymentName, suffix]), modelArn: job.outputModel.modelArn, clientRequestToken: token },
});
probe.expectSequence([
  { ...createDeployment('-p'), answer: 'customModelDeploymentArn' },
  { client: 'bedrock-runtime', command: 'Converse', input: { modelId: '{{0}}', messages: [{ role: 'user', content: [{ text: 'What is 2 plus 2?' }] }] } },
  createDeployment('-q'),
  { client: 'bedrock', command: 'DeleteCustomModelDeployment', input: { customModelDeploymentIdentifier: '{{0}}' } },
  { client: 'bedrock', command: 'GetCustomModelDeployment', input: { customModelDeploymentIdentifier: '{{0}}' } },
], [
  new iam.PolicyStatement({ actions: ['bedrock:CreateCustomModelDeployment'], resources: [deployments, job.outputModel.modelArn] }),
  new iam.PolicyStatement({
    actions: ['bedrock:InvokeModel', 'bedrock:DeleteCustomModelDeployment', 'bedrock:GetCustomModelDeployment'],
    resources: [deployments],
  }),
], ['ok', 'ModelNotReadyException', 'ValidationException', 'ok', 'ResourceNotFoundException']);

// ledger: L-43 (a wait condition handle's URL, its physical id, is presigned for 86,399 seconds)
const handle = job.node.findAll().find((c): c is CfnWaitConditionHandle => c instanceof CfnWaitConditionHandle)!;
probe.expectAnswer(
  { client: 'cloudformation', command: 'DescribeStackResource', input: { StackName: stack.stackName, LogicalResourceId: handle.logicalId } },
  new iam.PolicyStatement({ actions: ['cloudformation:DescribeStackResource'], resources: [stack.stackId] }),
  'StackResourceDetail.PhysicalResourceId', 'X-Amz-Expires=86399&');

// ledger: L-44 (a signal PUT with a Content-Type is refused, 403: the URL's signature covers none; the job's condition
// completed long before, so a signal taken would change nothing)
integ.assertions.httpApiCall(handle.ref, {
  method: 'PUT',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ Status: 'SUCCESS', Reason: 'Integration test', UniqueId: 'content-type-probe', Data: '' }),
}).expect(ExpectedResult.objectLike({ status: 403 }));

// ledger: L-16 (ListCustomModels filters by name before it cuts a page: the first page of one holds the model)
integ.assertions.awsApiCall('Bedrock', 'ListCustomModels', { nameContains: job.customModelName, maxResults: 1 })
  .expect(ExpectedResult.objectLike({ modelSummaries: [{ modelArn: job.outputModel.modelArn }] }));

app.synth();
