/*
 * A stack with one ModelCustomizationJob on an imported bucket, for the
 * construct tests of one feature each (network, encryption, tags).
 */
import { App, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BaseModel, ModelCustomizationJob, ModelCustomizationJobProps, OutputData, TrainingData } from '../../src';

export const ENV = { account: '123456789012', region: 'us-east-1' };

/** A job named `id` with valid minimal props and `overrides`. */
export function addJob(stack: Stack, id: string, overrides: Partial<ModelCustomizationJobProps> = {}): ModelCustomizationJob {
  const bucket = s3.Bucket.fromBucketName(stack, `${id}Data`, 'training-data-bucket');
  return new ModelCustomizationJob(stack, id, {
    baseModel: BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'),
    trainingData: TrainingData.fromBucket(bucket, 'train.jsonl'),
    outputData: OutputData.fromBucket(bucket, `${id}/output/`),
    ...overrides,
  });
}

/** A stack in ENV with the job `Job`; `overrides` may create what they need in the stack. */
export function jobSetup(overrides: (stack: Stack) => Partial<ModelCustomizationJobProps> = () => ({})) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const job = addJob(stack, 'Job', overrides(stack));
  return { stack, job, template: () => Template.fromStack(stack) };
}
