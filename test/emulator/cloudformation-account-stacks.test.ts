/*
 * CloudFormation's DescribeStacks and DeleteStack on an engine's local
 * services endpoint, through the real @aws-sdk/client-cloudformation: over
 * the account's stacks, which engines given the same AccountStacks share, so
 * that a function of one stack deletes another. Deleting a stack whose export
 * another imports (ledger L-50) shows as DescribeStacks reads it, under both
 * readings.
 */
import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AccountStacks, LocalCloudFormation, LocalCloudFormationOptions, StackExports, SynthesizedStack, Template } from '../../emulator/cloudformation';

const EXPORTING: Template = {
  Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
  Outputs: { Handle: { Value: { Ref: 'Handle' }, Export: { Name: 'Exporter-Handle' } } },
};
const IMPORTING: Template = {
  Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Select': [0, { 'Fn::Split': ['?', { 'Fn::ImportValue': 'Exporter-Handle' }] }] } } } },
};

async function account(options: LocalCloudFormationOptions = {}) {
  const shared = { ...options, exports: new StackExports(), accountStacks: new AccountStacks() };
  const exporter = new LocalCloudFormation(shared);
  const importer = new LocalCloudFormation(shared);
  expect((await exporter.deploy(SynthesizedStack.fromTemplate('Exporter', EXPORTING))).status).toBe('CREATE_COMPLETE');
  expect((await importer.deploy(SynthesizedStack.fromTemplate('Importer', IMPORTING))).status).toBe('CREATE_COMPLETE');
  // The importer's endpoint, as its functions reach it.
  const client = new CloudFormationClient({
    endpoint: await importer.servicesEndpoint(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1,
  });
  const describe = async (StackName: string) => (await client.send(new DescribeStacksCommand({ StackName }))).Stacks![0];
  /** DescribeStacks until the stack's status is no longer `status` (the engine's time runs meanwhile). */
  const until = async (StackName: string, status: string) => {
    for (let i = 0; i < 100; i++) {
      const stack = await describe(StackName);
      if (stack.StackStatus !== status) return stack;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${StackName} stayed ${status}`);
  };
  const close = async () => {
    client.destroy();
    await importer.close();
    await exporter.close();
  };
  return { exporter, importer, client, describe, until, close };
}

test('DescribeStacks tells another stack of the account, by name or id; an unknown one is a ValidationError', async () => {
  const { exporter, client, describe, close } = await account();
  for (const name of ['Exporter', exporter.stackId]) {
    expect(await describe(name)).toMatchObject({ StackName: 'Exporter', StackId: exporter.stackId, StackStatus: 'CREATE_COMPLETE' });
  }
  await expect(client.send(new DescribeStacksCommand({ StackName: 'Other' }))).rejects.toThrow('Stack with id Other does not exist');
  await close();
});

test('DeleteStack deletes another stack of the account; then only its id describes it; a stack that does not exist deletes', async () => {
  const { importer, client, describe, until, close } = await account();
  const importerId = importer.stackId;
  await client.send(new DeleteStackCommand({ StackName: 'Importer' }));
  expect(await until(importerId, 'DELETE_IN_PROGRESS')).toMatchObject({ StackStatus: 'DELETE_COMPLETE' });
  await expect(describe('Importer')).rejects.toThrow('Stack with id Importer does not exist');
  await client.send(new DeleteStackCommand({ StackName: 'Missing' }));
  await close();
});

test('L-50: deleting a stack whose export is in use ends DELETE_FAILED, nothing deleted; the other reading keeps its status', async () => {
  for (const [keeps, status] of [[false, 'DELETE_FAILED'], [true, 'CREATE_COMPLETE']] as const) {
    const { exporter, client, until, close } = await account({ exportInUseKeepsStackStatus: keeps });
    await client.send(new DeleteStackCommand({ StackName: 'Exporter' }));
    expect(await until('Exporter', 'DELETE_IN_PROGRESS')).toMatchObject({
      StackStatus: status,
      StackStatusReason: 'Export Exporter-Handle cannot be deleted as it is in use by Importer',
    });
    expect(exporter.resource('Handle').physicalId).toMatch(/cloudformation-waitcondition/);
    await close();
  }
});
