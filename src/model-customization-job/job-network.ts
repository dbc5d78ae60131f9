import { Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IDependable } from 'constructs';
import { customizationJobArns } from '../private/arns';
import { propError } from '../private/synth-errors';

/** The network props of a job. */
export interface JobNetworkProps {
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** Where a job's network interfaces go. */
export interface JobNetwork {
  readonly subnetIds: string[];
  readonly securityGroups: ec2.ISecurityGroup[];
  readonly connections: ec2.Connections;
  /** What the subnets need before they reach anything (routes, gateways). */
  readonly internetConnectivityEstablished: IDependable;
}

/**
 * The subnets and security groups of a job, or undefined outside a VPC.
 * Without `securityGroups`, one is created in `scope` (no inbound rules).
 */
export function jobNetwork(scope: Construct, props: JobNetworkProps): JobNetwork | undefined {
  const { vpc } = props;
  if (!vpc) {
    if (props.vpcSubnets || props.securityGroups) {
      throw propError(scope, 'vpcSubnets and securityGroups need vpc', 'Set vpc to run the job in a VPC, or remove them');
    }
    return undefined;
  }
  const subnets = vpc.selectSubnets(props.vpcSubnets);
  const securityGroups = props.securityGroups ?? [new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc,
    description: 'Network interfaces of an Amazon Bedrock model customization job',
    allowAllOutbound: true,
  })];
  return {
    subnetIds: subnets.subnetIds,
    securityGroups,
    connections: new ec2.Connections({ securityGroups }),
    internetConnectivityEstablished: subnets.internetConnectivityEstablished,
  };
}

/**
 * What the service role needs for Bedrock to place the job's network
 * interfaces in the subnets, as "Protect model customization jobs using a VPC"
 * lists it (https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-model-customization.html):
 * interfaces only with the tags Bedrock sets on them (BedrockManaged,
 * BedrockModelCustomizationJobArn), in exactly these subnets and security
 * groups, and tag, permission and delete rights on those interfaces only.
 */
export function grantNetworkInterfaces(scope: Construct, grantee: iam.IGrantable, network: JobNetwork): void {
  const stack = Stack.of(scope);
  const ec2Arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'ec2', resource, resourceName });
  const interfaces = ec2Arn('network-interface', '*');
  const subnets = network.subnetIds.map((id) => ec2Arn('subnet', id));
  const jobs = customizationJobArns(scope);
  const grant = (options: Omit<iam.GrantOnPrincipalOptions, 'grantee'>) => iam.Grant.addToPrincipal({ grantee, ...options });

  // The Describe actions support no resource-level permissions.
  grant({
    actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
    resourceArns: ['*'],
  });
  grant({
    actions: ['ec2:CreateNetworkInterface'],
    resourceArns: [interfaces],
    conditions: {
      StringEquals: { 'aws:RequestTag/BedrockManaged': ['true'] },
      ArnEquals: { 'aws:RequestTag/BedrockModelCustomizationJobArn': [jobs] },
    },
  });
  grant({
    actions: ['ec2:CreateNetworkInterface'],
    resourceArns: [...subnets, ...network.securityGroups.map((g) => ec2Arn('security-group', g.securityGroupId))],
  });
  grant({
    actions: ['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission'],
    resourceArns: ['*'],
    conditions: {
      ArnEquals: { 'ec2:Subnet': subnets, 'ec2:ResourceTag/BedrockModelCustomizationJobArn': [jobs] },
      StringEquals: { 'ec2:ResourceTag/BedrockManaged': 'true' },
    },
  });
  grant({
    actions: ['ec2:CreateTags'],
    resourceArns: [interfaces],
    conditions: {
      'StringEquals': { 'ec2:CreateAction': ['CreateNetworkInterface'] },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['BedrockManaged', 'BedrockModelCustomizationJobArn'] },
    },
  });
}
