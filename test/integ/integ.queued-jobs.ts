/*
 * Integration test: three fine-tuning jobs in one stack, where Bedrock runs
 * two at a time per account and Region (the default quota of concurrent model
 * customization jobs, https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html):
 * the create Bedrock refuses for want of a slot is queued, the stack's watcher
 * starts it when a slot frees, and the stack completes with three custom
 * models. In an account whose quota allows three jobs, none waits and the
 * assertions hold all the same. Each job is the smallest fine-tuning of
 * ./sums-job.ts (the third without validation data, which then writes no
 * validation metrics); the third may wait for one job's length, hence 8 hours.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Fn, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Probe } from './probe';
import { outputBucket, sumsJob } from './sums-job';

const app = new App();
const stack = new Stack(app, 'BedrockQueuedJobsInteg');
const output = outputBucket(stack);
// The third without validation data.
const jobs = ['First', 'Second', 'Third'].map((id, index) => sumsJob(stack, id, output, Duration.hours(8), index < 2));

const integ = new IntegTest(app, 'QueuedJobs', { testCases: [stack] });
for (const job of jobs) {
  integ.assertions.awsApiCall('Bedrock', 'GetModelCustomizationJob', { jobIdentifier: job.jobArn })
    .expect(ExpectedResult.objectLike({ status: 'Completed', outputModelArn: job.outputModel.modelArn }));
}

// ledger: L-03 (a job without validation data writes no validation metrics file; 403, not 404, without s3:ListBucket)
const third = jobs[2];
new Probe(stack, 'Probe', integ).expect(
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

app.synth();
