import { App, CfnParameter, Stack, aws_kms as kms, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { InvocationLogging, InvocationLoggingProps } from '../../src';
import { invocationLogsPath } from '../../src/invocation-logging/logging-paths';
import { ENV } from '../support/job-stack';

const SOURCE_CONDITIONS = {
  StringEquals: { 'aws:SourceAccount': ENV.account },
  ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:${ENV.region}:${ENV.account}:*`]] } },
};

function setup(props: (stack: Stack) => InvocationLoggingProps | undefined) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const logging = new InvocationLogging(stack, 'Logging', props(stack));
  const template = Template.fromStack(stack);
  const resource = () => Object.entries(template.findResources('Custom::BedrockInvocationLogging'))[0];
  return { stack, logging, template, resource };
}

describe('S3 destination', () => {
  test('a created bucket: public access blocked, TLS only, encrypted, and Bedrock may put objects only under the logs path', () => {
    const { template, resource } = setup(() => ({ s3: { keyPrefix: 'bedrock' } }));
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0] as any;
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:PutObject',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Condition: SOURCE_CONDITIONS,
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^LoggingBucket/), 'Arn'] }, `/bedrock/AWSLogs/${ENV.account}/BedrockModelInvocationLogs/*`]] },
      }),
    ]));
    const [, custom] = resource();
    expect(custom.Properties.loggingConfig).toEqual({
      s3Config: { bucketName: { Ref: expect.stringMatching(/^LoggingBucket/) }, keyPrefix: 'bedrock' },
      textDataDeliveryEnabled: true,
      imageDataDeliveryEnabled: true,
      embeddingDataDeliveryEnabled: true,
      videoDataDeliveryEnabled: true,
      audioDataDeliveryEnabled: true,
    });
    expect(custom.Properties.takeOverExistingConfiguration).toBe(false);
    // Bedrock checks its permissions at Put time: the bucket policy comes first.
    expect(custom.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^LoggingBucketPolicy/)]));
  });

  test('server access logging of a created bucket is optional', () => {
    const { template } = setup((stack) => ({ s3: { serverAccessLogsBucket: new s3.Bucket(stack, 'AccessLogs'), serverAccessLogsPrefix: 'bedrock/' } }));
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') }, LogFilePrefix: 'bedrock/' } });
  });

  test('a bucket of the app gets the statement; no prefix means AWSLogs/ at the root', () => {
    const { template } = setup((stack) => ({ s3: { bucket: new s3.Bucket(stack, 'Mine') } }));
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0] as any;
    expect(policy.Properties.PolicyDocument.Statement[0].Resource['Fn::Join'][1][1]).toBe(`/AWSLogs/${ENV.account}/BedrockModelInvocationLogs/*`);
  });

  test('an imported bucket cannot be wired: a warning says what its policy needs', () => {
    const { stack } = setup((s) => ({ s3: { bucket: s3.Bucket.fromBucketName(s, 'Imported', 'existing-logs'), keyPrefix: 'p/' } }));
    Annotations.fromStack(stack).hasWarning('/Stack/Logging', Match.stringLikeRegexp('s3.bucket is imported.*under p/AWSLogs/<account>/BedrockModelInvocationLogs/'));
  });
});

describe('no destination', () => {
  test('delivers to S3, in a created bucket: public access blocked, TLS only, encrypted, retained', () => {
    const { template, resource } = setup(() => undefined);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      },
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0] as any;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^LoggingBucket/), 'Arn'] }, `/${invocationLogsPath(undefined, ENV.account)}*`]] },
      }),
    ]));
    const [, custom] = resource();
    expect(custom.Properties.loggingConfig.s3Config).toEqual({ bucketName: { Ref: expect.stringMatching(/^LoggingBucket/) } });
    expect(custom.Properties.loggingConfig).not.toHaveProperty('cloudWatchConfig');
  });

  test('is the same template as s3: {}, with or without props; with encryptionKey, the bucket is encrypted with it', () => {
    const noProps = setup(() => undefined).template.toJSON();
    expect(setup(() => ({})).template.toJSON()).toEqual(noProps);
    expect(setup(() => ({ s3: {} })).template.toJSON()).toEqual(noProps);
    const keyed = setup((stack) => ({ encryptionKey: new kms.Key(stack, 'Key') }));
    keyed.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } } }] },
    });
    expect(keyed.template.toJSON()).toEqual(setup((stack) => ({ s3: {}, encryptionKey: new kms.Key(stack, 'Key') })).template.toJSON());
  });

  test('new InvocationLogging(scope, id) needs no props', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const logging = new InvocationLogging(stack, 'Logging');
    expect(logging.bucket).toBeDefined();
    expect(logging.logGroup).toBeUndefined();
  });
});

describe('key prefixes', () => {
  test('Bedrock delivers under <prefix>/AWSLogs/<account>/BedrockModelInvocationLogs/, inserting the slash', () => {
    expect(invocationLogsPath('logs', ENV.account)).toBe(`logs/AWSLogs/${ENV.account}/BedrockModelInvocationLogs/`);
    expect(invocationLogsPath(undefined, ENV.account)).toBe(`AWSLogs/${ENV.account}/BedrockModelInvocationLogs/`);
  });

  test('a trailing slash is optional: logs and logs/ give the same configuration, bucket policy and template', () => {
    const bare = setup(() => ({ s3: { keyPrefix: 'logs' } }));
    for (const keyPrefix of ['logs/', 'logs//']) {
      expect(setup(() => ({ s3: { keyPrefix } })).template.toJSON()).toEqual(bare.template.toJSON());
    }
    expect(bare.resource()[1].Properties.loggingConfig.s3Config.keyPrefix).toBe('logs');
    const policy = Object.values(bare.template.findResources('AWS::S3::BucketPolicy'))[0] as any;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([expect.objectContaining({
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [expect.anything(), `/${invocationLogsPath('logs', ENV.account)}*`]] },
    })]));
  });

  test('the same for the large data prefix', () => {
    const props = (largeDataKeyPrefix: string) => (stack: Stack): InvocationLoggingProps =>
      ({ cloudWatch: { largeDataBucket: new s3.Bucket(stack, 'Large'), largeDataKeyPrefix } });
    const bare = setup(props('large'));
    expect(setup(props('large/')).template.toJSON()).toEqual(bare.template.toJSON());
    expect(bare.resource()[1].Properties.loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config.keyPrefix).toBe('large');
  });

  test('a prefix of slashes only, or empty, is no prefix', () => {
    const none = setup(() => ({ s3: {} })).template.toJSON();
    for (const keyPrefix of ['', '/', '///']) {
      expect(setup(() => ({ s3: { keyPrefix } })).template.toJSON()).toEqual(none);
    }
  });

  test('a prefix known only at deploy time is sent as it is', () => {
    const { resource } = setup((stack) => ({ s3: { keyPrefix: new CfnParameter(stack, 'Prefix').valueAsString } }));
    expect(resource()[1].Properties.loggingConfig.s3Config.keyPrefix).toEqual({ Ref: 'Prefix' });
  });
});

describe('CloudWatch Logs destination', () => {
  test('a created log group with its retention, and a role trusted by Bedrock of this account only, scoped to the stream Bedrock writes', () => {
    const { template, resource } = setup(() => ({ cloudWatch: { retention: logs.RetentionDays.ONE_MONTH } }));
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Condition: SOURCE_CONDITIONS }] },
    });
    const rolePolicy = Object.values(template.findResources('AWS::IAM::Policy')).find((p: any) => /CloudWatchRole/.test(p.Properties.PolicyName)) as any;
    expect(rolePolicy.Properties.PolicyDocument.Statement).toEqual([{
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:${ENV.region}:${ENV.account}:log-group:`, { Ref: expect.stringMatching(/^LoggingLogGroup/) }, ':log-stream:aws/bedrock/modelinvocations']] },
    }]);
    const [, custom] = resource();
    expect(custom.Properties.loggingConfig.cloudWatchConfig).toEqual({
      logGroupName: { Ref: expect.stringMatching(/^LoggingLogGroup/) },
      roleArn: { 'Fn::GetAtt': [expect.stringMatching(/^LoggingCloudWatchRole/), 'Arn'] },
    });
    expect(custom.DependsOn).toEqual(expect.arrayContaining([
      expect.stringMatching(/^LoggingCloudWatchRoleDefaultPolicy/), expect.stringMatching(/^LoggingLogGroup/),
    ]));
  });

  test('the handler may pass that role to Bedrock only', () => {
    const { template } = setup(() => ({ cloudWatch: {} }));
    const handlerPolicy = Object.values(template.findResources('AWS::IAM::Policy'))
      .find((p: any) => /BedrockInvocationLoggingProviderHandlerRole/.test(p.Properties.PolicyName)) as any;
    expect(handlerPolicy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      {
        Action: 'iam:PassRole',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^LoggingCloudWatchRole/), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      },
      {
        Action: ['bedrock:GetModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration'],
        Effect: 'Allow',
        Resource: '*',
      },
    ]));
  });

  test('a large data bucket gets the same bucket policy statement under its prefix', () => {
    const { template, resource } = setup((stack) => ({ cloudWatch: { largeDataBucket: new s3.Bucket(stack, 'Large'), largeDataKeyPrefix: 'large' } }));
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0] as any;
    expect(policy.Properties.PolicyDocument.Statement[0]).toMatchObject({
      Action: 's3:PutObject',
      Condition: SOURCE_CONDITIONS,
      Resource: { 'Fn::Join': ['', [expect.anything(), `/large/AWSLogs/${ENV.account}/BedrockModelInvocationLogs/*`]] },
    });
    expect(resource()[1].Properties.loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config).toEqual({ bucketName: { Ref: expect.stringMatching(/^Large/) }, keyPrefix: 'large' });
  });

  test('a given log group is used as it is; retention is for created ones only', () => {
    const { template } = setup((stack) => ({ cloudWatch: { logGroup: logs.LogGroup.fromLogGroupName(stack, 'G', '/existing/group') } }));
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup')).filter((id) => id.startsWith('Logging'))).toEqual([]);
    expect(() => setup((stack) => ({ cloudWatch: { logGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'g'), retention: logs.RetentionDays.ONE_DAY } })))
      .toThrow('Stack/Logging: cloudWatch.retention applies to a log group the construct creates, not to cloudWatch.logGroup. Set the retention where');
  });
});

describe('KMS', () => {
  test('the key encrypts the created bucket and log group, and its policy lets Bedrock and CloudWatch Logs use it', () => {
    const { template, resource } = setup((stack) => ({ s3: {}, cloudWatch: {}, encryptionKey: new kms.Key(stack, 'Key') }));
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } } }] },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    const key = Object.values(template.findResources('AWS::KMS::Key'))[0] as any;
    expect(key.Properties.KeyPolicy.Statement).toEqual(expect.arrayContaining([
      { Action: 'kms:GenerateDataKey', Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Resource: '*', Condition: SOURCE_CONDITIONS },
      expect.objectContaining({
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Principal: { Service: { 'Fn::Join': ['', [`logs.${ENV.region}.`, { Ref: 'AWS::URLSuffix' }]] } },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:${ENV.region}:${ENV.account}:log-group:*`]] } } },
      }),
    ]));
    expect(resource()[1].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^Key/)]));
  });
});

describe('props', () => {
  test('data types and taking over', () => {
    const { resource } = setup(() => ({ s3: {}, imageData: false, videoData: false, audioData: false, takeOverExistingConfiguration: true }));
    expect(resource()[1].Properties).toMatchObject({
      loggingConfig: {
        textDataDeliveryEnabled: true,
        imageDataDeliveryEnabled: false,
        embeddingDataDeliveryEnabled: true,
        videoDataDeliveryEnabled: false,
        audioDataDeliveryEnabled: false,
      },
      takeOverExistingConfiguration: true,
    });
  });


  test('options that need what is not there are refused', () => {
    expect(() => setup((stack) => ({ s3: { bucket: new s3.Bucket(stack, 'B'), serverAccessLogsBucket: new s3.Bucket(stack, 'A') } })))
      .toThrow(/^Stack\/Logging: s3\.serverAccessLogsBucket and s3\.serverAccessLogsPrefix apply to a bucket the construct creates, not to s3\.bucket\. /);
    expect(() => setup(() => ({ cloudWatch: { largeDataKeyPrefix: 'x' } }))).toThrow('Stack/Logging: cloudWatch.largeDataKeyPrefix needs cloudWatch.largeDataBucket. Set cloudWatch.largeDataBucket');
  });

  test('one provider per stack, with one handler', () => {
    const { template } = setup(() => ({ s3: {} }));
    template.resourceCountIs('AWS::Lambda::Function', 2); // the handler and the Provider framework's onEvent
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.loggingOnEvent', Runtime: 'nodejs22.x' });
  });
});

describe('one configuration per account and region', () => {
  test('two in the same environment is an error that names both', () => {
    const app = new App();
    new InvocationLogging(new Stack(app, 'A', { env: ENV }), 'Logging', { s3: {} });
    const second = new Stack(app, 'B', { env: ENV });
    new InvocationLogging(second, 'Logging', { s3: {} });
    expect(() => app.synth()).toThrow(/B\/Logging and A\/Logging both configure model invocation logging of account 123456789012 in us-east-1/);
  });

  test('other regions are fine', () => {
    const app = new App();
    new InvocationLogging(new Stack(app, 'A', { env: ENV }), 'Logging', { s3: {} });
    new InvocationLogging(new Stack(app, 'B', { env: { ...ENV, region: 'eu-west-1' } }), 'Logging', { s3: {} });
    expect(() => app.synth()).not.toThrow();
  });

  test('environment-agnostic stacks get a warning', () => {
    const app = new App();
    new InvocationLogging(new Stack(app, 'A'), 'Logging', { s3: {} });
    const second = new Stack(app, 'B');
    new InvocationLogging(second, 'Logging', { s3: {} });
    Annotations.fromStack(second).hasWarning('/B/Logging', Match.stringLikeRegexp('^B/Logging and A/Logging may configure model invocation logging of the same account and region'));
  });

  test('isInvocationLogging', () => {
    const { logging, stack } = setup(() => ({ s3: {} }));
    expect(InvocationLogging.isInvocationLogging(logging)).toBe(true);
    expect(InvocationLogging.isInvocationLogging(stack)).toBe(false);
  });
});
