/*
 * A Custom::BedrockModelCustomizationJob in a VPC with a custom model key,
 * deployed with the VPC and key it uses, against the local Bedrock emulator.
 */
import { CfnResource, RemovalPolicy, aws_ec2 as ec2, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { JOB_ID, jobProps } from './lifecycle-stacks';
import { ModelCustomizationJob } from '../../src';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';

const lifecycle = useLifecycle();

function networkStack() {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
  });
  const key = new kms.Key(stack, 'ModelKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
  const job = new ModelCustomizationJob(stack, JOB_ID, jobProps(new s3.Bucket(stack, 'Data'), {
    vpc,
    customModelEncryptionKey: key,
    removalPolicy: RemovalPolicy.DESTROY,
  }));
  const id = (construct: { node: { defaultChild?: unknown } } | CfnResource) =>
    stack.getLogicalId((construct instanceof CfnResource ? construct : construct.node.defaultChild) as CfnResource);
  return {
    artifact: synthesize(stack),
    logicalIds: {
      job: id(job),
      subnets: vpc.isolatedSubnets.map((s) => id(s as ec2.Subnet)),
      securityGroup: id(job.node.findChild('SecurityGroup') as ec2.SecurityGroup),
      key: id(key),
    },
  };
}

test('the job gets the VPC\'s subnets, its security group and the key; its model is encrypted; delete stops and cleans up', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const { artifact, logicalIds } = networkStack();

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  const jobArn = engine.resource(logicalIds.job).physicalId.split('#')[0];
  const keyArn = engine.resource(logicalIds.key).attributes.Arn;
  expect(emulator.jobs.get(jobArn)).toMatchObject({
    status: 'InProgress',
    vpcConfig: {
      subnetIds: logicalIds.subnets.map((id) => engine.resource(id).physicalId),
      securityGroupIds: [engine.resource(logicalIds.securityGroup).physicalId],
    },
    outputModelKmsKeyArn: keyArn,
  });
  expect(emulator.callsTo('CreateModelCustomizationJob')[0].input).toMatchObject({ customModelKmsKeyId: keyArn });

  emulator.jobs.complete(jobArn);
  const modelArn = emulator.jobs.get(jobArn).outputModelArn!;
  expect(emulator.customModels.get(modelArn).modelKmsKeyArn).toBe(keyArn);

  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.customModels.has(modelArn)).toBe(false);
});

// Declared last, so it runs after every scenario above.
test('no request in this file broke a rule of the API model', () => {
  expect(lifecycle.violations).toEqual([]);
});
