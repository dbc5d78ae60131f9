/*
 * CloudFormation's CreateStack and UpdateStack on an engine's local services
 * endpoint, through the real @aws-sdk/client-cloudformation, as a function of
 * the engine's stack calls them (an integration test's probe): the stack runs
 * on that engine's machinery, so its rules are on the same event bus and its
 * custom resources may name the engine's functions; DescribeStacks follows it.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  Parameter,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { useEngines } from './cloudformation-fixtures/engines';
import { ON_EVENT_FUNCTION, RESOURCE_TYPE, synthesizeFixture } from './cloudformation-fixtures/stacks';
import { LocalCloudFormationOptions, SynthesizedStack, Template } from '../../emulator/cloudformation';

const engine = useEngines();
const clients: Array<{ destroy(): void }> = [];
afterAll(() => clients.forEach((client) => client.destroy()));
const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

const ruleTemplate = (description: string): Template => ({
  Resources: { Rule: { Type: 'AWS::Events::Rule', Properties: { Name: 'probe-rule', Description: description, EventPattern: { source: ['integ.probe'] } } } },
});
const HOLDER: Template = { Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } };

/** An engine holding a stack, and a client of its endpoint, as its functions have it. */
async function account(options: LocalCloudFormationOptions = {}) {
  const holder = engine(options);
  expect((await holder.deploy(SynthesizedStack.fromTemplate('Holder', HOLDER))).status).toBe('CREATE_COMPLETE');
  const endpoint = await holder.servicesEndpoint();
  const client = new CloudFormationClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const events = new EventBridgeClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  /** DescribeStacks until the stack's status no longer ends in _IN_PROGRESS (the engine's time runs meanwhile). */
  const settled = async (StackName: string) => {
    for (let i = 0; i < 200; i++) {
      const stack = (await client.send(new DescribeStacksCommand({ StackName }))).Stacks![0];
      if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${StackName} stayed in progress`);
  };
  clients.push(client, events);
  return { holder, client, events, settled };
}

const create = (client: CloudFormationClient, StackName: string, template: Template, more: { Parameters?: Parameter[]; Capabilities?: ('CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM')[] } = {}) =>
  client.send(new CreateStackCommand({ StackName, TemplateBody: JSON.stringify(template), ...more }));

test('CreateStack answers the stack id at once, and the stack is created on the engine\'s event bus; UpdateStack updates it', async () => {
  const { holder, client, settled } = await account();
  const { StackId } = await create(client, 'Rules', ruleTemplate('v1'));
  expect(StackId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/Rules\//);
  expect(await settled('Rules')).toMatchObject({ StackId, StackStatus: 'CREATE_COMPLETE' });
  expect(holder.rule('probe-rule')).toMatchObject({ state: 'ENABLED', description: 'v1' });

  await client.send(new UpdateStackCommand({ StackName: StackId, TemplateBody: JSON.stringify(ruleTemplate('v2')) }));
  expect(await settled('Rules')).toMatchObject({ StackStatus: 'UPDATE_COMPLETE' });
  expect(holder.rule('probe-rule').description).toBe('v2');
  await expect(client.send(new UpdateStackCommand({ StackName: 'Rules', UsePreviousTemplate: true })))
    .rejects.toMatchObject({ name: 'ValidationError', message: 'No updates are to be performed.' });

  await client.send(new DeleteStackCommand({ StackName: 'Rules' }));
  expect(await settled(StackId!)).toMatchObject({ StackStatus: 'DELETE_COMPLETE' });
  expect(() => holder.rule('probe-rule')).toThrow();
});

test('L-46 through the API: an update enables again a rule a function disabled; ruleUpdateKeepsState keeps it disabled', async () => {
  for (const [keeps, state] of [[false, 'ENABLED'], [true, 'DISABLED']] as const) {
    const { holder, client, events, settled } = await account({ ruleUpdateKeepsState: keeps });
    await create(client, 'Rules', ruleTemplate('v1'));
    await settled('Rules');
    await events.send(new DisableRuleCommand({ Name: 'probe-rule' }));
    await client.send(new UpdateStackCommand({ StackName: 'Rules', TemplateBody: JSON.stringify(ruleTemplate('v2')) }));
    expect(await settled('Rules')).toMatchObject({ StackStatus: 'UPDATE_COMPLETE' });
    expect(holder.rule('probe-rule').state).toBe(state);
  }
});

test('parameters are passed, and kept by UsePreviousValue', async () => {
  const { holder, client, settled } = await account();
  const template: Template = {
    Parameters: { Description: { Type: 'String' } },
    Resources: { Rule: { Type: 'AWS::Events::Rule', Properties: { Name: 'probe-rule', Description: { Ref: 'Description' }, EventPattern: { source: ['x'] } } } },
  };
  await create(client, 'Rules', template, { Parameters: [{ ParameterKey: 'Description', ParameterValue: 'given' }] });
  expect(await settled('Rules')).toMatchObject({ StackStatus: 'CREATE_COMPLETE' });
  expect(holder.rule('probe-rule').description).toBe('given');
  const changed = { ...template, Resources: { Rule: { ...template.Resources.Rule, Properties: { ...template.Resources.Rule.Properties, State: 'DISABLED' } } } };
  await client.send(new UpdateStackCommand({ StackName: 'Rules', TemplateBody: JSON.stringify(changed), Parameters: [{ ParameterKey: 'Description', UsePreviousValue: true }] }));
  expect(await settled('Rules')).toMatchObject({ StackStatus: 'UPDATE_COMPLETE' });
  expect(holder.rule('probe-rule')).toMatchObject({ description: 'given', state: 'DISABLED' });
});

test('UsePreviousValue of a parameter that took its default keeps the default', async () => {
  const { holder, client, settled } = await account();
  const template = (state: string): Template => ({
    Parameters: { Description: { Type: 'String', Default: 'the default' } },
    Resources: { Rule: { Type: 'AWS::Events::Rule', Properties: { Name: 'probe-rule', Description: { Ref: 'Description' }, State: state, EventPattern: { source: ['x'] } } } },
  });
  await create(client, 'Rules', template('ENABLED'));
  await settled('Rules');
  await client.send(new UpdateStackCommand({
    StackName: 'Rules', TemplateBody: JSON.stringify(template('DISABLED')), Parameters: [{ ParameterKey: 'Description', UsePreviousValue: true }],
  }));
  expect(await settled('Rules')).toMatchObject({ StackStatus: 'UPDATE_COMPLETE' });
  expect(holder.rule('probe-rule')).toMatchObject({ description: 'the default', state: 'DISABLED' });
});

test('what the engine does not run is refused, not ignored: OnFailure, TemplateURL, a previous template and a new one', async () => {
  const { client, settled } = await account();
  await expect(client.send(new CreateStackCommand({ StackName: 'Rules', TemplateBody: JSON.stringify(ruleTemplate('v1')), OnFailure: 'DELETE' })))
    .rejects.toMatchObject({ name: 'ValidationError', message: 'The local engine does not serve OnFailure' });
  await expect(client.send(new CreateStackCommand({ StackName: 'Rules', TemplateURL: 'https://example.com/t.json' })))
    .rejects.toMatchObject({ name: 'ValidationError', message: 'The local engine does not serve TemplateURL' });
  await expect(client.send(new CreateStackCommand({ StackName: 'Rules', TemplateBody: 'null' }))).rejects.toMatchObject({ name: 'ValidationError' });
  await create(client, 'Rules', ruleTemplate('v1'));
  await settled('Rules');
  await expect(client.send(new UpdateStackCommand({ StackName: 'Rules', UsePreviousTemplate: true, TemplateBody: JSON.stringify(ruleTemplate('v2')) })))
    .rejects.toMatchObject({ name: 'ValidationError', message: 'You cannot specify both usePreviousTemplate and Template Body' });
});

test('refused before anything starts: a taken or invalid name, a template that is not JSON, IAM resources not acknowledged', async () => {
  const { client } = await account();
  await expect(create(client, 'Holder', ruleTemplate('v1'))).rejects.toMatchObject({ name: 'AlreadyExistsException', message: 'Stack [Holder] already exists' });
  await expect(create(client, '1-rules', ruleTemplate('v1'))).rejects.toMatchObject({ name: 'ValidationError' });
  await expect(client.send(new CreateStackCommand({ StackName: 'Yaml', TemplateBody: 'Resources: {}\n' }))).rejects.toMatchObject({ name: 'ValidationError' });
  await expect(client.send(new UpdateStackCommand({ StackName: 'Missing', UsePreviousTemplate: true })))
    .rejects.toMatchObject({ name: 'ValidationError', message: 'Stack [Missing] does not exist' });
  const trust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const role = (properties: Record<string, unknown>): Template => ({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, ...properties } } } });
  await expect(create(client, 'Roles', role({}))).rejects.toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_IAM]' });
  await expect(create(client, 'Roles', role({ RoleName: 'named' }), { Capabilities: ['CAPABILITY_IAM'] }))
    .rejects.toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_NAMED_IAM]' });
  await expect(create(client, 'Roles', role({}), { Capabilities: ['CAPABILITY_IAM'] })).resolves.toHaveProperty('StackId');
});

test('a stack created through the API runs its custom resources on the engine\'s functions', async () => {
  const holder = engine();
  expect((await holder.deploy(synthesizeFixture({ Here: { properties: { Value: 'a' } } }))).status).toBe('CREATE_COMPLETE');
  const client = new CloudFormationClient({ endpoint: await holder.servicesEndpoint(), region: 'us-east-1', credentials, maxAttempts: 1 });
  const before = holder.invocations(ON_EVENT_FUNCTION).length;
  const ServiceToken = holder.resource('Here').properties.ServiceToken;
  await create(client, 'Created', { Resources: { There: { Type: RESOURCE_TYPE, Properties: { ServiceToken, Value: 'b' } } } });
  for (let i = 0; i < 200 && holder.invocations(ON_EVENT_FUNCTION).length === before; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  const [invocation] = holder.invocations(ON_EVENT_FUNCTION).slice(before);
  expect(invocation.event).toMatchObject({ RequestType: 'Create', LogicalResourceId: 'There', ResourceProperties: { Value: 'b' } });
  clients.push(client);
});
