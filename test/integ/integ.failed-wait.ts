/*
 * Integration test: a stack that waits for a job Bedrock fails (data it
 * refuses in validation, ./sums-job.ts) fails to deploy, with the wait
 * condition's failure as CloudFormation words it, and rolls back. The job
 * waits up to 2 hours, so a wait condition waits for it; the stack's watcher
 * signals the failure. integ-runner takes the expected error for a pass; the
 * stack deletes itself in the rollback.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { malformedJob, outputBucket } from './sums-job';

const app = new App();
const stack = new Stack(app, 'BedrockFailedWaitInteg');
malformedJob(stack, 'Malformed', outputBucket(stack), Duration.hours(2));

new IntegTest(app, 'FailedWait', {
  testCases: [stack],
  // ledger: L-45 (a FAILURE signal fails the wait condition: "WaitCondition received failed message: '<Reason>' for uniqueId: <UniqueId>")
  cdkCommandOptions: { deploy: { expectError: true, expectedMessage: "WaitCondition received failed message: '.+' for uniqueId: " } },
});

app.synth();
