import * as path from 'path';
import { App, RemovalPolicies, RemovalPolicy, Stack, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  BaseModel, Customization, ModelCustomizationJob, ModelCustomizationJobProps, OutputData, TrainingData, ValidationData,
} from '../src';

const JOB = 'Custom::BedrockModelCustomizationJob';
const ENV = { account: '123456789012', region: 'us-east-1' };

function setup(overrides: Partial<ModelCustomizationJobProps> = {}) {
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

function handlerPolicyStatements(template: Template): any[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('BedrockModelCustomizationJobProviderHandlerRole') }] },
  });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('ModelCustomizationJob properties', () => {
  test('sends the properties of the contract, tags sorted', () => {
    const { template } = setup({
      hyperParameters: { epochCount: '2' },
      jobTags: { team: 'ml', env: 'dev' },
      validationData: [ValidationData.fromBucket(s3.Bucket.fromBucketName(new Stack(), 'V', 'validation-bucket'), 'v.jsonl')],
    });
    template().hasResourceProperties(JOB, {
      ServiceToken: Match.anyValue(),
      baseModelIdentifier: 'amazon.nova-micro-v1:0:128k',
      customizationType: 'FINE_TUNING',
      roleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('JobServiceRole'), 'Arn'] },
      trainingDataS3Uri: 's3://training-data-bucket/train/data.jsonl',
      validationDataS3Uris: ['s3://validation-bucket/v.jsonl'],
      outputDataS3Uri: 's3://training-data-bucket/output/',
      hyperParameters: { epochCount: '2' },
      // Sorted by key, so the template does not depend on object order.
      jobTags: [{ key: 'env', value: 'dev' }, { key: 'team', value: 'ml' }],
      removalPolicy: 'retain',
    });
    const props = template().findResources(JOB);
    const resource = Object.values(props)[0] as any;
    expect(resource.Properties).not.toHaveProperty('jobName');
    expect(resource.Properties).not.toHaveProperty('customModelTags');
  });

  test('continued pre-training and fixed names', () => {
    const { template } = setup({
      customization: Customization.continuedPreTraining(),
      jobName: 'my-job',
      customModelName: 'my-model',
      baseModel: BaseModel.fromModelId('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k'),
    });
    template().hasResourceProperties(JOB, {
      customizationType: 'CONTINUED_PRE_TRAINING',
      jobName: 'my-job',
      customModelName: 'my-model',
      baseModelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k',
    });
  });

  test('attributes come from the custom resource', () => {
    const { job, stack } = setup();
    expect(stack.resolve(job.jobArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'JobArn'] });
    expect(stack.resolve(job.jobName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'JobName'] });
    expect(stack.resolve(job.customModelName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'CustomModelName'] });
  });

  test('training data from a local file becomes a file asset', () => {
    const { template } = setup({ trainingData: TrainingData.fromAsset(path.join(__dirname, '..', 'examples', 'data', 'train.jsonl')) });
    const resource = Object.values(template().findResources(JOB))[0] as any;
    expect(JSON.stringify(resource.Properties.trainingDataS3Uri)).toMatch(/cdk-hnb659fds-assets-123456789012-us-east-1\/[0-9a-f]{64}\.jsonl/);
  });

  test('a folder asset is rejected: Bedrock cannot read zips', () => {
    expect(() => setup({ trainingData: TrainingData.fromAsset(path.join(__dirname, '..', 'examples', 'data')) }))
      .toThrow(/is a directory; give a single file/);
    expect(() => setup({ trainingData: TrainingData.fromAsset('/no/such/file.jsonl') })).toThrow(/does not exist/);
  });
});

describe('service role', () => {
  test('trusts Bedrock only for this account\'s customization jobs', () => {
    setup().template().hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: {
              'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:model-customization-job/*']] },
            },
          },
        }],
      },
    });
  });

  test('reads exactly the input objects and writes under the output prefix only', () => {
    const { stack, template } = setup({
      validationData: [ValidationData.fromBucket(s3.Bucket.fromBucketName(new Stack(), 'V', 'validation-bucket'), 'val/v.jsonl')],
    });
    const policies = template().findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('JobServiceRole') }] },
    });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(stack.resolve(statements)).toEqual(expect.arrayContaining([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::training-data-bucket/train/data.jsonl']] } },
      {
        Action: 's3:ListBucket',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::training-data-bucket']] },
        Condition: { StringEquals: { 's3:prefix': ['train/data.jsonl'] } },
      },
      { Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::validation-bucket/val/v.jsonl']] } },
      {
        Action: 's3:ListBucket',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::validation-bucket']] },
        Condition: { StringEquals: { 's3:prefix': ['val/v.jsonl'] } },
      },
      { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::training-data-bucket/output/*']] } },
    ]));
    // Nothing else: no bucket-wide reads, no deletes.
    expect(statements).toHaveLength(5);
  });

  test('an encrypted output bucket grants the role its key', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const key = new kms.Key(stack, 'Key');
    const out = new s3.Bucket(stack, 'Out', { encryptionKey: key });
    new ModelCustomizationJob(stack, 'Job', {
      baseModel: BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'),
      trainingData: TrainingData.fromBucket(out, 'train.jsonl'),
      outputData: OutputData.fromBucket(out, 'output/'),
    });
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const kmsActions = statements.filter((s) => JSON.stringify(s.Action).includes('kms:')).flatMap((s) => [].concat(s.Action));
    expect(kmsActions).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*']));
  });

  test('a given role is used and granted, and no role is created', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    const bucket = s3.Bucket.fromBucketName(stack, 'Data', 'training-data-bucket');
    const job = new ModelCustomizationJob(stack, 'Job', {
      baseModel: BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'),
      trainingData: TrainingData.fromBucket(bucket, 'train.jsonl'),
      outputData: OutputData.fromBucket(bucket, 'output/'),
      role,
    });
    expect(job.role).toBe(role);
    const t = Template.fromStack(stack);
    // The given role, the handler's role and the Provider framework's role.
    t.resourceCountIs('AWS::IAM::Role', 3);
    t.hasResourceProperties(JOB, { roleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MyRole'), 'Arn'] } });
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('MyRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject' })]) },
    });
  });
});

describe('handler role', () => {
  test('only the Bedrock actions the handler calls, and PassRole only to Bedrock', () => {
    const { template, stack } = setup();
    const statements = stack.resolve(handlerPolicyStatements(template()));
    const bedrockActions = new Set(statements.flatMap((s: any) => [].concat(s.Action)).filter((a: string) => a.startsWith('bedrock:')));
    expect([...bedrockActions].sort()).toEqual([
      'bedrock:CreateModelCustomizationJob',
      'bedrock:DeleteCustomModel',
      'bedrock:GetFoundationModel',
      'bedrock:GetModelCustomizationJob',
      'bedrock:StopModelCustomizationJob',
    ]);
    expect(statements).toEqual(expect.arrayContaining([
      {
        Action: 'iam:PassRole',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^JobServiceRole/), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      },
      {
        Action: 'bedrock:CreateModelCustomizationJob',
        Effect: 'Allow',
        Resource: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:custom-model/*']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:model-customization-job/*']] },
        ],
      },
    ]));
    // No statement grants a Bedrock action on every resource.
    expect(statements.filter((s: any) => s.Resource === '*')).toEqual([]);
  });

  test('TagResource only when the job has tags', () => {
    const tagged = setup({ customModelTags: { team: 'ml' } });
    const untagged = setup();
    const actions = (t: Template) => handlerPolicyStatements(t).flatMap((s: any) => [].concat(s.Action));
    expect(actions(tagged.template())).toContain('bedrock:TagResource');
    expect(actions(untagged.template())).not.toContain('bedrock:TagResource');
  });

  test('one provider per stack, however many jobs', () => {
    const { stack, bucket } = setup();
    for (const id of ['Two', 'Three']) {
      new ModelCustomizationJob(stack, id, {
        baseModel: BaseModel.fromModelId('amazon.titan-text-express-v1:0:8k'),
        trainingData: TrainingData.fromBucket(bucket, 'train.jsonl'),
        outputData: OutputData.fromBucket(bucket, `${id}/`),
      });
    }
    const t = Template.fromStack(stack);
    t.resourceCountIs(JOB, 3);
    t.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.jobOnEvent', Runtime: 'nodejs22.x' }, 1);
    // The handler and the Provider framework's function.
    t.resourceCountIs('AWS::Lambda::Function', 2);
    const tokens = new Set(Object.values(t.findResources(JOB)).map((r: any) => JSON.stringify(r.Properties.ServiceToken)));
    expect(tokens.size).toBe(1);
  });

  test('the job waits for its role policy and the handler\'s permissions', () => {
    const resource = Object.values(setup().template().findResources(JOB))[0] as any;
    expect(resource.DependsOn).toEqual(expect.arrayContaining([
      expect.stringMatching(/^JobServiceRoleDefaultPolicy/),
      expect.stringMatching(/^BedrockModelCustomizationJobProviderHandlerRoleDefaultPolicy/),
    ]));
  });
});

describe('removal policy', () => {
  const policyOf = (t: Template) => (Object.values(t.findResources(JOB))[0] as any);

  test('RETAIN by default; the custom resource is always deleted', () => {
    const r = policyOf(setup().template());
    expect(r.Properties.removalPolicy).toBe('retain');
    expect(r.DeletionPolicy).toBe('Delete');
  });

  test('DESTROY deletes the model', () => {
    const r = policyOf(setup({ removalPolicy: RemovalPolicy.DESTROY }).template());
    expect(r.Properties.removalPolicy).toBe('destroy');
    expect(r.DeletionPolicy).toBe('Delete');
  });

  test('SNAPSHOT is rejected', () => {
    expect(() => setup({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/removalPolicy: snapshot is not supported/);
  });

  test('applyRemovalPolicy sets the model policy, not the DeletionPolicy', () => {
    const { job, template } = setup();
    job.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const r = policyOf(template());
    expect(r.Properties.removalPolicy).toBe('destroy');
    expect(r.DeletionPolicy).toBe('Delete');
  });

  test('RemovalPolicies.of(stack) reaches the model policy and keeps DeletionPolicy Delete', () => {
    const { stack, template } = setup({ removalPolicy: RemovalPolicy.DESTROY });
    RemovalPolicies.of(stack).retain();
    const r = policyOf(template());
    expect(r.Properties.removalPolicy).toBe('retain');
    expect(r.DeletionPolicy).toBe('Delete');
    expect(r.UpdateReplacePolicy).toBe('Delete');
  });

  test('synthesis fails if the DeletionPolicy is changed by hand', () => {
    const { job, stack } = setup();
    (job.node.defaultChild as any).cfnOptions.deletionPolicy = 'Retain';
    expect(() => Template.fromStack(stack)).toThrow(/DeletionPolicy and UpdateReplacePolicy of Stack\/Job\/Resource must stay Delete/);
  });

  test('and if the UpdateReplacePolicy is changed: a replaced job must be stopped', () => {
    const { job, stack } = setup();
    (job.node.defaultChild as any).cfnOptions.updateReplacePolicy = 'Retain';
    expect(() => Template.fromStack(stack)).toThrow(/must stay Delete/);
  });
});
