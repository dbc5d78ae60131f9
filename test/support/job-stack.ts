/*
 * A stack with one ModelCustomizationJob on an imported bucket, for the
 * construct tests of one feature each (network, encryption, tags, roles).
 */
import { App, Stack, aws_bedrock as bedrock, aws_s3 as s3 } from 'aws-cdk-lib';
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

/**
 * A stack in ENV with the job `Job`: Amazon Nova Micro fine-tuned on
 * s3://training-data-bucket/train/data.jsonl, output under output/, and
 * `overrides`. The bucket is returned for more jobs.
 */
export function jobOnBucketSetup(overrides: Partial<ModelCustomizationJobProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const bucket = s3.Bucket.fromBucketName(stack, 'Data', 'training-data-bucket');
  const job = new ModelCustomizationJob(stack, 'Job', {
    baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
    trainingData: TrainingData.fromBucket(bucket, 'train/data.jsonl'),
    outputData: OutputData.fromBucket(bucket, 'output/'),
    ...overrides,
  });
  return { stack, bucket, job, template: () => Template.fromStack(stack) };
}
