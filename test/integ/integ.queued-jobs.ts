/*
 * Integration test: three fine-tuning jobs in one stack, where Bedrock runs
 * two at a time per account and Region (the default quota of concurrent model
 * customization jobs, https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html):
 * the create Bedrock refuses for want of a slot is queued, the stack's watcher
 * starts it when a slot frees, and the stack completes with three custom
 * models. In an account whose quota allows three jobs, none waits and the
 * assertions hold all the same. Each job is the smallest fine-tuning of
 * ./sums-job.ts; the third may wait for one job's length, hence 8 hours.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { outputBucket, sumsJob } from './sums-job';

const app = new App();
const stack = new Stack(app, 'BedrockQueuedJobsInteg');
const output = outputBucket(stack);
const jobs = ['First', 'Second', 'Third'].map((id) => sumsJob(stack, id, output, Duration.hours(8)));

const integ = new IntegTest(app, 'QueuedJobs', { testCases: [stack] });
for (const job of jobs) {
  integ.assertions.awsApiCall('Bedrock', 'GetModelCustomizationJob', { jobIdentifier: job.jobArn })
    .expect(ExpectedResult.objectLike({ status: 'Completed', outputModelArn: job.outputModel.modelArn }));
}

app.synth();
