/*
 * Distillation, reinforcement fine-tuning, invocation logs, custom base models
 * and validation assets: what the job sends, and what its roles may do.
 */
import * as path from 'path';
import { App, Lazy, Stack, aws_bedrock as bedrock, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  BaseModel, Customization, CustomizationType, MetadataFilter, ModelCustomizationJob, ModelCustomizationJobProps,
  OutputData, ReasoningEffort, TeacherModel, TrainingData, ValidationData,
} from '../../src';
import { ExistingModel as Model } from '../support/existing-model';

const JOB = 'Custom::BedrockModelCustomizationJob';
const ENV = { account: '123456789012', region: 'us-east-1' };
const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const CUSTOM_MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';

/** The custom model CUSTOM_MODEL_ARN, of the given origin. */
const existingModel = (scope: Stack, id: string, origin?: CustomizationType) => new Model(scope, id, CUSTOM_MODEL_ARN, 'runbooks-v1', origin);

function setup(overrides: (stack: Stack, bucket: s3.IBucket) => Partial<ModelCustomizationJobProps> = () => ({})) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const bucket = s3.Bucket.fromBucketName(stack, 'Data', 'data-bucket');
  new ModelCustomizationJob(stack, 'Job', {
    baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
    trainingData: TrainingData.fromBucket(bucket, 'train/data.jsonl'),
    outputData: OutputData.fromBucket(bucket, 'output/'),
    ...overrides(stack, bucket),
  });
  const template = Template.fromStack(stack);
  return { stack, template, properties: (Object.values(template.findResources(JOB))[0] as any).Properties };
}

/** The statements of the policies attached to the role whose logical id starts with `rolePrefix`. */
function statementsOf(template: Template, rolePrefix: string): any[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^${rolePrefix}`) }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

const serviceRole = (template: Template) => statementsOf(template, 'JobServiceRole');
const handlerRole = (template: Template) => statementsOf(template, 'BedrockModelCustomizationJobProviderHandlerRole');

describe('distillation', () => {
  test('sends the teacher and the response length; the service role may invoke the teacher', () => {
    const { template, properties } = setup(() => ({
      customization: Customization.distillation({
        teacherModel: TeacherModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_PRO_V1_0),
        maxResponseLength: 1000,
      }),
    }));
    expect(properties).toMatchObject({
      customizationType: 'DISTILLATION',
      distillation: { teacherModelIdentifier: 'amazon.nova-pro-v1:0', maxResponseLengthForInference: 1000 },
    });
    expect(properties).not.toHaveProperty('reinforcementFineTuning');
    expect(serviceRole(template)).toContainEqual({
      Action: 'bedrock:InvokeModel', Effect: 'Allow', Resource: arn(':bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'),
    });
  });

  test('a teacher behind a cross-Region inference profile: the profile, and its model in every Region', () => {
    for (const teacher of ['us.amazon.nova-premier-v1:0', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-premier-v1:0']) {
      const { template, stack, properties } = setup(() => ({
        customization: Customization.distillation({ teacherModel: TeacherModel.fromInferenceProfile(teacher) }),
      }));
      expect(properties.distillation).toEqual({ teacherModelIdentifier: teacher });
      const invoke = stack.resolve(serviceRole(template)).find((s: any) => s.Action === 'bedrock:InvokeModel');
      expect(invoke.Resource).toEqual([
        teacher.startsWith('arn:') ? teacher : arn(':bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-premier-v1:0'),
        arn(':bedrock:*::foundation-model/amazon.nova-premier-v1:0'),
      ]);
    }
  });

  test('an inference profile must be a literal <geography>.<model id>', () => {
    expect(() => TeacherModel.fromInferenceProfile(Lazy.string({ produce: () => 'us.amazon.nova-pro-v1:0' }))).toThrow(/^TeacherModel\.fromInferenceProfile: profileIdOrArn must be known at synthesis \(not a token\)/);
    expect(() => TeacherModel.fromInferenceProfile('amazon.nova-pro-v1:0')).toThrow(
      "TeacherModel.fromInferenceProfile: profileIdOrArn 'amazon.nova-pro-v1:0' is not a cross-Region inference profile",
    );
    expect(() => TeacherModel.fromInferenceProfile('amazon.nova-pro-v1:0')).toThrow(
      /\. For a foundation model without a profile, use TeacherModel\.fromModelId$/,
    );
  });

  test('training data from invocation logs: the prefix, the filter and usePromptResponse; read under the prefix only', () => {
    const { template, stack, properties } = setup((_, bucket) => ({
      customization: Customization.distillation({ teacherModel: TeacherModel.fromModelId('amazon.nova-pro-v1:0') }),
      trainingData: TrainingData.fromInvocationLogs(bucket, 'bedrock-logs/', {
        usePromptResponse: true,
        filter: MetadataFilter.orAll([MetadataFilter.stringEquals('project', 'runbooks'), MetadataFilter.stringNotEquals('stage', 'dev')]),
      }),
    }));
    expect(properties).not.toHaveProperty('trainingDataS3Uri');
    expect(properties.invocationLogs).toEqual({
      s3Uri: 's3://data-bucket/bedrock-logs/',
      usePromptResponse: true,
      requestMetadataFilters: { orAll: [{ equals: { project: 'runbooks' } }, { notEquals: { stage: 'dev' } }] },
    });
    const statements = stack.resolve(serviceRole(template));
    expect(statements).toEqual(expect.arrayContaining([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: arn(':s3:::data-bucket/bedrock-logs/*') },
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: arn(':s3:::data-bucket'), Condition: { StringLike: { 's3:prefix': ['bedrock-logs/*'] } } },
    ]));
    // Nothing else of the bucket is readable.
    const reads = statements.filter((s: any) => s.Action === 's3:GetObject').map((s: any) => JSON.stringify(s.Resource));
    expect(reads).toEqual([JSON.stringify(arn(':s3:::data-bucket/bedrock-logs/*'))]);
  });

  test('the prefix is the logging key prefix, with or without its trailing slash: the job reads under <prefix>/ only', () => {
    const teacher = { customization: Customization.distillation({ teacherModel: TeacherModel.fromModelId('amazon.nova-pro-v1:0') }) };
    const slashed = setup((_, bucket) => ({ ...teacher, trainingData: TrainingData.fromInvocationLogs(bucket, 'bedrock-logs/') }));
    const bare = setup((_, bucket) => ({ ...teacher, trainingData: TrainingData.fromInvocationLogs(bucket, 'bedrock-logs') }));
    expect(bare.properties.invocationLogs).toEqual({ s3Uri: 's3://data-bucket/bedrock-logs/' });
    expect(bare.template.toJSON()).toEqual(slashed.template.toJSON());
    const slashesOnly = setup((_, bucket) => ({ ...teacher, trainingData: TrainingData.fromInvocationLogs(bucket, '/') }));
    expect(slashesOnly.properties.invocationLogs).toEqual({ s3Uri: 's3://data-bucket/' });
  });

  test('a single condition is sent as is; without options, neither filter nor usePromptResponse', () => {
    const teacher = { customization: Customization.distillation({ teacherModel: TeacherModel.fromModelId('amazon.nova-pro-v1:0') }) };
    const one = setup((_, bucket) => ({ ...teacher, trainingData: TrainingData.fromInvocationLogs(bucket, 'logs/', { filter: MetadataFilter.stringEquals('k', 'v') }) }));
    expect(one.properties.invocationLogs).toEqual({ s3Uri: 's3://data-bucket/logs/', requestMetadataFilters: { equals: { k: 'v' } } });
    const none = setup((_, bucket) => ({ ...teacher, trainingData: TrainingData.fromInvocationLogs(bucket, '') }));
    expect(none.properties.invocationLogs).toEqual({ s3Uri: 's3://data-bucket/' });
  });
});

describe('reinforcement fine-tuning', () => {
  test('sends the grader and the hyperparameters; the service role may invoke exactly the grader', () => {
    const { template, stack, properties } = setup((st) => ({
      baseModel: BaseModel.fromModelId('amazon.nova-2-lite-v1:0:256k'),
      customization: Customization.reinforcementFineTuning({
        grader: new lambda.Function(st, 'Grader', {
          runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => []'),
        }),
        hyperParameters: { epochCount: 3, batchSize: 128, learningRate: 0.00005, reasoningEffort: ReasoningEffort.LOW },
      }),
    }));
    expect(stack.resolve(properties)).toMatchObject({
      customizationType: 'REINFORCEMENT_FINE_TUNING',
      reinforcementFineTuning: {
        graderLambdaArn: { 'Fn::GetAtt': [expect.stringMatching(/^Grader/), 'Arn'] },
        hyperParameters: { epochCount: 3, batchSize: 128, learningRate: 0.00005, reasoningEffort: 'low' },
      },
    });
    const invokes = stack.resolve(serviceRole(template)).filter((s: any) => s.Action === 'lambda:InvokeFunction');
    expect(invokes).toEqual([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Grader/), 'Arn'] } }]);
    // RFT is not checked before the create (the model's list cannot name it), so no GetFoundationModel.
    expect(handlerRole(template).flatMap((s: any) => [s.Action].flat())).not.toContain('bedrock:GetFoundationModel');
  });

  test('an imported grader function: its ARN as given', () => {
    const grader = 'arn:aws:lambda:us-east-1:123456789012:function:grader:live';
    const { template, properties } = setup((st) => ({
      customization: Customization.reinforcementFineTuning({ grader: lambda.Function.fromFunctionArn(st, 'G', grader) }),
    }));
    expect(properties.reinforcementFineTuning).toEqual({ graderLambdaArn: grader });
    expect(serviceRole(template)).toContainEqual({ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: grader });
  });
});

describe('base model', () => {
  test('a foundation model is read before the create: GetFoundationModel on exactly that model', () => {
    const { template, stack } = setup();
    const reads = stack.resolve(handlerRole(template)).filter((s: any) => [s.Action].flat().includes('bedrock:GetFoundationModel'));
    expect(reads).toEqual([{ Action: 'bedrock:GetFoundationModel', Effect: 'Allow', Resource: arn(':bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k') }]);
  });

  test('a custom model: its ARN is the base, and no GetFoundationModel is granted', () => {
    const { template, stack, properties } = setup((st) => ({ baseModel: BaseModel.fromCustomModel(existingModel(st, 'Model')) }));
    expect(properties.baseModelIdentifier).toBe(CUSTOM_MODEL_ARN);
    const statements = stack.resolve(handlerRole(template));
    expect(statements.find((s: any) => s.Action === 'bedrock:CreateModelCustomizationJob').Resource).toContain(CUSTOM_MODEL_ARN);
    expect(statements.flatMap((s: any) => [s.Action].flat())).not.toContain('bedrock:GetFoundationModel');
  });

  test('an imported model is refused, with the reason; a model of a job is accepted', () => {
    const stack = new Stack();
    expect(() => BaseModel.fromCustomModel(existingModel(stack, 'Imported', CustomizationType.IMPORTED))).toThrow(
      'BaseModel.fromCustomModel: model Default/Imported is an imported model (customizationType IMPORTED), and Bedrock cannot customize imported models. '
      + 'Start from the foundation model it derives from',
    );
    expect(BaseModel.fromCustomModel(existingModel(stack, 'Tuned', CustomizationType.FINE_TUNING)).modelIdentifier).toBe(CUSTOM_MODEL_ARN);
  });

  test('which identifiers are foundation models, and the ARNs their policies name', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const cases: Array<[BaseModel, boolean, unknown]> = [
      [BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'), true, arn(':bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k')],
      [BaseModel.fromModelId(CUSTOM_MODEL_ARN), false, CUSTOM_MODEL_ARN],
      // A custom model's name: its ARN ends in an id Bedrock generated.
      [BaseModel.fromModelId('runbooks-v1'), false, arn(':bedrock:us-east-1:123456789012:custom-model/*')],
      [BaseModel.fromCustomModel(existingModel(stack, 'M')), false, CUSTOM_MODEL_ARN],
    ];
    for (const [model, foundation, modelArn] of cases) {
      const id = model.modelIdentifier;
      expect([id, model.isFoundationModel, stack.resolve(model.modelArn(stack))]).toEqual([id, foundation, modelArn]);
    }
    expect(BaseModel.fromModelId(Lazy.string({ produce: () => CUSTOM_MODEL_ARN })).isFoundationModel).toBe(true);
  });
});

test('validation data from a local file becomes a file asset the service role may read', () => {
  const { stack, template, properties } = setup(() => ({
    validationData: [ValidationData.fromAsset(path.join(__dirname, '..', '..', 'examples', 'data', 'train.jsonl'))],
  }));
  expect(JSON.stringify(properties.validationDataS3Uris)).toMatch(/cdk-hnb659fds-assets-123456789012-us-east-1\/[0-9a-f]{64}\.jsonl/);
  const reads = stack.resolve(serviceRole(template)).filter((s: any) => s.Action === 's3:GetObject').map((s: any) => JSON.stringify(s.Resource));
  expect(reads.some((r: string) => /cdk-hnb659fds-assets-123456789012-us-east-1\/[0-9a-f]{64}\.jsonl/.test(r))).toBe(true);
  expect(() => ValidationData.fromAsset(path.join(__dirname, '..', '..', 'examples', 'data'))).not.toThrow();
  expect(() => setup(() => ({ validationData: [ValidationData.fromAsset(path.join(__dirname, '..', '..', 'examples', 'data'))] }))).toThrow(/^Stack\/Job\/ValidationData0: ValidationData\.fromAsset path '[^']*' is a directory/);
});
