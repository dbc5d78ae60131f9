import { App, Duration, Lazy, RemovalPolicy, Stack, Tags, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BaseModel, CustomizationType, CustomModel, NovaModelImport, CustomModelLookup, CustomModelOwnership, ModelSource } from '../../src';
import { withProvenance } from '../support/provenance';

const ENV = { account: '123456789012', region: 'us-east-1' };
const SOURCE = 's3://sagemaker-us-east-1-123456789012/nova/output/model';

function stackOf() {
  return new Stack(new App(), 'ImportStack', { env: ENV });
}

describe('NovaModelImport', () => {
  test('the service role trusts Bedrock for this account\'s models and reads exactly the model source', () => {
    const stack = stackOf();
    new NovaModelImport(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE) });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'Assumed by Amazon Bedrock to import a custom model',
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: {
              'aws:SourceArn': [
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:custom-model/*']] },
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:model-import-job/*']] },
              ],
            },
          },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^ImportServiceRole'),
      PolicyDocument: {
        Statement: [
          { Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::sagemaker-us-east-1-123456789012/nova/output/model/*']] } },
          {
            Action: 's3:ListBucket',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::sagemaker-us-east-1-123456789012']] },
            Condition: { StringLike: { 's3:prefix': ['nova/output/model/*'] } },
          },
        ],
      },
    });
    template.hasResourceProperties('Custom::BedrockNovaModelImport', {
      modelSourceS3Uri: 's3://sagemaker-us-east-1-123456789012/nova/output/model/',
      removalPolicy: 'retain',
      completionTimeoutSeconds: 3300,
      modelName: Match.absent(),
    });
  });

  test('a key is passed by ARN, and the service role, the handler role and grantees get its actions through Bedrock only', () => {
    const stack = stackOf();
    const key = new kms.Key(stack, 'Key');
    const model = new NovaModelImport(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE), encryptionKey: key });
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    model.grant(reader, 'bedrock:GetCustomModel');
    const template = Template.fromStack(stack);

    template.hasResourceProperties('Custom::BedrockNovaModelImport', { modelKmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    const keyStatement = Match.objectLike({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'],
      Condition: { StringEquals: { 'kms:ViaService': Match.anyValue() } },
    });
    for (const prefix of ['ImportServiceRole', 'BedrockNovaModelImportProviderHandlerRole', 'ReaderDefaultPolicy']) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyName: Match.stringLikeRegexp(`^${prefix}`),
        PolicyDocument: { Statement: Match.arrayWith([keyStatement]) },
      });
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^ReaderDefaultPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'bedrock:GetCustomModel', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Import'), 'ModelArn'] } }]) },
    });
    expect(() => new NovaModelImport(stack, 'Aliased', { modelSource: ModelSource.fromS3Uri(SOURCE), encryptionKey: kms.Alias.fromAliasName(stack, 'A', 'alias/x') }))
      .toThrow('encryptionKey is an imported alias: IAM policies that grant a key name its key ARN. Give the key itself');
  });

  test('the handler role may pass the role and create, read, delete and tag custom models', () => {
    const stack = stackOf();
    const model = new NovaModelImport(stack, 'Import', { modelSource: ModelSource.fromBucket(s3.Bucket.fromBucketName(stack, 'B', 'artifacts'), 'run-1'), modelTags: { team: 'a' } });
    Tags.of(model).add('cost-center', '42');
    const template = Template.fromStack(stack);
    const models = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:custom-model/*']] };

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^BedrockNovaModelImportProviderHandlerRole'),
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['bedrock:TagResource', 'bedrock:UntagResource'], Effect: 'Allow', Resource: models },
          { Action: ['bedrock:CreateCustomModel', 'bedrock:GetCustomModel', 'bedrock:DeleteCustomModel'], Effect: 'Allow', Resource: models },
          {
            Action: 'iam:PassRole',
            Effect: 'Allow',
            Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImportServiceRole'), 'Arn'] },
          },
        ]),
      },
    });
    template.hasResourceProperties('Custom::BedrockNovaModelImport', {
      modelSourceS3Uri: 's3://artifacts/run-1/',
      modelTags: withProvenance('ImportStack/Import', [{ key: 'cost-center', value: '42' }, { key: 'team', value: 'a' }]),
    });
    expect(model.customizationType).toBe(CustomizationType.IMPORTED);
    expect(() => BaseModel.fromCustomModel(model)).toThrow(/^BaseModel\.fromCustomModel: model ImportStack\/Import is an imported model/);
  });

  test('removal policy, timeout and Tags.of() are checked', () => {
    const stack = stackOf();
    const model = new NovaModelImport(stack, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE) });
    model.applyRemovalPolicy(RemovalPolicy.DESTROY);
    Template.fromStack(stack).hasResource('Custom::BedrockNovaModelImport', { DeletionPolicy: 'Delete', Properties: { removalPolicy: 'destroy' } });
    expect(() => new NovaModelImport(stack, 'Snap', { modelSource: ModelSource.fromS3Uri(SOURCE), removalPolicy: RemovalPolicy.SNAPSHOT }))
      .toThrow('ImportStack/Snap: removalPolicy snapshot is not supported. Use RemovalPolicy.RETAIN or RemovalPolicy.DESTROY');
    expect(() => new NovaModelImport(stack, 'Long', { modelSource: ModelSource.fromS3Uri(SOURCE), completionTimeout: Duration.minutes(56) }))
      .toThrow('completionTimeout must be between 1 minute and 55 minutes (got 56 minutes)');
    expect(() => ModelSource.fromS3Uri('https://example.com/x')).toThrow("ModelSource.fromS3Uri: s3Uri 'https://example.com/x' is not an S3 URI (s3://<bucket>/<prefix>). Give ");
    expect(() => ModelSource.fromS3Uri(Lazy.string({ produce: () => SOURCE }))).toThrow(
      'ModelSource.fromS3Uri: s3Uri must be known at synthesis (not a token). Use ModelSource.fromBucket',
    );

    const tagged = stackOf();
    Tags.of(new NovaModelImport(tagged, 'Import', { modelSource: ModelSource.fromS3Uri(SOURCE) })).add('bad#key', 'v');
    expect(() => Template.fromStack(tagged)).toThrow(/Tags\.of\(\) key "bad#key" must match the pattern/);
  });
});

describe('references and lookups', () => {
  test('fromCustomModelArn checks the ARN and grants on it', () => {
    const stack = stackOf();
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl';
    const model = CustomModel.fromCustomModelArn(stack, 'Model', arn);
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    model.grant(role, 'bedrock:GetCustomModel');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'bedrock:GetCustomModel', Effect: 'Allow', Resource: arn }] },
    });
    expect(() => model.customModelName).toThrow(/is not known/);
    expect(() => CustomModel.fromCustomModelArn(stack, 'Bad', 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/x')).toThrow(/must be the ARN of a custom model/);
  });

  test('fromCustomModelName resolves the ARN at deploy time, with GetCustomModel only', () => {
    const stack = stackOf();
    const model = CustomModel.fromCustomModelName(stack, 'Model', 'triage-assistant');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::BedrockCustomModelLookup', { modelIdentifier: 'triage-assistant' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^BedrockCustomModelLookupProviderHandlerRole'),
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'bedrock:GetCustomModel' })]) },
    });
    expect(stack.resolve(model.modelArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Model/), 'ModelArn'] });
    expect(model.customModelName).toBe('triage-assistant');
    expect(() => CustomModel.fromCustomModelName(stack, 'Bad', 'bad name!')).toThrow(/customModelName must match the pattern/);
  });

  test('a lookup sends its filters, Active by default, and may list models', () => {
    const stack = stackOf();
    new CustomModelLookup(stack, 'Lookup', {
      nameContains: 'support', ownership: CustomModelOwnership.OWNED, createdAfter: new Date('2025-01-01T00:00:00Z'),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::BedrockCustomModelLookup', {
      nameContains: 'support', modelStatus: 'Active', isOwned: true, creationTimeAfter: '2025-01-01T00:00:00.000Z',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^BedrockCustomModelLookupProviderHandlerRole'),
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'bedrock:ListCustomModels', Effect: 'Allow', Resource: '*' }]) },
    });
    expect(() => new CustomModelLookup(stack, 'Backwards', { createdAfter: new Date('2025-02-01'), createdBefore: new Date('2025-01-01') }))
      .toThrow(/createdAfter \(2025-02-01T00:00:00.000Z\) must be before createdBefore/);
  });
});
