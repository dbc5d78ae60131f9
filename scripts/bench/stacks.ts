/*
 * The two stacks the bench synthesizes for N jobs: N ModelCustomizationJob
 * constructs, and the hand-rolled alternative (one aws-cdk-lib
 * AwsCustomResource per job calling CreateModelCustomizationJob, with a
 * service role per job; it cannot wait for a job nor stop one).
 */
import { App, Stack, aws_bedrock as bedrock, aws_iam as iam, aws_s3 as s3, custom_resources as cr } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { BaseModel, ModelCustomizationJob, OutputData, TrainingData } from '../../src';

/** Where the bench stacks live (the IAM sizes are measured with ARNs of this account and region). */
export const BENCH_ENV = { account: '123456789012', region: 'us-east-1' };
export const BENCH_STACK_NAME = 'ModelCustomizationBench';

export type Variant = 'construct' | 'alternative';

/** A stack of N jobs: which top-level constructs are the jobs, and which the data they share. */
export interface BenchStack {
  readonly stack: Stack;
  readonly jobs: readonly IConstruct[];
  readonly fixtures: readonly IConstruct[];
}

export const BASE_MODEL = bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K;
/** Amazon Nova's fine-tuning hyperparameters (https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-mm.html). */
export const HYPER_PARAMETERS = { epochCount: '2', learningRate: '0.00001', learningRateWarmupSteps: '10' };

/** Builds the stack of `jobs` jobs of `variant` in `app`. */
export function buildBenchStack(app: App, variant: Variant, jobs: number): BenchStack {
  const stack = new Stack(app, BENCH_STACK_NAME, { env: BENCH_ENV });
  const data = new s3.Bucket(stack, 'Data');
  const build = variant === 'construct' ? constructJob : alternativeJob;
  const jobConstructs = Array.from({ length: jobs }, (_, i) => build(stack, `Job${i}`, data, i));
  return { stack, jobs: jobConstructs, fixtures: [data] };
}

function constructJob(stack: Stack, id: string, data: s3.IBucket, i: number): IConstruct {
  return new ModelCustomizationJob(stack, id, {
    baseModel: BaseModel.fromFoundationModel(BASE_MODEL),
    trainingData: TrainingData.fromBucket(data, `jobs/${i}/train.jsonl`),
    outputData: OutputData.fromBucket(data, `jobs/${i}/output/`),
    hyperParameters: HYPER_PARAMETERS,
  });
}

/** What a user would write without the library: a role and an SDK call per job. */
function alternativeJob(stack: Stack, id: string, data: s3.IBucket, i: number): IConstruct {
  const job = new Construct(stack, id);
  const role = new iam.Role(job, 'ServiceRole', {
    assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': arn(stack, 'model-customization-job/*') },
      },
    }),
  });
  data.grantRead(role, `jobs/${i}/train.jsonl`);
  data.grantPut(role, `jobs/${i}/output/*`);
  new cr.AwsCustomResource(job, 'CreateJob', {
    onCreate: {
      service: 'Bedrock',
      action: 'CreateModelCustomizationJob',
      parameters: {
        // No generated names: an SDK call has nothing to derive a fresh one from.
        jobName: `${stack.stackName}-job-${i}`,
        customModelName: `${stack.stackName}-model-${i}`,
        roleArn: role.roleArn,
        baseModelIdentifier: BASE_MODEL.modelId,
        trainingDataConfig: { s3Uri: `s3://${data.bucketName}/jobs/${i}/train.jsonl` },
        outputDataConfig: { s3Uri: `s3://${data.bucketName}/jobs/${i}/output/` },
        hyperParameters: HYPER_PARAMETERS,
      },
      physicalResourceId: cr.PhysicalResourceId.fromResponse('jobArn'),
    },
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({
        actions: ['bedrock:CreateModelCustomizationJob'],
        resources: [
          stack.formatArn({ service: 'bedrock', account: '', resource: 'foundation-model', resourceName: BASE_MODEL.modelId }),
          arn(stack, 'model-customization-job/*'),
          arn(stack, 'custom-model/*'),
        ],
      }),
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      }),
    ]),
    installLatestAwsSdk: false,
  });
  return job;
}

function arn(stack: Stack, resource: string): string {
  return stack.formatArn({ service: 'bedrock', resource });
}
