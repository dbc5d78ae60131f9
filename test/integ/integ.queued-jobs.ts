/*
 * Integration test: three fine-tuning jobs in one stack, where Bedrock runs
 * two at a time per account and Region (the default quota of concurrent model
 * customization jobs, https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html):
 * the create Bedrock refuses for want of a slot is queued, the stack's watcher
 * starts it when a slot frees, and the stack completes with three custom
 * models. Each job is the smallest fine-tuning of
 * ./sums-job.ts (the third without validation data, which then writes no
 * validation metrics); the third may wait for one job's length, hence 8 hours.
 * A probe checks, while the jobs run, that the account refuses a create for
 * want of a slot before it looks at what the create asks for, but after it
 * tries the create's role. Once the jobs
 * are done, a deployment of the first model is moved to the second. Regions
 * of on-demand deployment only, as in ./integ.fine-tuning.ts.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Fn, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { ASSERTION_WAIT, Probe } from './probe';
import { outputBucket, sumsJob, sumsJobCall, sumsJobCallGrants } from './sums-job';
import { CustomModelDeployment } from '../../src';
import { arnsOf } from '../../src/private/arns';

const app = new App();
const stack = new Stack(app, 'BedrockQueuedJobsInteg');
const output = outputBucket(stack);
// The third without validation data.
const jobs = ['First', 'Second', 'Third'].map((id, index) => sumsJob(stack, id, output, Duration.hours(8), index < 2));

// Served on demand; deleted before either model (it depends on both: the update moves it to the second).
const deployment = new CustomModelDeployment(stack, 'Endpoint', { model: jobs[0].outputModel, description: 'Integration test' });
deployment.node.addDependency(jobs[1]);

const integ = new IntegTest(app, 'QueuedJobs', { testCases: [stack], regions: ['us-east-1', 'us-west-2'] });
for (const job of jobs) {
  integ.assertions.awsApiCall('Bedrock', 'GetModelCustomizationJob', { jobIdentifier: job.jobArn })
    .expect(ExpectedResult.objectLike({ status: 'Completed', outputModelArn: job.outputModel.modelArn }));
}

// ledger: L-33 L-36 (with two jobs InProgress a create is refused for the quota, ServiceQuotaExceededException, though its
// base model does not exist: the quota is checked first). Made once the first two jobs are created and before the
// third, while they run; nothing is created. In an account that ran three jobs at once, it would answer
// ValidationException.
const probe = new Probe(stack, 'Probe', integ);
/** A create of a job of the sums data, with the first job's role, named `name`, from `baseModelIdentifier`. */
const createJob = (name: string, baseModelIdentifier?: string) =>
  sumsJobCall(jobs[0], output, 'First/', { jobName: name, customModelName: name }, baseModelIdentifier);
const creatingJobs = sumsJobCallGrants(jobs[0]);
// ledger: L-39 (the role is checked before the quota: with two jobs InProgress, a create with a role Bedrock cannot
// assume is refused for the role, ValidationException "Could not assume provided IAM role."). The role trusts another
// service only: Bedrock's AssumeRole fails as it fails for a role not yet propagated. Checked after the quota, it would
// answer ServiceQuotaExceededException.
const untrusted = new iam.Role(stack, 'UntrustedRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const withUntrustedRole = createJob('integ-probe-untrusted-role');
const whileFull = probe.expectDuring('CreateWhileFull', [
  createJob('integ-probe-while-full', 'amazon.nova-micro-v9:0'),
  { ...withUntrustedRole, input: { ...withUntrustedRole.input, roleArn: untrusted.roleArn } },
], [...creatingJobs, new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [untrusted.roleArn] })],
'ServiceQuotaExceededException,ValidationException', jobs.slice(0, 2).map((job) => job.node.defaultChild!));
jobs[2].node.addDependency(whileFull);

// ledger: L-03 (a job without validation data writes no validation metrics file; 403, not 404, without s3:ListBucket)
const third = jobs[2];
probe.expect(
  {
    client: 's3',
    command: 'GetObject',
    input: {
      Bucket: output.bucketName,
      Key: Fn.join('', ['Third/model-customization-job-', Fn.select(2, Fn.split('/', third.jobArn)),
        '/validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv']),
    },
  },
  new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [output.arnForObjects('*')] }),
  'AccessDenied');

// ledger: L-24 (an update of an Active deployment goes Updating, refuses another update meanwhile (ValidationException), keeps
// serving the old model until it completes, then serves the new one)
const [first, second] = jobs.map((job) => job.outputModel);
const theDeployment = { customModelDeploymentIdentifier: deployment.deploymentArn };
const update = probe.expectSequence([
  { client: 'bedrock', command: 'UpdateCustomModelDeployment', input: { ...theDeployment, modelArn: second.modelArn } },
  { client: 'bedrock', command: 'UpdateCustomModelDeployment', input: { ...theDeployment, modelArn: second.modelArn } },
  { client: 'bedrock', command: 'GetCustomModelDeployment', input: theDeployment, report: 'updateDetails.updateStatus' },
  { client: 'bedrock', command: 'GetCustomModelDeployment', input: theDeployment, report: 'modelArn' },
  { client: 'bedrock-runtime', command: 'Converse', input: { modelId: deployment.deploymentArn, messages: [{ role: 'user', content: [{ text: 'What is 2 plus 2?' }] }], inferenceConfig: { maxTokens: 10 } } },
], [
  new iam.PolicyStatement({
    actions: ['bedrock:UpdateCustomModelDeployment'],
    resources: [deployment.deploymentArn, second.modelArn],
  }),
  new iam.PolicyStatement({ actions: ['bedrock:GetCustomModelDeployment', 'bedrock:InvokeModel'], resources: [deployment.deploymentArn] }),
], ['ok', 'ValidationException', 'Updating', first.modelArn, 'ok']);
const moved = update.next(integ.assertions.awsApiCall('Bedrock', 'GetCustomModelDeployment', theDeployment)
  .expect(ExpectedResult.objectLike({ status: 'Active', modelArn: second.modelArn, updateDetails: { modelArn: second.modelArn, updateStatus: 'UpdateCompleted' } }))
  .waitForAssertions(ASSERTION_WAIT));
// ledger: L-13 (a fine-tuned model is deleted though a deployment serves it: only a distilled one is refused). The stack's
// deletion then finds it deleted.
moved.next(probe.expect({ client: 'bedrock', command: 'DeleteCustomModel', input: { modelIdentifier: second.modelArn } },
  new iam.PolicyStatement({ actions: ['bedrock:DeleteCustomModel'], resources: [second.modelArn] }), 'ok'));

// ledger: L-34 (a Stopping job holds its slot: with two jobs started and one of them stopped, a create is still refused
// for the quota). Once the stack's jobs are done; both jobs are stopped at once, before they train.
const guid = Fn.select(2, Fn.split('/', stack.stackId));
const [stopped, kept] = ['x', 'y'].map((tag) => Fn.join('', [`integ-probe-${tag}-`, guid]));
const stopping = [
  new iam.PolicyStatement({
    actions: ['bedrock:StopModelCustomizationJob', 'bedrock:GetModelCustomizationJob'],
    resources: [arnsOf(stack, 'model-customization-job')],
  }),
];
const stopRequest = (step: number) => ({ client: 'bedrock' as const, command: 'StopModelCustomizationJob', input: { jobIdentifier: `{{${step}}}` } });
probe.expectSequence([
  { ...createJob(stopped), answer: 'jobArn' },
  { ...createJob(kept), answer: 'jobArn' },
  stopRequest(0),
  { client: 'bedrock', command: 'GetModelCustomizationJob', input: { jobIdentifier: '{{0}}' }, report: 'status' },
  createJob('integ-probe-while-stopping', 'amazon.nova-micro-v9:0'),
  stopRequest(1),
], [...creatingJobs, ...stopping], ['ok', 'ok', 'ok', 'Stopping', 'ServiceQuotaExceededException', 'ok'])
  .next(integ.assertions.awsApiCall('Bedrock', 'GetModelCustomizationJob', { jobIdentifier: stopped })
    .expect(ExpectedResult.objectLike({ status: 'Stopped' }))
    .waitForAssertions(ASSERTION_WAIT));

app.synth();
