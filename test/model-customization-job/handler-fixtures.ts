/*
 * The model customization job's properties and ids, as CloudFormation sends
 * them to its handlers (see ../lambda/fixtures.ts for the events).
 */
import { BedrockClient, CreateModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import { AwsClientStub } from 'aws-sdk-client-mock';
import { modelTagsDigest } from '../../lambda/model-customization-job/model-tags';
import { JobEventResult, onEvent } from '../../lambda/model-customization-job/on-event';
import { JOB } from '../../lambda/model-customization-job/properties';
import { createEvent, JOB_ARN, RawProperties, SERVICE_TOKEN } from '../lambda/fixtures';

/** Job properties the way CloudFormation sends them (hyperParameters values are strings). */
export function rawProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    ServiceTimeout: '3600',
    baseModelIdentifier: 'amazon.titan-text-express-v1:0:8k',
    customizationType: 'FINE_TUNING',
    roleArn: 'arn:aws:iam::123456789012:role/BedrockCustomizationRole',
    trainingDataS3Uri: 's3://data-bucket/train.jsonl',
    validationDataS3Uris: ['s3://data-bucket/validation-1.jsonl', 's3://data-bucket/validation-2.jsonl'],
    outputDataS3Uri: 's3://output-bucket/jobs/',
    hyperParameters: { epochCount: '2', batchSize: '1', learningRate: '0.00001' },
    jobTags: [{ key: 'team', value: 'ml' }],
    customModelTags: [{ key: 'cost-center', value: '42' }],
    removalPolicy: 'retain',
    ...overrides,
  };
}

/** A distillation from invocation logs, as CloudFormation sends it (numbers and booleans as strings). */
export function distillationProperties(overrides: RawProperties = {}): RawProperties {
  return rawProperties({
    baseModelIdentifier: 'amazon.nova-micro-v1:0:128k',
    customizationType: 'DISTILLATION',
    trainingDataS3Uri: undefined,
    invocationLogs: {
      s3Uri: 's3://logs-bucket/bedrock/',
      usePromptResponse: 'true',
      requestMetadataFilters: { andAll: [{ equals: { project: 'runbooks' } }, { notEquals: { stage: 'dev' } }] },
    },
    distillation: { teacherModelIdentifier: 'us.amazon.nova-premier-v1:0', maxResponseLengthForInference: '1000' },
    hyperParameters: undefined,
    ...overrides,
  });
}

export const GRADER_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:grader';

/** A reinforcement fine-tuning with a grader and typed hyperparameters, as CloudFormation sends it. */
export function rftProperties(overrides: RawProperties = {}): RawProperties {
  return rawProperties({
    baseModelIdentifier: 'amazon.nova-2-lite-v1:0:256k',
    customizationType: 'REINFORCEMENT_FINE_TUNING',
    reinforcementFineTuning: {
      graderLambdaArn: GRADER_ARN,
      hyperParameters: { epochCount: '2', batchSize: '64', learningRate: '1e-05', trainingSamplePerPrompt: '4', reasoningEffort: 'medium' },
    },
    hyperParameters: undefined,
    ...overrides,
  });
}

/** The physical id of a job created from `props` (pending: as onEvent returns it, until isComplete confirms it). */
export function jobPhysicalId(jobArn: string, seed: string, props: RawProperties = rawProperties(), pending = false): string {
  const decoded = JOB.decode(props);
  const extra = decoded.customModelTags?.length ? modelTagsDigest(decoded.customModelTags) : undefined;
  return JOB.physicalId.format({ arn: jobArn, seed, digest: JOB.digest(decoded), extra, pending });
}

/** Creates a job (JOB_ARN) as CloudFormation would, then resets the mock, so that a test sees only the calls that follow. */
export async function createdJob(bedrock: AwsClientStub<BedrockClient>, props: RawProperties): Promise<JobEventResult> {
  bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
  const result = await onEvent(createEvent(props));
  bedrock.reset();
  // The id CloudFormation then holds: isComplete confirms the pending one onEvent returned.
  return { ...result, PhysicalResourceId: JOB.physicalId.confirmed(JOB.physicalId.parse(result.PhysicalResourceId)!) };
}
