/*
 * Integration test of what the library assumes of CloudFormation's stack
 * updates (the ledger's engine rows): integ-runner deploys one version of an
 * app, so a probe creates, updates and deletes small stacks of its own through
 * CloudFormation's API during the deployment, and reads what the updates did.
 * - An update of an AWS::Events::Rule enables again a rule disabled since (L-46).
 * - In an update rollback, a custom resource the update replaced gets its old
 *   physical resource back with no request, the replacement a Delete; one
 *   updated in place gets an Update back (L-49). Its requests are recorded in
 *   a table by the provider's handler (functions/request-recorder).
 * - A rule updated with other targets lists them at once and sends to them
 *   within a minute (L-47); the recorder records the events it gets.
 * - A rate schedule enabled again keeps the phase of its creation (L-48).
 * - An eventually consistent read two seconds after a write reads it (L-52).
 * No Bedrock resource; free (a rule, a table, functions, for the minutes the test lasts).
 */
import * as path from 'path';
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, aws_dynamodb as dynamodb, aws_iam as iam, aws_lambda as lambda, custom_resources as cr } from 'aws-cdk-lib';
import { Probe, SequenceStep } from './probe';

const app = new App();
const stack = new Stack(app, 'BedrockStackUpdatesInteg');
const integ = new IntegTest(app, 'StackUpdates', { testCases: [stack] });
const probe = new Probe(stack, 'Probe', integ);

/** The probe's stacks, named after this one, so that its role can name them. */
const stackName = (suffix: string) => `${stack.stackName}-${suffix}`;
const SETTLED = '_(COMPLETE|FAILED)$';
/** DescribeStacks of the stack step 0 created, until its operation ends: its status. */
const settled: SequenceStep = { client: 'cloudformation', command: 'DescribeStacks', input: { StackName: '{{0}}' }, report: 'Stacks.0.StackStatus', until: SETTLED };
const deleted: SequenceStep[] = [{ client: 'cloudformation', command: 'DeleteStack', input: { StackName: '{{0}}' } }, settled];
/** What CloudFormation does with the probe's credentials, which it uses for the probe's stacks (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html). */
const operating = (...suffixes: string[]) => new iam.PolicyStatement({
  actions: ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks'],
  resources: suffixes.map((suffix) => stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: `${stackName(suffix)}/*` })),
});

/**
 * What CloudFormation's rule handlers call (https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-events/blob/master/aws-events-rule/aws-events-rule.json)
 * on the rule `name`, and `probing`, the probe's own calls on it.
 */
const handlingRule = (name: string, ...probing: string[]) => new iam.PolicyStatement({
  actions: ['events:PutRule', 'events:PutTargets', 'events:RemoveTargets', 'events:DeleteRule', 'events:ListTargetsByRule', 'events:DescribeRule', ...probing],
  resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: name })],
});

// ledger: L-46 (an update of a rule runs PutRule with the template's State: a rule disabled since is enabled again)
const RULE = stackName('probe-rule');
const ruleTemplate = (description: string) => JSON.stringify({
  Resources: { Rule: { Type: 'AWS::Events::Rule', Properties: { Name: RULE, Description: description, EventPattern: { source: ['integ.probe'] } } } },
});
probe.expectDuring('RuleUpdate', [
  { client: 'cloudformation', command: 'CreateStack', input: { StackName: stackName('Rule'), TemplateBody: ruleTemplate('v1') }, answer: 'StackId' },
  settled,
  { client: 'eventbridge', command: 'DisableRule', input: { Name: RULE } },
  { client: 'cloudformation', command: 'UpdateStack', input: { StackName: '{{0}}', TemplateBody: ruleTemplate('v2') } },
  settled,
  { client: 'eventbridge', command: 'DescribeRule', input: { Name: RULE }, report: 'State' },
  ...deleted,
], [
  operating('Rule'),
  handlingRule(RULE, 'events:DisableRule'),
], 'ok,CREATE_COMPLETE,ok,ok,UPDATE_COMPLETE,ENABLED,ok,DELETE_COMPLETE', [], [stackName('Rule')]);

// ledger: L-49 (in an update rollback, the replaced custom resource gets no request, its replacement a Delete; one updated
// in place gets an Update back with its old properties). Replaced answers its Update with another physical id, then
// Failing fails its own: the update rolls back.
const requests = new dynamodb.Table(stack, 'Requests', {
  partitionKey: { name: 'request', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  removalPolicy: RemovalPolicy.DESTROY,
});
const recorder = new lambda.Function(stack, 'Recorder', {
  runtime: lambda.Runtime.NODEJS_22_X,
  code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'request-recorder')),
  handler: 'index.handler',
  environment: { TABLE_NAME: requests.tableName },
});
requests.grant(recorder, 'dynamodb:PutItem');
const provider = new cr.Provider(stack, 'RecorderProvider', { onEventHandler: recorder });
const recorded = (properties: Record<string, unknown>) => ({
  Type: 'Custom::Recorded', Properties: { ServiceToken: { Ref: 'ServiceToken' }, Version: { Ref: 'Version' }, ...properties },
});
const rollbackTemplate = JSON.stringify({
  Parameters: { ServiceToken: { Type: 'String' }, Version: { Type: 'String' }, Fail: { Type: 'String' } },
  Resources: { Replaced: recorded({ Replace: 'true' }), Failing: { ...recorded({ Fail: { Ref: 'Fail' } }), DependsOn: 'Replaced' } },
});
const parameters = (version: string, fail: string) => [
  { ParameterKey: 'ServiceToken', ParameterValue: provider.serviceToken },
  { ParameterKey: 'Version', ParameterValue: version },
  { ParameterKey: 'Fail', ParameterValue: fail },
];
/** How many requests the stack of step 0 sent whose entry starts with `prefix`. */
const count = (prefix: string): SequenceStep => ({
  client: 'dynamodb',
  command: 'Scan',
  input: {
    TableName: requests.tableName,
    ConsistentRead: true,
    Select: 'COUNT',
    FilterExpression: '#stack = :stack AND begins_with(#entry, :prefix)',
    ExpressionAttributeNames: { '#stack': 'stack', '#entry': 'entry' },
    ExpressionAttributeValues: { ':stack': { S: '{{0}}' }, ':prefix': { S: prefix } },
  },
  report: 'Count',
});
probe.expectDuring('ReplacedRollback', [
  {
    client: 'cloudformation',
    command: 'CreateStack',
    input: { StackName: stackName('Replaced'), TemplateBody: rollbackTemplate, Parameters: parameters('1', 'false') },
    answer: 'StackId',
  },
  settled,
  { client: 'cloudformation', command: 'UpdateStack', input: { StackName: '{{0}}', UsePreviousTemplate: true, Parameters: parameters('2', 'true') } },
  settled,
  count('Update Replaced '),
  count('Delete Replaced Replaced-2 '),
  count('Update Failing Failing-1 v1'),
  ...deleted,
], [
  operating('Replaced'),
  // CloudFormation invokes the provider with the probe's credentials.
  new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [provider.serviceToken] }),
  new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [requests.tableArn] }),
], 'ok,CREATE_COMPLETE,ok,UPDATE_ROLLBACK_COMPLETE,1,1,1,ok,DELETE_COMPLETE', [], [stackName('Replaced')]);

// ledger: L-47 (a rule updated with other targets lists the new ones at once, and sends to them within a minute; here the
// rule's target, the recorder, is put anew with another Id and Input). Whether the old target still gets events
// meanwhile is not asserted: an account that changes sooner would fail for nothing.
const TARGETS_RULE = stackName('targets-rule');
/**
 * A stack of a rule `name` (`properties`: its pattern or schedule) whose target is the recorder, given by the parameter
 * Recorder: the target's Id is the parameter Version, its Input names the stack and the version.
 */
const recordedRuleTemplate = (name: string, properties: Record<string, unknown>) => JSON.stringify({
  Parameters: { Recorder: { Type: 'String' }, Version: { Type: 'String' } },
  Resources: {
    Rule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: name,
        ...properties,
        Targets: [{ Id: { Ref: 'Version' }, Arn: { Ref: 'Recorder' }, Input: { 'Fn::Sub': '{"stack":"${AWS::StackId}","version":"${Version}"}' } }],
      },
    },
    Invoke: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Recorder' }, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['Rule', 'Arn'] } },
    },
  },
});
const targetsTemplate = recordedRuleTemplate(TARGETS_RULE, { EventPattern: { 'source': ['integ.probe'], 'detail-type': ['targets'] } });
/** What CloudFormation needs to let the rule invoke the recorder, and the probe to count what the recorder recorded. */
const recording = [
  new iam.PolicyStatement({ actions: ['lambda:AddPermission', 'lambda:RemovePermission'], resources: [recorder.functionArn] }),
  new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [requests.tableArn] }),
];
const targetParameters = (version: string) => [
  { ParameterKey: 'Recorder', ParameterValue: recorder.functionArn },
  { ParameterKey: 'Version', ParameterValue: version },
];
probe.expectDuring('TargetChange', [
  {
    client: 'cloudformation',
    command: 'CreateStack',
    input: { StackName: stackName('Targets'), TemplateBody: targetsTemplate, Parameters: targetParameters('v1') },
    answer: 'StackId',
  },
  settled,
  { client: 'cloudformation', command: 'UpdateStack', input: { StackName: '{{0}}', UsePreviousTemplate: true, Parameters: targetParameters('v2') } },
  settled,
  { client: 'eventbridge', command: 'ListTargetsByRule', input: { Rule: TARGETS_RULE }, report: 'Targets.0.Id' },
  {
    client: 'eventbridge',
    command: 'PutEvents',
    after: 70,
    input: { Entries: [{ Source: 'integ.probe', DetailType: 'targets', Detail: '{}' }] },
    report: 'FailedEntryCount',
  },
  { ...count('Event v2'), until: '^[1-9]' },
  count('Event v1'),
  ...deleted,
], [
  operating('Targets'),
  handlingRule(TARGETS_RULE),
  ...recording,
  new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' })] }),
], 'ok,CREATE_COMPLETE,ok,UPDATE_COMPLETE,v2,0,[1-9],0,ok,DELETE_COMPLETE', [], [stackName('Targets')]);

// ledger: L-48 (a rate schedule enabled again keeps the phase of the rule's creation). The rule fires every 8 minutes; it
// is disabled once its stack is created (CloudFormation's rule handler takes a minute or two), and enabled again 10
// minutes later, about 12 minutes after its creation (one and a half periods): on its creation's phase it fires about
// 4 minutes later, counted from its enabling a whole period (8 minutes) later. Events are counted 6.25 minutes after the
// enabling, with a minute's margin either way: EventBridge fires schedules to the minute
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html). Two calls of the probe,
// each within its 14 minutes.
const SCHEDULE_RULE = stackName('schedule-rule');
const scheduleTemplate = recordedRuleTemplate(SCHEDULE_RULE, { ScheduleExpression: 'rate(8 minutes)' });
const scheduling = [operating('Schedule'), handlingRule(SCHEDULE_RULE, 'events:DisableRule', 'events:EnableRule'), ...recording];
const disabled = probe.expectDuring('ScheduleDisabled', [
  {
    client: 'cloudformation',
    command: 'CreateStack',
    input: { StackName: stackName('Schedule'), TemplateBody: scheduleTemplate, Parameters: targetParameters('tick') },
  },
  { ...settled, input: { StackName: stackName('Schedule') } },
  { client: 'eventbridge', command: 'DisableRule', input: { Name: SCHEDULE_RULE } },
  { client: 'eventbridge', command: 'DescribeRule', input: { Name: SCHEDULE_RULE }, report: 'State', after: 7 * 60 },
], scheduling, 'ok,CREATE_COMPLETE,ok,DISABLED', [], [stackName('Schedule')]);
probe.expectDuring('ScheduleEnabled', [
  { client: 'cloudformation', command: 'DescribeStacks', input: { StackName: stackName('Schedule') }, answer: 'Stacks.0.StackId' },
  count('Event tick'),
  { client: 'eventbridge', command: 'EnableRule', input: { Name: SCHEDULE_RULE }, after: 3 * 60 },
  // Not at once on its enabling, which would pass for the creation's phase below.
  { ...count('Event tick'), after: 75 },
  { ...count('Event tick'), after: 5 * 60 },
  ...deleted,
], scheduling, 'ok,0,ok,0,[1-9],ok,DELETE_COMPLETE', [disabled], [stackName('Schedule')]);

// ledger: L-52 (an eventually consistent read may return an item as it was before its last write, for under a second:
// two seconds after the write, it reads the write). Whether a read within the second is stale cannot be made to happen.
const item = { request: { S: 'integ-probe-read' } };
const read = { client: 'dynamodb' as const, command: 'GetItem', input: { TableName: requests.tableName, Key: item }, report: 'Item.entry.S' };
probe.expectDuring('EventualRead', [
  { client: 'dynamodb', command: 'PutItem', input: { TableName: requests.tableName, Item: { ...item, stack: { S: '-' }, entry: { S: 'first' } } } },
  { client: 'dynamodb', command: 'PutItem', input: { TableName: requests.tableName, Item: { ...item, stack: { S: '-' }, entry: { S: 'second' } } } },
  { ...read, after: 2 },
  read,
  read,
  { client: 'dynamodb', command: 'DeleteItem', input: { TableName: requests.tableName, Key: item } },
], new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'], resources: [requests.tableArn] }),
'ok,ok,second,second,second,ok', []);

app.synth();
