/*
 * Waiting for a job longer than a custom resource can: the wait condition,
 * its handle, the job's two rules, the stack's watcher and the job result
 * resource, as the template holds them.
 */
import { Duration, Tags, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ValidationData } from '../src';
import { addJob, jobOnBucketSetup as setup } from './support/job-stack';
import { withProvenance } from './support/provenance';

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
    template.hasResourceProperties(CONDITION, { Count: 1, Timeout: '18000', Handle: { Ref: Match.stringLikeRegexp('^JobCompletionHandle') } });
  });
});

describe('the rules and the watcher', () => {
  test('a state-change rule for the job\'s terminal statuses and a 10-minute fallback, both with constant input', () => {
    const template = setup({ completionTimeout: Duration.hours(5) }).template();
    const jobArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Job'), 'JobArn'] };
    template.hasResourceProperties(RULE, {
      Name: Match.stringLikeRegexp('^bedrock-job-wait-[0-9a-f]{8}-[0-9a-f]{12}-state$'),
      EventPattern: {
        'source': ['aws.bedrock'],
        'detail-type': ['Model Customization Job State Change'],
        'resources': [jobArn],
        'detail': { jobStatus: ['Completed', 'Failed', 'Stopped'] },
      },
    });
    template.hasResourceProperties(RULE, {
      Name: Match.stringLikeRegexp('^bedrock-job-wait-[0-9a-f]{8}-[0-9a-f]{12}-fallback$'),
      ScheduleExpression: 'rate(10 minutes)',
      State: 'ENABLED',
    });
    const rules = Object.values(template.findResources(RULE));
    expect(rules).toHaveLength(2);
    const fallbackName = rules.map((r) => r.Properties.Name).find((n: string) => n.endsWith('-fallback'));
    for (const rule of rules) {
      const input = JSON.stringify(rule.Properties.Targets[0].Input);
      expect(input).toContain('JobArn');
      expect(input).toContain('JobCompletionHandle');
      expect(input).toContain(fallbackName);
      expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/JobWatcherFunction/), 'Arn'] });
    }
  });

  test('one watcher per stack, with one invoke permission covering the rules of all its jobs', () => {
    const { stack } = setup({ completionTimeout: Duration.hours(5) });
    addJob(stack, 'Second', { completionTimeout: Duration.hours(2) });
    const template = Template.fromStack(stack);
    template.resourceCountIs(CONDITION, 2);
    template.resourceCountIs(RULE, 4);
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Handler === 'index.jobWatcher');
    expect(functions).toHaveLength(1);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':rule/bedrock-job-wait-[0-9a-f]{8}-\\*$')])] },
    });
  });

  test('the watcher may read jobs and describe or disable its stack\'s rules, nothing else', () => {
    const template = setup({ completionTimeout: Duration.hours(5) }).template();
    const roles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith('BedrockModelCustomizationJobWatcher'));
    expect(roles).toHaveLength(1);
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) => p.Properties.Roles[0].Ref === roles[0])!;
    const statements = policy.Properties.PolicyDocument.Statement
      .map((s: any) => ({ actions: [s.Action].flat(), resource: JSON.stringify(s.Resource) }));
    expect(statements.map((s: any) => s.actions)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ['bedrock:GetModelCustomizationJob'],
      ['events:DescribeRule', 'events:DisableRule'],
    ]);
    expect(statements[1].resource).toContain(':model-customization-job/*');
    expect(statements[2].resource).toMatch(/:rule\/bedrock-job-wait-[0-9a-f]{8}-\*/);
  });
});

describe('the condition and the result', () => {
  test('the condition waits for the job and its rules; the result comes after the condition', () => {
    const template = setup({ completionTimeout: Duration.hours(5) }).template();
    const [condition] = ids(template, CONDITION);
    const dependsOn: string[] = template.toJSON().Resources[condition].DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Job[0-9A-F]{8}$/), expect.stringMatching(/StateChangeRule/), expect.stringMatching(/FallbackRule/),
    ]));
    template.hasResource(RESULT, {
      DependsOn: [condition],
      Properties: { jobArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Job'), 'JobArn'] }, jobPhysicalId: { Ref: Match.stringLikeRegexp('^Job') } },
    });
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

  test('the rules and the result keep theirs', () => {
    const rulesAndResult = (template: Template) => [...ids(template, RULE), ...ids(template, RESULT)];
    const base = rulesAndResult(setup({ completionTimeout: Duration.hours(5) }).template());
    expect(rulesAndResult(setup({ completionTimeout: Duration.hours(6), hyperParameters: { epochCount: '2' } }).template())).toEqual(base);
  });
});

function stack0() {
  return setup().stack;
}
