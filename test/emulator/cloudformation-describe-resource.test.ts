/*
 * CloudFormation's DescribeStackResource on the engine's local services
 * endpoint, through the real @aws-sdk/client-cloudformation (awsQuery): the
 * physical id, type and status of a resource of the stack; CloudFormation's
 * ValidationError for a stack or resource it does not hold.
 */
import { CloudFormationClient, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { CfnWaitConditionHandle } from 'aws-cdk-lib';
import { STACK_NAME, synthesizeFixture } from './cloudformation-fixtures/stacks';
import { LocalCloudFormation } from '../../emulator/cloudformation';

const artifact = synthesizeFixture({}, (stack) => {
  new CfnWaitConditionHandle(stack, 'Handle').overrideLogicalId('Handle');
});

test('a resource of the stack, by the stack\'s name or id; ValidationError otherwise', async () => {
  const engine = new LocalCloudFormation();
  await engine.deploy(artifact);
  const client = new CloudFormationClient({
    endpoint: await engine.servicesEndpoint(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1,
  });
  for (const StackName of [STACK_NAME, engine.stackId]) {
    const { StackResourceDetail: detail } = await client.send(new DescribeStackResourceCommand({ StackName, LogicalResourceId: 'Handle' }));
    expect(detail).toMatchObject({
      StackName: STACK_NAME,
      StackId: engine.stackId,
      LogicalResourceId: 'Handle',
      PhysicalResourceId: engine.resource('Handle').physicalId,
      ResourceType: 'AWS::CloudFormation::WaitConditionHandle',
      ResourceStatus: 'CREATE_COMPLETE',
    });
    expect(detail!.PhysicalResourceId).toMatch(/X-Amz-Expires=86399&/);
  }
  const refused = (StackName: string, LogicalResourceId: string) => client.send(new DescribeStackResourceCommand({ StackName, LogicalResourceId }))
    .then(() => 'none', (e: Error) => `${e.name}: ${e.message}`);
  expect(await refused('Other', 'Handle')).toBe("ValidationError: Stack 'Other' does not exist");
  expect(await refused(STACK_NAME, 'Missing')).toBe(`ValidationError: Resource Missing does not exist for stack ${STACK_NAME}`);
  client.destroy();
  await engine.close();
});
