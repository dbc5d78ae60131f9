/*
 * Integration test: a fine-tuning job on data Bedrock refuses (./sums-job.ts).
 * The stack does not wait for the job; the assertion waits until it has
 * failed, and reads how its phases stand. A job that fails validation trains
 * nothing.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { ASSERTION_WAIT } from './probe';
import { malformedJob, outputBucket } from './sums-job';

const app = new App();
const stack = new Stack(app, 'BedrockFailedJobInteg');
const job = malformedJob(stack, 'Malformed', outputBucket(stack));

const integ = new IntegTest(app, 'FailedJob', { testCases: [stack] });
// ledger: L-05 (a fine-tuning job also reports data processing; after a failure in validation, the phases after it are NotStarted)
integ.assertions.awsApiCall('Bedrock', 'GetModelCustomizationJob', { jobIdentifier: job.jobArn })
  .expect(ExpectedResult.objectLike({
    status: 'Failed',
    statusDetails: {
      validationDetails: { status: 'Failed' },
      dataProcessingDetails: { status: 'NotStarted' },
      trainingDetails: { status: 'NotStarted' },
    },
  }))
  .waitForAssertions(ASSERTION_WAIT);

app.synth();
