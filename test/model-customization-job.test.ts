import * as path from 'path';
import {
  App, Duration, RemovalPolicies, RemovalPolicy, Stack, aws_bedrock as bedrock, aws_events_targets as targets, aws_iam as iam, aws_kms as kms,
  aws_s3 as s3, aws_sns as sns,
} from 'aws-cdk-lib';
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
      .toThrow(/^Stack\/Job\/TrainingData: TrainingData\.fromAsset path '[^']*' is a directory, which would be uploaded as a zip archive that Bedrock cannot read\. Give a single file$/);
    expect(() => setup({ trainingData: TrainingData.fromAsset('/no/such/file.jsonl') })).toThrow("Stack/Job/TrainingData: TrainingData.fromAsset path '/no/such/file.jsonl' does not exist. Give the path of a JSONL file");
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
    // The given role, the handlers' role, and the Provider framework's: its three functions' and its waiter's.
    t.resourceCountIs('AWS::IAM::Role', 6);
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
      'bedrock:ListTagsForResource',
      'bedrock:StopModelCustomizationJob',
      // An update may remove a job's last tags: the template then has none, and the handler still untags.
      'bedrock:UntagResource',
    ]);
    expect(statements).toEqual(expect.arrayContaining([
      {
        // The roles the stack's jobs create, under their own path, and no other.
        Action: 'iam:PassRole',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/cdk-bedrock-customization/us-east-1/Stack/*']] },
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
    template().hasResourceProperties('AWS::IAM::Role', {
      Path: '/cdk-bedrock-customization/us-east-1/Stack/',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'bedrock.amazonaws.com' } })] },
    });
  });

  test('the handler policy grows with base models and given roles, not with jobs', () => {
    const { stack, bucket } = setup({ jobTags: { team: 'ml' } });
    const given = new iam.Role(stack, 'GivenRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    for (let i = 0; i < 20; i++) {
      new ModelCustomizationJob(stack, `More${i}`, {
        baseModel: BaseModel.fromModelId(i % 2 ? 'amazon.titan-text-express-v1:0:8k' : 'amazon.nova-micro-v1:0:128k'),
        trainingData: TrainingData.fromBucket(bucket, `train/${i}.jsonl`),
        outputData: OutputData.fromBucket(bucket, `output/${i}/`),
        jobTags: { team: 'ml' },
        role: i < 2 ? given : undefined,
      });
    }
    const statements = stack.resolve(handlerPolicyStatements(Template.fromStack(stack)));
    const byAction = (action: string) => statements.filter((s: any) => [].concat(s.Action).includes(action as never));
    expect(byAction('bedrock:CreateModelCustomizationJob')).toHaveLength(1);
    expect(byAction('bedrock:CreateModelCustomizationJob')[0].Resource).toHaveLength(4);
    expect(byAction('bedrock:TagResource')).toHaveLength(1);
    const [passRole] = byAction('iam:PassRole');
    expect(byAction('iam:PassRole')).toHaveLength(1);
    expect(passRole.Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/cdk-bedrock-customization/us-east-1/Stack/*']] },
      { 'Fn::GetAtt': [expect.stringMatching(/^GivenRole/), 'Arn'] },
    ]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
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
    // The two handlers (onEvent, isComplete) and the Provider framework's three functions.
    t.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.jobIsComplete', Runtime: 'nodejs22.x' }, 1);
    t.resourceCountIs('AWS::Lambda::Function', 5);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
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
    expect(() => setup({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/Stack\/Job: removalPolicy snapshot is not supported\. Use RemovalPolicy\.RETAIN or RemovalPolicy\.DESTROY/);
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

describe('waiting for the job', () => {
  test('completionTimeout reaches the handler in seconds; without it nothing is sent', () => {
    setup({ completionTimeout: Duration.minutes(50) }).template().hasResourceProperties(JOB, { completionTimeoutSeconds: 3000 });
    setup().template().hasResourceProperties(JOB, { completionTimeoutSeconds: Match.absent() });
  });

  test('the provider polls every 30 seconds for at most an hour', () => {
    const definition = JSON.stringify(setup().template().findResources('AWS::StepFunctions::StateMachine'));
    expect(definition).toContain('\\"IntervalSeconds\\":30');
    expect(definition).toContain('\\"MaxAttempts\\":120');
  });

  test.each([
    ['55 minutes', Duration.minutes(55), true],
    ['1 minute', Duration.minutes(1), true],
    ['56 minutes', Duration.minutes(56), false],
    ['2 hours', Duration.hours(2), false],
    ['30 seconds', Duration.seconds(30), false],
  ])('a completionTimeout of %s is accepted: %s', (_label, completionTimeout, accepted) => {
    const attempt = () => setup({ completionTimeout });
    if (accepted) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(/^Stack\/Job: completionTimeout must be between 1 minute and 55 minutes \(got .+\): a deployment gives a custom resource one hour at most\. Set completionTimeout to 55 minutes or less$/);
  });

  test('outputModel, trainingLoss and validationLoss come from the resource once the job has completed', () => {
    const { job, stack } = setup({
      completionTimeout: Duration.minutes(30),
      validationData: [ValidationData.fromBucket(s3.Bucket.fromBucketName(new Stack(), 'B', 'validation-bucket'), 'v.jsonl')],
    });
    expect(stack.resolve(job.outputModel.modelArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'OutputModelArn'] });
    expect(stack.resolve(job.outputModel.customModelName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'CustomModelName'] });
    expect(stack.resolve(job.trainingLoss)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'TrainingLoss'] });
    expect(stack.resolve(job.validationLoss(0))).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'ValidationLoss0'] });
    expect(() => job.validationLoss(1)).toThrow('validationLoss(1): the job has 1 validation data sets');
  });

  test('the output model grants management actions on itself', () => {
    const { job, stack } = setup({ completionTimeout: Duration.minutes(30) });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    job.outputModel.grant(role, 'bedrock:GetCustomModel');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('Reader') }],
      PolicyDocument: { Statement: [{ Action: 'bedrock:GetCustomModel', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Job'), 'OutputModelArn'] } }] },
    });
  });

  test('without waiting, outputModel and the metrics explain why they are unknown and what to use instead', () => {
    const { job } = setup();
    expect(() => job.outputModel).toThrow(/^Stack\/Job: outputModel is known only once the job has completed, and this resource does not wait for it\. Set completionTimeout/);
    expect(() => job.trainingLoss).toThrow(/trainingLoss is known only once the job has completed/);
    expect(() => job.validationLoss(0)).toThrow(/validationLoss\(\) is known only once the job has completed/);
  });
});

describe('references and events', () => {
  const JOB_ARN = 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/amazon.nova-micro-v1:0:128k/abcdefghijkl';

  test('fromJobArn references an existing job, in the ARN\'s account and region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const job = ModelCustomizationJob.fromJobArn(stack, 'Existing', JOB_ARN);
    expect(job.jobArn).toBe(JOB_ARN);
    expect(job.env).toEqual({ account: '123456789012', region: 'us-east-1' });
  });

  test('fromJobArn rejects an ARN that is not a job\'s', () => {
    const stack = new Stack();
    expect(() => ModelCustomizationJob.fromJobArn(stack, 'Model', 'arn:aws:bedrock:us-east-1:123456789012:custom-model/x.y/abcdefghijkl'))
      .toThrow(/^Default\/Model: jobArn must be the ARN of a model customization job/);
  });

  test('onStateChange matches the job\'s state change events', () => {
    const { job, stack } = setup();
    const topic = new sns.Topic(stack, 'Topic');
    job.onStateChange('Changed', { target: new targets.SnsTopic(topic) });
    ModelCustomizationJob.fromJobArn(stack, 'Existing', JOB_ARN).onStateChange('ExistingChanged');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.bedrock'],
        'detail-type': ['Model Customization Job State Change'],
        'resources': [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Job'), 'JobArn'] }],
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('Topic') } })],
    });
    t.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ resources: [JOB_ARN] }) });
  });
});
