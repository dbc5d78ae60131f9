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
import { Duration, RemovalPolicy, aws_bedrock as bedrock, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BaseModel, Customization, ModelCustomizationJob, OutputData, TrainingData, ValidationData } from '../../src';

/** A job writing to `output` under `<id>/`, waited for up to `completionTimeout`; without validation data if told. */
export function sumsJob(scope: Construct, id: string, output: s3.IBucket, completionTimeout: Duration, validation = true): ModelCustomizationJob {
  return new ModelCustomizationJob(scope, id, {
    baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
    customization: Customization.fineTuning(),
    trainingData: TrainingData.fromAsset(path.join(__dirname, 'data', 'sums-train.jsonl')),
    validationData: validation ? [ValidationData.fromAsset(path.join(__dirname, 'data', 'sums-validation.jsonl'))] : undefined,
    outputData: OutputData.fromBucket(output, `${id}/`),
    // One epoch, no warm-up (the guide's warm-up is the record count / 640 for Nova Micro):
    // https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-mm.html
    hyperParameters: { epochCount: '1', learningRate: '0.00001', learningRateWarmupSteps: '0' },
    customModelTags: { purpose: 'integ' },
    removalPolicy: RemovalPolicy.DESTROY,
    completionTimeout,
  });
}

/** A job on data Bedrock refuses in validation (it trains nothing), waited for up to `completionTimeout` if given. */
export function malformedJob(scope: Construct, id: string, output: s3.IBucket, completionTimeout?: Duration): ModelCustomizationJob {
  return new ModelCustomizationJob(scope, id, {
    baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
    customization: Customization.fineTuning(),
    trainingData: TrainingData.fromAsset(path.join(__dirname, 'data', 'malformed-train.jsonl')),
    outputData: OutputData.fromBucket(output, `${id}/`),
    hyperParameters: { epochCount: '1', learningRate: '0.00001', learningRateWarmupSteps: '0' },
    removalPolicy: RemovalPolicy.DESTROY,
    completionTimeout,
  });
}

/** The jobs' output bucket, emptied and deleted with the stack. */
export function outputBucket(scope: Construct): s3.Bucket {
  return new s3.Bucket(scope, 'Output', { enforceSSL: true, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
}
