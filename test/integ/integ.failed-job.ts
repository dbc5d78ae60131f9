/*
 * Integration test: a fine-tuning job on data Bedrock refuses (every record
 * starts with the assistant's turn, where the data guide wants the user's:
 * https://docs.aws.amazon.com/nova/latest/userguide/fine-tune-prepare-data-understanding.html).
 * The stack does not wait for the job; the assertion waits until it has
 * failed, and reads how its phases stand. A job that fails validation trains
 * nothing.
 */
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { outputBucket } from './sums-job';
import { BaseModel, Customization, ModelCustomizationJob, OutputData, TrainingData } from '../../src';

const app = new App();
const stack = new Stack(app, 'BedrockFailedJobInteg');
const job = new ModelCustomizationJob(stack, 'Malformed', {
  baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
  customization: Customization.fineTuning(),
  trainingData: TrainingData.fromAsset(path.join(__dirname, 'data', 'malformed-train.jsonl')),
  outputData: OutputData.fromBucket(outputBucket(stack), 'Malformed/'),
  hyperParameters: { epochCount: '1', learningRate: '0.00001', learningRateWarmupSteps: '0' },
  removalPolicy: RemovalPolicy.DESTROY,
});

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
  // Within CloudFormation's hour for a custom resource's answer, so that a job still running fails the assertion itself.
  .waitForAssertions({ totalTimeout: Duration.minutes(50), interval: Duration.minutes(1) });

app.synth();
