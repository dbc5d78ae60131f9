/*
 * Waiting for a job longer than a custom resource can: the wait condition,
 * its handle, the job's two rules, the stack's watcher and the job result
 * resource, as the template holds them.
 */
import { App, Duration, Stack, Tags, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BaseModel, ValidationData } from '../../src';
import { addJob, ENV, jobOnBucketSetup as setup } from '../support/job-stack';
import { withProvenance } from '../support/provenance';

const JOB = 'Custom::BedrockModelCustomizationJob';
const RESULT = 'Custom::BedrockModelCustomizationJobResult';
const CONDITION = 'AWS::CloudFormation::WaitCondition';
const HANDLE = 'AWS::CloudFormation::WaitConditionHandle';
const RULE = 'AWS::Events::Rule';

function ids(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type));
}

describe('the tier follows completionTimeout', () => {
  test('up to 55 minutes the job resource polls: no condition', () => {
    const template = setup({ completionTimeout: Duration.minutes(55) }).template();
    template.hasResourceProperties(JOB, { completionTimeoutSeconds: 3300 });
    template.resourceCountIs(CONDITION, 0);
    template.resourceCountIs(RESULT, 0);
  });

  test('above 55 minutes a wait condition waits, and the job resource completes once the job is accepted', () => {
    const template = setup({ completionTimeout: Duration.hours(5) }).template();
    template.hasResourceProperties(JOB, { completionTimeoutSeconds: Match.absent() });
    template.resourceCountIs(CONDITION, 1);
    template.resourceCountIs(HANDLE, 1);
    // The timeout and a margin of 11 minutes: a job that ends at its timeout is read by the fallback up to 10 minutes later.
    template.hasResourceProperties(CONDITION, { Count: 1, Timeout: String(5 * 3600 + 11 * 60), Handle: { Ref: Match.stringLikeRegexp('^JobCompletionHandle') } });
  });

  test('12 hours: the margin stops at the longest Timeout of a wait condition, 43,200 seconds', () => {
    setup({ completionTimeout: Duration.hours(12) }).template().hasResourceProperties(CONDITION, { Timeout: '43200' });
    setup({ completionTimeout: Duration.minutes(11 * 60 + 50) }).template().hasResourceProperties(CONDITION, { Timeout: '43200' });
  });

  test('the handle comes before its job, which gets its URL, and after what the job waits for (its URL expires a day after its creation)', () => {
    const template = setup({ completionTimeout: Duration.hours(5) }).template();
    const [handle] = ids(template, HANDLE);
    template.hasResourceProperties(JOB, { waitHandleUrl: { Ref: handle }, waitSeconds: 5 * 3600 });
    expect(template.toJSON().Resources[handle].DependsOn).toBeUndefined();

    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const first = addJob(stack, 'First', { completionTimeout: Duration.hours(5) });
    addJob(stack, 'Second', { completionTimeout: Duration.hours(5), baseModel: BaseModel.fromCustomModel(first.outputModel) });
    const chain = Template.fromStack(stack).toJSON().Resources;
    const secondHandle = Object.keys(chain).find((id) => id.startsWith('SecondCompletionHandle'))!;
    expect(chain[secondHandle].DependsOn).toEqual([expect.stringMatching(/^FirstCompletionResult/)]);
  });

  test('the job resource carries the wait\'s generation, and a polled job none', () => {
    const waited = setup({ completionTimeout: Duration.hours(5) }).template();
    const [condition] = ids(waited, CONDITION);
    waited.hasResourceProperties(JOB, { waitGeneration: condition.slice(-8) });
    setup({ completionTimeout: Duration.minutes(30) }).template().hasResourceProperties(JOB, { waitGeneration: Match.absent() });
  });
});

describe('the stack\'s slot queue: its table, its rules and the watcher', () => {
  test('one table, a fallback rule and a rule on every job\'s final state change of the Region, for any number of waited jobs', () => {
    const { stack } = setup({ completionTimeout: Duration.hours(5) });
    addJob(stack, 'Second', { completionTimeout: Duration.hours(2) });
    const template = Template.fromStack(stack);
    template.resourceCountIs(CONDITION, 2);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    template.resourceCountIs(RULE, 2);
    const watcher = { 'Fn::GetAtt': [Match.stringLikeRegexp('^BedrockModelCustomizationJobProviderQueueWatcher'), 'Arn'] };
    template.hasResourceProperties(RULE, {
      Name: Match.stringLikeRegexp('^bedrock-slots-[0-9a-f]{8}-job-fallback$'),
      ScheduleExpression: 'rate(10 minutes)',
      State: 'ENABLED',
      // The event itself: the watcher tells a job's end from the schedule.
      Targets: [{ Arn: watcher, Id: 'Target0' }],
    });
    template.hasResourceProperties(RULE, {
      Name: Match.stringLikeRegexp('^bedrock-slots-[0-9a-f]{8}-job-events$'),
      EventPattern: {
        'source': ['aws.bedrock'],
        'detail-type': ['Model Customization Job State Change'],
        'detail': { jobStatus: ['Completed', 'Failed', 'Stopped'] },
      },
      Targets: [{ Arn: watcher, Id: 'Target0' }],
    });
    // Exactly: hasResourceProperties matches nested objects loosely, and a narrower pattern (this stack's jobs only) would miss the slots others free.
    const patterns = Object.values(template.findResources(RULE)).flatMap((r) => (r.Properties.EventPattern ? [r.Properties.EventPattern] : []));
    expect(patterns).toEqual([{
      'source': ['aws.bedrock'],
      'detail-type': ['Model Customization Job State Change'],
      'detail': { jobStatus: ['Completed', 'Failed', 'Stopped'] },
    }]);
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Handler === 'index.jobWatcher');
    expect(functions).toHaveLength(1);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':rule/bedrock-slots-[0-9a-f]{8}-job-\\*$')])] },
    });
  });

  test('the watcher is the job provider\'s, with its role; the role may use the table\'s items and enable or disable the fallback, nothing more', () => {
    const template = setup({ completionTimeout: Duration.hours(5) }).template();
    const [watcher] = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Handler === 'index.jobWatcher');
    expect(watcher.Properties.Role).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^BedrockModelCustomizationJobProviderHandlerRole/), 'Arn'] });
    // Its kind is its handler's (index.jobWatcher); its environment names the queue and the kind's fallback rule.
    expect(watcher.Properties.Environment.Variables).toEqual({
      BEDROCK_SLOT_QUEUE_FALLBACK_RULE: expect.stringMatching(/-job-fallback$/),
      BEDROCK_SLOT_QUEUE_TABLE: { Ref: expect.stringMatching(/^BedrockSlotQueueTable/) },
    });
    const policy = Object.values(template.findResources('AWS::IAM::Policy'))
      .find((p) => JSON.stringify(p.Properties.Roles).includes('BedrockModelCustomizationJobProviderHandlerRole'))!;
    const statements = policy.Properties.PolicyDocument.Statement;
    // The table's items, and the kind's fallback rule: enabled and disabled.
    const queueGrants = [
      {
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^BedrockSlotQueueTable/), 'Arn'] },
      },
      {
        Action: ['events:EnableRule', 'events:DisableRule'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', expect.arrayContaining([expect.stringMatching(/:rule\/bedrock-slots-[0-9a-f]{8}-job-fallback$/)])] },
      },
    ];
    expect(statements).toEqual(expect.arrayContaining(queueGrants));
    // Nothing more of DynamoDB or EventBridge than these two statements.
    const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();
    const queueStatements = statements.filter((st: { Action: string | string[] }) => actionsOf(st).some((a) => /^(dynamodb|events):/.test(a)));
    expect(queueStatements).toEqual(queueGrants);
  });
});

describe('the condition and the result', () => {
  test('the condition waits for the job, which registers it; the result comes after the condition and reads the job by its name', () => {
    const template = setup({ completionTimeout: Duration.hours(5) }).template();
    const [condition] = ids(template, CONDITION);
    expect(template.toJSON().Resources[condition].DependsOn).toEqual([expect.stringMatching(/^Job[0-9A-F]{8}$/)]);
    template.hasResource(RESULT, {
      DependsOn: [condition],
      Properties: { jobName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Job'), 'JobName'] }, jobPhysicalId: { Ref: Match.stringLikeRegexp('^Job') } },
    });
  });

  test('the job\'s ARN comes from the result too: a job that waited for a slot has none until it starts', () => {
    const { job, stack } = setup({ completionTimeout: Duration.hours(3) });
    expect(stack.resolve(job.jobArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^JobCompletionResult/), 'JobArn'] });
    const polled = setup({ completionTimeout: Duration.minutes(30) });
    expect(polled.stack.resolve(polled.job.jobArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job[0-9A-F]{8}$/), 'JobArn'] });
  });

  test('outputModel and the metrics come from the result', () => {
    const { job, stack } = setup({
      completionTimeout: Duration.hours(3),
      validationData: [ValidationData.fromBucket(s3.Bucket.fromBucketName(stack0(), 'B', 'validation-bucket'), 'v.jsonl')],
    });
    const result = /^JobCompletionResult/;
    expect(stack.resolve(job.outputModel.modelArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(result), 'OutputModelArn'] });
    expect(stack.resolve(job.trainingLoss)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(result), 'TrainingLoss'] });
    expect(stack.resolve(job.validationLoss(0))).toEqual({ 'Fn::GetAtt': [expect.stringMatching(result), 'ValidationLoss0'] });
  });

  test('the result gets the custom model tags, Tags.of() included, and may tag the model', () => {
    const { job, template } = setup({ completionTimeout: Duration.hours(3), customModelTags: { team: 'ml' } });
    Tags.of(job).add('cost-center', '42');
    template().hasResourceProperties(RESULT, {
      customModelTags: withProvenance('Stack/Job', [{ key: 'cost-center', value: '42' }, { key: 'team', value: 'ml' }]),
    });
    // The job result's own role: the job's provider tags too, so the whole template would prove nothing.
    const resultPolicies = Object.values(template().findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('BedrockModelCustomizationJobResultProviderHandlerRole'));
    expect(resultPolicies).toHaveLength(1);
    expect(JSON.stringify(resultPolicies)).toContain('bedrock:TagResource');
  });
});

describe('logical ids: a wait condition cannot be updated', () => {
  const conditionAndHandle = (template: Template) => [...ids(template, CONDITION), ...ids(template, HANDLE)];

  test('they change with a new job and with a new timeout, and not with tags', () => {
    const base = conditionAndHandle(setup({ completionTimeout: Duration.hours(5) }).template());
    expect(conditionAndHandle(setup({ completionTimeout: Duration.hours(5) }).template())).toEqual(base);
    expect(conditionAndHandle(setup({ completionTimeout: Duration.hours(5), jobTags: { a: 'b' }, customModelTags: { c: 'd' } }).template())).toEqual(base);
    const retrained = conditionAndHandle(setup({ completionTimeout: Duration.hours(5), hyperParameters: { epochCount: '2' } }).template());
    const longer = conditionAndHandle(setup({ completionTimeout: Duration.hours(6) }).template());
    for (const other of [retrained, longer]) {
      expect(other).toHaveLength(2);
      for (const id of other) expect(base).not.toContain(id);
    }
  });

  test('the stack\'s rules and the result keep theirs', () => {
    const rulesAndResult = (template: Template) => [...ids(template, RULE), ...ids(template, RESULT),
      ...Object.values(template.findResources(RULE)).map((r) => r.Properties.Name)];
    const base = setup({ completionTimeout: Duration.hours(5) }).template();
    expect(rulesAndResult(setup({ completionTimeout: Duration.hours(6), hyperParameters: { epochCount: '2' } }).template())).toEqual(rulesAndResult(base));
  });
});

describe('the generation follows what the job is created from, through the resources it references', () => {
  const generation = (template: Template) => ids(template, CONDITION)[0].slice(-8);

  test('a role replaced because its name changed: a new generation; a tag on it: none', () => {
    const withRole = (roleName: string, tag?: string) => {
      const stack = new Stack(new App(), 'Stack', { env: ENV });
      const role = new iam.Role(stack, 'JobRole', { roleName, assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
      if (tag) Tags.of(role).add('team', tag);
      addJob(stack, 'Job', { completionTimeout: Duration.hours(5), role });
      return Template.fromStack(stack);
    };
    const base = generation(withRole('tuning-v1'));
    expect(generation(withRole('tuning-v1', 'ml'))).toBe(base);
    expect(generation(withRole('tuning-v2'))).not.toBe(base);
  });

  test('a chain: the second job\'s generation changes when the first job is trained again', () => {
    const chain = (epochs: string) => {
      const stack = new Stack(new App(), 'Stack', { env: ENV });
      const first = addJob(stack, 'First', { completionTimeout: Duration.hours(5), hyperParameters: { epochCount: epochs } });
      addJob(stack, 'Second', { completionTimeout: Duration.hours(5), baseModel: BaseModel.fromCustomModel(first.outputModel) });
      const conditions = Template.fromStack(stack).findResources(CONDITION);
      return Object.keys(conditions).find((id) => id.startsWith('Second'))!.slice(-8);
    };
    expect(chain('2')).not.toBe(chain('3'));
  });

  test('the handler may create jobs from the account\'s custom models: no statement names the first job\'s model, which would be a cycle', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const first = addJob(stack, 'First', { completionTimeout: Duration.hours(5) });
    addJob(stack, 'Second', { baseModel: BaseModel.fromCustomModel(first.outputModel) });
    const template = Template.fromStack(stack);
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('OutputModelArn');
    expect(policies).toContain(':custom-model/*');
  });
});

function stack0() {
  return setup().stack;
}
