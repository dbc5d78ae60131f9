/*
 * Cross-stack references: a stack's exported outputs, imported by another
 * stack with Fn::ImportValue, through engines that share the account and
 * Region's StackExports. Hand-written templates of native resources only.
 */
import { LocalCloudFormation, StackExports, SynthesizedStack, Template } from '../../emulator/cloudformation';

const EXPORT = 'Shared-TopicName';

const EXPORTING: Template = {
  Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'shared-topic' } } },
  Outputs: { TopicName: { Value: { 'Fn::GetAtt': ['Topic', 'TopicName'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-TopicName' } } } },
};

const IMPORTING: Template = {
  Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Join': ['-', [{ 'Fn::ImportValue': EXPORT }, 'queue']] } } } },
  Outputs: { Imported: { Value: { 'Fn::ImportValue': EXPORT } } },
};

function engines() {
  const exports = new StackExports();
  return { shared: new LocalCloudFormation({ exports }), importing: new LocalCloudFormation({ exports }), exports };
}

test('a stack imports another stack\'s export, in a property and in an output', async () => {
  const { shared, importing } = engines();
  expect((await shared.deploy(SynthesizedStack.fromTemplate('Shared', EXPORTING))).status).toBe('CREATE_COMPLETE');

  const result = await importing.deploy(SynthesizedStack.fromTemplate('Consumer', IMPORTING));

  expect(result.status).toBe('CREATE_COMPLETE');
  expect(importing.outputs).toEqual({ Imported: 'shared-topic' });
  expect(importing.resource('Queue').properties.QueueName).toBe('shared-topic-queue');
});

test('an export that no stack has fails the importing stack', async () => {
  const result = await new LocalCloudFormation({ exports: new StackExports() }).deploy(SynthesizedStack.fromTemplate('Consumer', IMPORTING));
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(`No export named ${EXPORT} found`);
});

test('an exporting stack cannot be deleted while another imports it; once that one is gone, it can', async () => {
  const { shared, importing } = engines();
  await shared.deploy(SynthesizedStack.fromTemplate('Shared', EXPORTING));
  await importing.deploy(SynthesizedStack.fromTemplate('Consumer', IMPORTING));

  const refused = await shared.destroy();

  expect(refused.status).toBe('DELETE_FAILED');
  expect(refused.reason).toBe(`Export ${EXPORT} cannot be deleted as it is in use by Consumer`);
  expect(shared.resource('Topic')).toBeDefined();
  expect((await importing.destroy()).status).toBe('DELETE_COMPLETE');
  expect((await shared.destroy()).status).toBe('DELETE_COMPLETE');
});

test('a stack that rolls back after importing imports nothing: the exporting stack can be deleted', async () => {
  const { shared, importing } = engines();
  await shared.deploy(SynthesizedStack.fromTemplate('Shared', EXPORTING));
  const failing: Template = {
    Resources: { ...IMPORTING.Resources, Late: { Type: 'AWS::SQS::Queue', DependsOn: 'Queue', Properties: { QueueName: { 'Fn::ImportValue': 'Missing' } } } },
  };

  expect((await importing.deploy(SynthesizedStack.fromTemplate('Consumer', failing))).status).toBe('ROLLBACK_COMPLETE');

  expect((await shared.destroy()).status).toBe('DELETE_COMPLETE');
});

test('an export name is unique in the account and Region; an update may not change an export another stack imports', async () => {
  const { shared, importing, exports } = engines();
  await shared.deploy(SynthesizedStack.fromTemplate('Shared', EXPORTING));
  const copy: Template = { ...EXPORTING, Outputs: { Again: { Value: 'x', Export: { Name: EXPORT } } } };

  const duplicate = await new LocalCloudFormation({ exports }).deploy(SynthesizedStack.fromTemplate('Copy', copy));
  expect(duplicate.status).toBe('ROLLBACK_COMPLETE');
  expect(duplicate.reason).toContain(`Export with name ${EXPORT} is already exported by stack Shared`);

  await importing.deploy(SynthesizedStack.fromTemplate('Consumer', IMPORTING));
  const renamed: Template = { ...EXPORTING, Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'renamed' } } } };
  const update = await shared.update(SynthesizedStack.fromTemplate('Shared', renamed));
  expect(update.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(update.reason).toContain(`Export ${EXPORT} cannot be updated as it is in use by Consumer`);
  expect(importing.outputs).toEqual({ Imported: 'shared-topic' });
});
