/*
 * Stacks with one ModelCustomizationJob for the lifecycle tests.
 */
import { CfnResource, RemovalPolicy, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { BaseModel, ModelCustomizationJob, ModelCustomizationJobProps, OutputData, TrainingData, ValidationData } from '../../src';
import { newStack, synthesize } from '../lifecycle/harness';

export const JOB_ID = 'Job';

/** The props of the job; `overrides` replace them. */
export function jobProps(data: s3.IBucket, overrides: Partial<ModelCustomizationJobProps> = {}): ModelCustomizationJobProps {
  return {
    baseModel: BaseModel.fromModelId('amazon.titan-text-express-v1:0:8k'),
    trainingData: TrainingData.fromBucket(data, 'train/data.jsonl'),
    validationData: [ValidationData.fromBucket(data, 'validation/data.jsonl')],
    outputData: OutputData.fromBucket(data, 'output/'),
    hyperParameters: { epochCount: '2', batchSize: '1', learningRate: '0.00001' },
    jobTags: { team: 'ml' },
    customModelTags: { team: 'ml', purpose: 'tests' },
    removalPolicy: RemovalPolicy.RETAIN,
    ...overrides,
  };
}

/** Props that replace the defaults: given, or made in the stack (a grader function, say). */
export type JobOverrides = Partial<ModelCustomizationJobProps> | ((stack: Stack, data: s3.IBucket) => Partial<ModelCustomizationJobProps>);

/** A synthesized stack with a data bucket and one job, and the job's logical id. */
export function jobStack(overrides: JobOverrides = {}) {
  const stack = newStack();
  const data = new s3.Bucket(stack, 'Data');
  const job = new ModelCustomizationJob(stack, JOB_ID, jobProps(data, typeof overrides === 'function' ? overrides(stack, data) : overrides));
  const logicalId = stack.getLogicalId(job.node.defaultChild as CfnResource);
  return { artifact: synthesize(stack), logicalId, stack };
}
