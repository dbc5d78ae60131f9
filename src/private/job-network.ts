import { Stack, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IDependable } from 'constructs';
import { arnsOf } from './arns';
import { propError } from './synth-errors';
import type { ArnTarget } from '../contract/kind';

/**
 * The Bedrock jobs that run in a VPC, and how Bedrock tags the network
 * interfaces it creates for them: the same permissions, with the kind's tag
 * ("Protect model customization jobs using a VPC",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-model-customization.html;
 * "Protect custom model import jobs using a VPC",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-custom-model-import.html).
 */
export const NETWORKED_JOBS = {
  customization: { what: 'model customization job', jobs: 'model-customization-job', tagKey: 'BedrockModelCustomizationJobArn' },
  import: { what: 'model import job', jobs: 'model-import-job', tagKey: 'BedrockModelImportJobArn' },
} as const satisfies Record<string, { what: string; jobs: ArnTarget; tagKey: string }>;

export type NetworkedJob = (typeof NETWORKED_JOBS)[keyof typeof NETWORKED_JOBS];

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
export function jobNetwork(scope: Construct, props: JobNetworkProps, job: NetworkedJob): JobNetwork | undefined {
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
    description: `Network interfaces of an Amazon Bedrock ${job.what}`,
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
 * interfaces in the subnets, as both VPC pages (NETWORKED_JOBS) list it:
 * interfaces only with the tags Bedrock sets on them (BedrockManaged and the
 * kind's job ARN tag), in exactly these subnets and security groups, and
 * tag, permission and delete rights on those interfaces only.
 */
export function grantNetworkInterfaces(scope: Construct, grantee: iam.IGrantable, network: JobNetwork, job: NetworkedJob): void {
  const stack = Stack.of(scope);
  const ec2Arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'ec2', resource, resourceName });
  const interfaces = ec2Arn('network-interface', '*');
  const subnets = network.subnetIds.map((id) => ec2Arn('subnet', id));
  const jobs = arnsOf(scope, job.jobs);
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
      ArnEquals: { [`aws:RequestTag/${job.tagKey}`]: [jobs] },
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
      ArnEquals: { 'ec2:Subnet': subnets, [`ec2:ResourceTag/${job.tagKey}`]: [jobs] },
      StringEquals: { 'ec2:ResourceTag/BedrockManaged': 'true' },
    },
  });
  grant({
    actions: ['ec2:CreateTags'],
    resourceArns: [interfaces],
    conditions: {
      'StringEquals': { 'ec2:CreateAction': ['CreateNetworkInterface'] },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['BedrockManaged', job.tagKey] },
    },
  });
}
