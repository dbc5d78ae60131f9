/*
 * The local CloudFormation engine's template evaluation: parameters, pseudo
 * parameters, conditions, intrinsic functions, rules, synthetic physical ids
 * and attributes, dependency order. Hand-written templates of native
 * resources only (nothing runs).
 */
import { LocalCloudFormation, StackEvent, SynthesizedStack, Template, ValidationError } from '../../emulator/cloudformation';

const STACK = 'TemplateStack';

async function deployTemplate(template: Template, parameters?: Record<string, string>) {
  const events: StackEvent[] = [];
  const engine = new LocalCloudFormation({ region: 'eu-west-1', accountId: '111122223333', onProgress: (e) => events.push(e) });
  const result = await engine.deploy(SynthesizedStack.fromTemplate(STACK, template), { parameters });
  return { engine, result, events };
}

const TEMPLATE: Template = {
  Parameters: {
    Stage: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
    Sizes: { Type: 'CommaDelimitedList', Default: 'small, medium,large' },
  },
  Mappings: { Regions: { 'eu-west-1': { Short: 'euw1' } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    DevInEurope: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }, false] }] },
  },
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': '${AWS::StackName}-${Stage}-topic' } } },
    Role: { Type: 'AWS::IAM::Role', Properties: { Path: '/service/' } },
    Bucket: { Type: 'AWS::S3::Bucket', DependsOn: 'Queue' },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Join': ['-', [{ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Short'] }, 'jobs']] } } },
    ProdOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
    Key: { Type: 'AWS::KMS::Key' },
    Thing: { Type: 'AWS::Example::Widget', Properties: { Owner: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
  },
  Outputs: {
    Partition: { Value: { 'Fn::Sub': '${AWS::Partition}:${AWS::AccountId}:${AWS::URLSuffix}' } },
    StackId: { Value: { Ref: 'AWS::StackId' } },
    TopicRef: { Value: { Ref: 'Topic' } },
    TopicName: { Value: { 'Fn::GetAtt': 'Topic.TopicName' } },
    RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } },
    BucketArn: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] } },
    QueueUrl: { Value: { Ref: 'Queue' } },
    KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] } },
    Second: { Value: { 'Fn::Select': [1, { Ref: 'Sizes' }] } },
    Split: { Value: { 'Fn::Select': ['2', { 'Fn::Split': ['/', 'a/b/c'] }] } },
    Zone: { Value: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } },
    Literal: { Value: { 'Fn::Sub': ['${!Literal} ${Name} in ${Bucket.Arn}', { Name: { Ref: 'Stage' } }] } },
    Choice: { Value: { 'Fn::If': ['DevInEurope', 'dev-eu', 'other'] } },
    Dropped: { Value: { 'Fn::Join': [',', ['a', { 'Fn::If': ['IsProd', 'b', { Ref: 'AWS::NoValue' }] }, 'c']] } },
    Encoded: { Value: { 'Fn::Base64': 'hi' } },
    Generic: { Value: { 'Fn::GetAtt': ['Thing', 'Arn'] } },
    GenericOther: { Value: { 'Fn::GetAtt': ['Thing', 'Endpoint'] } },
    ProdQueue: { Condition: 'IsProd', Value: { Ref: 'ProdOnly' } },
  },
};

describe('template evaluation', () => {
  let deployed: Awaited<ReturnType<typeof deployTemplate>>;
  beforeAll(async () => {
    deployed = await deployTemplate(TEMPLATE);
  });

  test('resolves parameters, pseudo parameters, mappings and every supported intrinsic', () => {
    const { engine, result } = deployed;
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(engine.outputs).toEqual({
      Partition: 'aws:111122223333:amazonaws.com',
      StackId: expect.stringMatching(new RegExp(`^arn:aws:cloudformation:eu-west-1:111122223333:stack/${STACK}/[0-9a-f-]{36}$`)),
      TopicRef: `arn:aws:sns:eu-west-1:111122223333:${STACK}-dev-topic`,
      TopicName: `${STACK}-dev-topic`,
      RoleArn: `arn:aws:iam::111122223333:role/service/${engine.resource('Role').physicalId}`,
      BucketArn: `arn:aws:s3:::${engine.resource('Bucket').physicalId}`,
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/euw1-jobs',
      KeyArn: `arn:aws:kms:eu-west-1:111122223333:key/${engine.resource('Key').physicalId}`,
      Second: 'medium',
      Split: 'c',
      Zone: 'eu-west-1a',
      Literal: `\${Literal} dev in arn:aws:s3:::${engine.resource('Bucket').physicalId}`,
      Choice: 'dev-eu',
      Dropped: 'a,c',
      Encoded: 'aGk=',
      Generic: `arn:aws:example:eu-west-1:111122223333:widget/${engine.resource('Thing').physicalId}`,
      GenericOther: `${engine.resource('Thing').physicalId}.Endpoint`,
    });
  });

  test('generates names as CloudFormation does, within each type\'s rules', () => {
    const { engine } = deployed;
    expect(engine.resource('Role').physicalId).toMatch(new RegExp(`^${STACK}-Role-[A-Z0-9]{12}$`));
    expect(engine.resource('Bucket').physicalId).toMatch(/^[a-z0-9-]{1,63}$/);
    expect(engine.resource('Key').physicalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(engine.resource('Role').attributes.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
  });

  test('skips resources whose condition is false and follows DependsOn and references', () => {
    const { engine, events } = deployed;
    expect(engine.resources.map((r) => r.logicalId)).not.toContain('ProdOnly');
    const created = events.filter((e) => e.status === 'CREATE_COMPLETE' && e.logicalId !== STACK).map((e) => e.logicalId);
    expect(created).toEqual(['Topic', 'Role', 'Queue', 'Bucket', 'Key', 'Thing']);
  });

  test('takes given parameters and evaluates conditions with them', async () => {
    const { engine } = await deployTemplate(TEMPLATE, { Stage: 'prod' });
    expect(engine.outputs).toMatchObject({ Choice: 'other', Dropped: 'a,b,c', ProdQueue: engine.resource('ProdOnly').physicalId });
  });
});

describe('what the engine rejects before it starts', () => {
  const rejects = (template: Template, parameters?: Record<string, string>) =>
    new LocalCloudFormation().deploy(SynthesizedStack.fromTemplate(STACK, template), { parameters });

  test('an unsupported intrinsic, naming it and the resource', async () => {
    const template = { Resources: { Subnets: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] } } } } };
    await expect(rejects(template)).rejects.toThrow(new ValidationError('Template error: Fn::Cidr is not supported by the local engine (resource Subnets)'));
  });

  test('parameters without values, unknown or not allowed', async () => {
    const template: Template = { Parameters: { Name: { Type: 'String', AllowedValues: ['a'] } }, Resources: { Q: { Type: 'AWS::SQS::Queue' } } };
    await expect(rejects(template)).rejects.toThrow('Parameters: [Name] must have values');
    await expect(rejects(template, { Name: 'b' })).rejects.toThrow("Parameter 'Name' must be one of AllowedValues");
    await expect(rejects(template, { Name: 'a', Other: 'x' })).rejects.toThrow('Parameters: [Other] do not exist in the template');
  });

  test('a failing rule, with its description', async () => {
    const template: Template = {
      Parameters: { Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
      Rules: { Check: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '30'], { Ref: 'Version' }] }] }, AssertDescription: 'Bootstrap too old' }] } },
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
    };
    await expect(rejects(template)).rejects.toThrow('Bootstrap too old');
  });

  test('a dependency cycle', async () => {
    const template: Template = { Resources: { A: { Type: 'AWS::SQS::Queue', DependsOn: 'B' }, B: { Type: 'AWS::SQS::Queue', Properties: { X: { Ref: 'A' } } } } };
    await expect(rejects(template)).rejects.toThrow('circular dependency between resources: [A, B]');
  });

  test('an attribute the type does not have fails the resource, not the engine', async () => {
    const { result } = await deployTemplate({ Resources: { Q: { Type: 'AWS::SQS::Queue' }, T: { Type: 'AWS::SNS::Topic', Properties: { X: { 'Fn::GetAtt': ['Q', 'Nope'] } } } } });
    expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', reason: 'Template error: resource Q of type AWS::SQS::Queue has no attribute Nope' });
  });
});
