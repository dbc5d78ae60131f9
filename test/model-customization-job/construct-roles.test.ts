/*
 * The roles of a ModelCustomizationJob: the service role Bedrock runs the job
 * with, and the role of the handlers that create and watch jobs.
 */
import { App, Stack, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BaseModel, ModelCustomizationJob, OutputData, TrainingData, ValidationData } from '../../src';
import { ENV, jobOnBucketSetup as setup } from '../support/job-stack';

const JOB = 'Custom::BedrockModelCustomizationJob';

function handlerPolicyStatements(template: Template): any[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('BedrockModelCustomizationJobProviderHandlerRole') }] },
  });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

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
      // A job that gets no slot in time names the jobs that hold them.
      'bedrock:ListModelCustomizationJobs',
      'bedrock:ListTagsForResource',
      'bedrock:StopModelCustomizationJob',
      // Every job and model carries the provenance tags: created tagged, tags changed in place.
      'bedrock:TagResource',
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
    // No statement grants a Bedrock action on every resource, but the list, which supports no resource-level permissions.
    expect(statements.filter((s: any) => s.Resource === '*')).toEqual([{ Action: 'bedrock:ListModelCustomizationJobs', Effect: 'Allow', Resource: '*' }]);
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

  test('TagResource and UntagResource with every job, tags of its own or not: the provenance tags go on every resource', () => {
    const tagging = (t: Template) => handlerPolicyStatements(t).filter((s: any) => [].concat(s.Action).includes('bedrock:TagResource' as never));
    const untagged = setup();
    expect(untagged.stack.resolve(tagging(untagged.template()))).toEqual([{
      Action: ['bedrock:TagResource', 'bedrock:UntagResource'],
      Effect: 'Allow',
      Resource: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:custom-model/*']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:model-customization-job/*']] },
      ],
    }]);
    const tagged = setup({ customModelTags: { team: 'ml' } });
    expect(tagged.stack.resolve(tagging(tagged.template()))).toEqual(untagged.stack.resolve(tagging(untagged.template())));
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
    // The three handlers (onEvent, isComplete, the slot queue's watcher) and the Provider framework's three functions.
    t.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.jobIsComplete', Runtime: 'nodejs22.x' }, 1);
    t.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.jobWatcher', Runtime: 'nodejs22.x' }, 1);
    t.resourceCountIs('AWS::Lambda::Function', 6);
    t.resourceCountIs('AWS::DynamoDB::Table', 1);
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
