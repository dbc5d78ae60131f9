/*
 * The customization types deployed against the local Bedrock emulator: a
 * distillation from invocation logs, a reinforcement fine-tuning with its
 * grader, the refusal of a base model that lacks the customization (before
 * any job exists), and jobs that start from a custom model.
 */
import * as path from 'path';
import { CfnResource, aws_lambda as lambda } from 'aws-cdk-lib';
import { jobStack } from './lifecycle-stacks';
import {
  BaseModel, Customization, MetadataFilter, ReasoningEffort, TeacherModel, TrainingData,
} from '../../src';
import { useLifecycle } from '../lifecycle/harness';
import { ExistingModel } from '../support/existing-model';

const lifecycle = useLifecycle();
const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

const jobArnOf = (physicalId: string) => physicalId.split('#')[0];

test('a distillation from invocation logs: teacher, logs and filter reach Bedrock; the job completes with a distilled model', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const { artifact, logicalId } = jobStack((_, data) => ({
    baseModel: BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'),
    customization: Customization.distillation({
      teacherModel: TeacherModel.fromInferenceProfile('us.amazon.nova-premier-v1:0'),
      maxResponseLength: 1000,
    }),
    trainingData: TrainingData.fromInvocationLogs(data, 'invocation-logs/', {
      usePromptResponse: true,
      filter: MetadataFilter.andAll([MetadataFilter.stringEquals('project', 'runbooks'), MetadataFilter.stringNotEquals('stage', 'dev')]),
    }),
    validationData: [],
    hyperParameters: undefined,
  }));

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  const jobArn = jobArnOf(engine.resource(logicalId).physicalId);
  const bucket = engine.resources.find((r) => r.type === 'AWS::S3::Bucket')!.physicalId;
  const job = emulator.jobs.get(jobArn);
  expect(job).toMatchObject({
    status: 'InProgress',
    customizationType: 'DISTILLATION',
    trainingDataConfig: {
      invocationLogsConfig: {
        invocationLogSource: { s3Uri: `s3://${bucket}/invocation-logs/` },
        usePromptResponse: true,
        requestMetadataFilters: { andAll: [{ equals: { project: 'runbooks' } }, { notEquals: { stage: 'dev' } }] },
      },
    },
    customizationConfig: {
      distillationConfig: { teacherModelConfig: { teacherModelIdentifier: 'us.amazon.nova-premier-v1:0', maxResponseLengthForInference: 1000 } },
    },
  });
  // The base model was checked first: Nova Micro lists DISTILLATION.
  expect(emulator.calls.map((c) => c.operation)).toEqual(['GetFoundationModel', 'CreateModelCustomizationJob']);
  expect(emulator.callsTo('GetFoundationModel')[0].input).toEqual({ modelIdentifier: 'amazon.nova-micro-v1:0:128k' });

  emulator.jobs.complete(jobArn);
  expect(emulator.customModels.get(emulator.jobs.get(jobArn).outputModelArn!).customizationType).toBe('DISTILLATION');
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
});

test('a reinforcement fine-tuning: the deployed grader\'s ARN and the typed hyperparameters reach Bedrock, and no base model check', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  let graderId = '';
  const { artifact, logicalId } = jobStack((stack) => {
    // The example app's grader.
    const grader = new lambda.Function(stack, 'Grader', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'examples', 'grader')),
    });
    graderId = stack.getLogicalId(grader.node.defaultChild as CfnResource);
    return {
      baseModel: BaseModel.fromModelId('amazon.nova-2-lite-v1:0:256k'),
      customization: Customization.reinforcementFineTuning({
        grader,
        hyperParameters: {
          epochCount: 2, batchSize: 64, learningRate: 0.00001, trainingSamplePerPrompt: 4, evalInterval: 10, reasoningEffort: ReasoningEffort.MEDIUM,
        },
      }),
      hyperParameters: undefined,
    };
  });

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  const job = emulator.jobs.get(jobArnOf(engine.resource(logicalId).physicalId));
  expect(job.customizationType).toBe('REINFORCEMENT_FINE_TUNING');
  expect(job.customizationConfig).toEqual({
    rftConfig: {
      graderConfig: { lambdaGrader: { lambdaArn: engine.resource(graderId).attributes.Arn } },
      // CloudFormation sent strings: the handler sends numbers again.
      hyperParameters: { epochCount: 2, batchSize: 64, learningRate: 0.00001, trainingSamplePerPrompt: 4, evalInterval: 10, reasoningEffort: 'medium' },
    },
  });
  // The list of a model's customizations cannot name RFT, so the base model is not read.
  expect(emulator.callsTo('GetFoundationModel')).toEqual([]);
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
});

test('a base model that lacks the customization: a clear refusal before any job exists, and a clean rollback', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  // Amazon Nova Micro cannot be continued-pre-trained, and GetFoundationModel says so.
  const { artifact, logicalId } = jobStack({
    baseModel: BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'),
    customization: Customization.continuedPreTraining(),
  });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(new RegExp("Message returned: Cannot create model customization job 'LifecycleStack-Job[^']+': "
    + 'the base model amazon\\.nova-micro-v1:0:128k does not support CONTINUED_PRE_TRAINING '
    + '\\(GetFoundationModel says it supports only FINE_TUNING, DISTILLATION\\)\\. '
    + 'Choose a base model that supports CONTINUED_PRE_TRAINING, or another customization\\.'));
  expect(emulator.callsTo('CreateModelCustomizationJob')).toEqual([]);
  expect(emulator.jobs.list().items).toEqual([]);
  const [create, rollbackDelete] = engine.exchanges(logicalId);
  expect(create.outcome).toMatchObject({ status: 'FAILED', physicalResourceId: CREATE_FAILED_MARKER });
  expect(rollbackDelete.request).toMatchObject({ RequestType: 'Delete', PhysicalResourceId: CREATE_FAILED_MARKER });
  expect(rollbackDelete.outcome).toMatchObject({ status: 'SUCCESS' });
  expect(emulator.calls.map((c) => c.operation)).toEqual(['GetFoundationModel']);
});

describe('a custom base model', () => {
  test('a model a job produced is customized further, without a foundation model check', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const baseArn = emulator.customModels.add({ modelName: 'runbooks-v1', baseModelId: 'amazon.nova-micro-v1:0:128k' });
    const { artifact, logicalId } = jobStack((stack) => ({
      baseModel: BaseModel.fromCustomModel(new ExistingModel(stack, 'Base', baseArn, 'runbooks-v1')),
    }));

    expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

    const jobArn = jobArnOf(engine.resource(logicalId).physicalId);
    expect(emulator.callsTo('CreateModelCustomizationJob')[0].input.baseModelIdentifier).toBe(baseArn);
    expect(jobArn).toContain(':model-customization-job/amazon.nova-micro-v1:0:128k/');
    expect(emulator.callsTo('GetFoundationModel')).toEqual([]);
    emulator.jobs.complete(jobArn);
    expect(emulator.jobs.get(jobArn).outputModelArn).toMatch(/:custom-model\/amazon\.nova-micro-v1:0:128k\//);
    expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  });

  test('a model of unknown origin is accepted by the app; Bedrock refuses an imported one, and the stack rolls back', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    emulator.customModels.add({ modelName: 'imported-nova', customizationType: 'IMPORTED' });
    const { artifact } = jobStack({ baseModel: BaseModel.fromModelId('imported-nova') });

    const result = await engine.deploy(artifact);

    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/failed: Bedrock rejected the request: The base model \S+ is an imported model\. Imported models cannot be customized\./);
    expect(emulator.jobs.list().items).toEqual([]);
  });
});

// Declared last, so it runs after every scenario above.
test('no request in this file broke a rule of the API model', () => {
  expect(lifecycle.violations).toEqual([]);
});
