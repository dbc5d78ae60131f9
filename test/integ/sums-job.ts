/*
 * The fine-tuning jobs the integration apps run. The smallest: Amazon Nova
 * Micro on 100 short records (the "at least 100 samples" the data guide
 * recommends,
 * https://docs.aws.amazon.com/nova/latest/userguide/fine-tune-prepare-data-understanding.html),
 * one epoch, with 10 validation records (unless told), its custom model tagged
 * and deleted with the stack. And one on data Bedrock refuses: every record
 * starts with the assistant's turn, where the same guide wants the user's.
 */
import * as path from 'path';
import { Duration, RemovalPolicy, Stack, aws_bedrock as bedrock, aws_iam as iam, aws_s3 as s3, aws_s3_assets as s3_assets } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ProbedCall } from './probe';
import { BaseModel, Customization, ModelCustomizationJob, OutputData, TrainingData, ValidationData } from '../../src';
import { arnsOf } from '../../src/private/arns';

const TRAINING_DATA = path.join(__dirname, 'data', 'sums-train.jsonl');
/** Nova Micro, the base model of every job here. */
export const NOVA_MICRO = bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K;
/**
 * One epoch, no warm-up (the guide's warm-up is the record count / 640 for Nova Micro):
 * https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-mm.html
 */
const HYPERPARAMETERS = { epochCount: '1', learningRate: '0.00001', learningRateWarmupSteps: '0' };

/** A job writing to `output` under `<id>/`, waited for up to `completionTimeout`; without validation data if told. */
export function sumsJob(scope: Construct, id: string, output: s3.IBucket, completionTimeout: Duration, validation = true): ModelCustomizationJob {
  return new ModelCustomizationJob(scope, id, {
    baseModel: BaseModel.fromFoundationModel(NOVA_MICRO),
    customization: Customization.fineTuning(),
    trainingData: TrainingData.fromAsset(TRAINING_DATA),
    validationData: validation ? [ValidationData.fromAsset(path.join(__dirname, 'data', 'sums-validation.jsonl'))] : undefined,
    outputData: OutputData.fromBucket(output, `${id}/`),
    hyperParameters: HYPERPARAMETERS,
    customModelTags: { purpose: 'integ' },
    removalPolicy: RemovalPolicy.DESTROY,
    completionTimeout,
  });
}

/** A job on data Bedrock refuses in validation (it trains nothing), waited for up to `completionTimeout` if given. */
export function malformedJob(scope: Construct, id: string, output: s3.IBucket, completionTimeout?: Duration): ModelCustomizationJob {
  return new ModelCustomizationJob(scope, id, {
    baseModel: BaseModel.fromFoundationModel(NOVA_MICRO),
    customization: Customization.fineTuning(),
    trainingData: TrainingData.fromAsset(path.join(__dirname, 'data', 'malformed-train.jsonl')),
    outputData: OutputData.fromBucket(output, `${id}/`),
    hyperParameters: HYPERPARAMETERS,
    removalPolicy: RemovalPolicy.DESTROY,
    completionTimeout,
  });
}

/**
 * A probe's CreateModelCustomizationJob of the sums data, as `job`'s role may run it: the same training file is the same
 * asset object, which that role reads; the output goes under `job`'s prefix `outputPrefix`.
 */
export function sumsJobCall(
  job: ModelCustomizationJob, output: s3.IBucket, outputPrefix: string, names: { readonly jobName: string; readonly customModelName: string },
  baseModelIdentifier: string = NOVA_MICRO.modelId,
): ProbedCall {
  const stack = Stack.of(job);
  const data = stack.node.tryFindChild('ProbeTrainingData') as s3_assets.Asset | undefined
    ?? new s3_assets.Asset(stack, 'ProbeTrainingData', { path: TRAINING_DATA });
  return {
    client: 'bedrock',
    command: 'CreateModelCustomizationJob',
    input: {
      ...names,
      roleArn: job.role.roleArn,
      baseModelIdentifier,
      trainingDataConfig: { s3Uri: data.s3ObjectUrl },
      outputDataConfig: { s3Uri: output.s3UrlForObject(outputPrefix) },
      hyperParameters: HYPERPARAMETERS,
    },
  };
}

/** What a probe needs to make `sumsJobCall(job, ...)`. */
export function sumsJobCallGrants(job: ModelCustomizationJob): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      actions: ['bedrock:CreateModelCustomizationJob'],
      resources: (['model-customization-job', 'custom-model', 'foundation-model'] as const).map((target) => arnsOf(job, target)),
    }),
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [job.role.roleArn] }),
  ];
}

/** The jobs' output bucket, emptied and deleted with the stack. */
export function outputBucket(scope: Construct): s3.Bucket {
  return new s3.Bucket(scope, 'Output', { enforceSSL: true, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
}
