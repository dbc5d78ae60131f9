import { aws_s3 as s3 } from 'aws-cdk-lib';
import { Customization } from './customization';
import { TrainingDataLocation } from './data';
import { DistillationValue, InvocationLogsValue, ReinforcementFineTuningValue } from '../contract/kinds/job';

/*
 * The parts of a job's resource properties that the construct's props hold
 * in another form: S3 URIs, invocation logs, the customization settings.
 */

export function s3Uri(bucket: s3.IBucket, key: string): string {
  return `s3://${bucket.bucketName}/${key}`;
}

export function toInvocationLogs(training: TrainingDataLocation): InvocationLogsValue | undefined {
  const logs = training.invocationLogs;
  if (!logs) return undefined;
  return {
    s3Uri: s3Uri(training.bucket, training.key),
    usePromptResponse: logs.usePromptResponse,
    requestMetadataFilters: logs.filter?._render(),
  };
}

export function toDistillation(customization: Customization): DistillationValue | undefined {
  const options = customization.distillationOptions;
  return options && {
    teacherModelIdentifier: options.teacherModel.modelIdentifier,
    maxResponseLengthForInference: options.maxResponseLength,
  };
}

export function toReinforcementFineTuning(customization: Customization): ReinforcementFineTuningValue | undefined {
  const options = customization.reinforcementFineTuningOptions;
  return options && {
    graderLambdaArn: options.grader.functionArn,
    hyperParameters: options.hyperParameters && { ...options.hyperParameters },
  };
}
