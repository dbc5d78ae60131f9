/*
 * A ModelCustomizationJob in a VPC: the request's vpcConfig, the security
 * group created when none is given, and the EC2 permissions of the service role.
 */
import { App, Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ModelCustomizationJobProps } from '../../src';
import { addJob, jobSetup } from '../support/job-stack';

const JOB = 'Custom::BedrockModelCustomizationJob';
const PARTITION = { Ref: 'AWS::Partition' };
const JOBS = { 'Fn::Join': ['', ['arn:', PARTITION, ':bedrock:us-east-1:123456789012:model-customization-job/*']] };
const INTERFACES = { 'Fn::Join': ['', ['arn:', PARTITION, ':ec2:us-east-1:123456789012:network-interface/*']] };
const ec2Arn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', PARTITION, `:ec2:us-east-1:123456789012:${resource}`]] });

/** The job in an imported VPC with private and isolated subnets. */
function setup(overrides: (stack: Stack, vpc: ec2.IVpc) => Partial<ModelCustomizationJobProps> = () => ({})) {
  let vpc: ec2.IVpc | undefined;
  const setUp = jobSetup((stack) => {
    vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      privateSubnetIds: ['subnet-a', 'subnet-b'],
      isolatedSubnetIds: ['subnet-c', 'subnet-d'],
    });
    return { vpc, ...overrides(stack, vpc) };
  });
  return { ...setUp, vpc: vpc! };
}

function serviceRoleStatements(stack: Stack, template: Template): any[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('JobServiceRole') }] } });
  return stack.resolve(Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement));
}

describe('vpcConfig', () => {
  test('the private subnets by default, and a security group created in the VPC', () => {
    const { template } = setup();
    const t = template();
    t.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      VpcId: 'vpc-0123',
      GroupDescription: 'Network interfaces of an Amazon Bedrock model customization job',
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
    });
    // No inbound rule: nothing connects to the job's network interfaces.
    expect(Object.values(t.findResources('AWS::EC2::SecurityGroup'))[0]).not.toHaveProperty('Properties.SecurityGroupIngress');
    t.hasResourceProperties(JOB, {
      vpcConfig: {
        subnetIds: ['subnet-a', 'subnet-b'],
        securityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^JobSecurityGroup'), 'GroupId'] }],
      },
    });
  });

  test('the given subnet selection and security groups, and no security group created', () => {
    const { template } = setup((stack) => ({
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0abc')],
    }));
    template().resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template().hasResourceProperties(JOB, { vpcConfig: { subnetIds: ['subnet-c', 'subnet-d'], securityGroupIds: ['sg-0abc'] } });
  });

  test('connections are the job\'s security groups', () => {
    const { job, stack, vpc } = setup();
    const peer = new ec2.SecurityGroup(stack, 'Peer', { vpc });
    job.connections.allowTo(peer, ec2.Port.tcp(443));
    expect(job.connections.securityGroups).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 443,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Peer'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobSecurityGroup'), 'GroupId'] },
    });
  });

  test('without vpc there is no vpcConfig, no security group and no connections', () => {
    const { job, template } = setup(() => ({ vpc: undefined }));
    const resource = Object.values(template().findResources(JOB))[0] as any;
    expect(resource.Properties).not.toHaveProperty('vpcConfig');
    template().resourceCountIs('AWS::EC2::SecurityGroup', 0);
    expect(() => job.connections).toThrow('Stack/Job: connections: the job runs outside any VPC. Set vpc to give it security groups');
  });

  test('subnets or security groups without vpc are rejected', () => {
    expect(() => setup(() => ({ vpc: undefined, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })))
      .toThrow('vpcSubnets and securityGroups need vpc. Set vpc to run the job in a VPC, or remove them');
    expect(() => setup((stack) => ({ vpc: undefined, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0abc')] })))
      .toThrow(/need vpc/);
  });

  test('a job in a VPC of this app waits for its subnets\' routes', () => {
    const stack = new Stack(new App(), 'Stack');
    addJob(stack, 'Job', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1 }) });
    const resource = Object.values(Template.fromStack(stack).findResources(JOB))[0] as any;
    // The private subnet's default route (through the NAT gateway) is part of its connectivity.
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^VpcPrivateSubnet1DefaultRoute/)]));
  });
});

describe('service role', () => {
  test('gets the EC2 permissions of the Bedrock documentation, scoped to the job\'s subnets and security groups', () => {
    const { stack, template } = setup((s) => ({ securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-0abc')] }));
    const statements = serviceRoleStatements(stack, template()).filter((st) => JSON.stringify(st.Action).includes('ec2:'));
    const subnets = [ec2Arn('subnet/subnet-a'), ec2Arn('subnet/subnet-b')];
    expect(statements).toEqual([
      {
        Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
        Effect: 'Allow',
        Resource: '*',
      },
      {
        Action: 'ec2:CreateNetworkInterface',
        Effect: 'Allow',
        Resource: INTERFACES,
        Condition: {
          StringEquals: { 'aws:RequestTag/BedrockManaged': ['true'] },
          ArnEquals: { 'aws:RequestTag/BedrockModelCustomizationJobArn': [JOBS] },
        },
      },
      { Action: 'ec2:CreateNetworkInterface', Effect: 'Allow', Resource: [...subnets, ec2Arn('security-group/sg-0abc')] },
      {
        Action: ['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission'],
        Effect: 'Allow',
        Resource: '*',
        Condition: {
          ArnEquals: { 'ec2:Subnet': subnets, 'ec2:ResourceTag/BedrockModelCustomizationJobArn': [JOBS] },
          StringEquals: { 'ec2:ResourceTag/BedrockManaged': 'true' },
        },
      },
      {
        Action: 'ec2:CreateTags',
        Effect: 'Allow',
        Resource: INTERFACES,
        Condition: {
          'StringEquals': { 'ec2:CreateAction': ['CreateNetworkInterface'] },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['BedrockManaged', 'BedrockModelCustomizationJobArn'] },
        },
      },
    ]);
  });

  test('no EC2 permission outside a VPC', () => {
    const { stack, template } = setup(() => ({ vpc: undefined }));
    expect(JSON.stringify(serviceRoleStatements(stack, template()))).not.toContain('ec2:');
  });

  test('a role you pass gets the same EC2 permissions', () => {
    const { template } = setup((stack) => ({ role: new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') }) }));
    template().hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^MyRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ec2:CreateTags' })]) },
    });
  });

  test('the job waits for the role\'s EC2 permissions', () => {
    const resource = Object.values(setup().template().findResources(JOB))[0] as any;
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^JobServiceRoleDefaultPolicy/)]));
  });
});
