import { randomUUID } from 'crypto';
import { partitionOf, urlSuffixOf } from '../../shared/region';

/** Where a stack lives: what the pseudo parameters return. */
export interface StackIdentity {
  readonly stackName: string;
  readonly stackId: string;
  readonly region: string;
  readonly accountId: string;
}

/** A new stack's identity: its id is `arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>`. */
export function newStackIdentity(stackName: string, region: string, accountId: string): StackIdentity {
  return { stackName, stackId: `arn:${partitionOf(region)}:cloudformation:${region}:${accountId}:stack/${stackName}/${randomUUID()}`, region, accountId };
}

export function pseudoParameters(identity: StackIdentity): Record<string, unknown> {
  return {
    'AWS::Region': identity.region,
    'AWS::AccountId': identity.accountId,
    'AWS::Partition': partitionOf(identity.region),
    'AWS::StackName': identity.stackName,
    'AWS::StackId': identity.stackId,
    'AWS::URLSuffix': urlSuffixOf(identity.region),
    'AWS::NotificationARNs': [],
  };
}
