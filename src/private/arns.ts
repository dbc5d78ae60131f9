import { ArnFormat, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { ArnTarget } from '../contract/kind';

/**
 * The IAM path of the service roles that the jobs of a stack create: theirs alone, so that one
 * wildcard ARN (serviceRoleArns) lets the handler pass all of them, however many jobs the stack has.
 */
export function serviceRolePath(scope: IConstruct): string {
  const stack = Stack.of(scope);
  return `/cdk-bedrock-customization/${stack.region}/${stack.stackName}/`;
}

/** Every role under the stack's service role path. */
export function serviceRoleArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({
    service: 'iam', region: '', resource: 'role', resourceName: `${serviceRolePath(scope).slice(1)}*`,
  });
}

/** A foundation model of the stack's region (or of `region`, `*` for every one); foundation model ARNs have no account. */
export function foundationModelArn(scope: IConstruct, modelId: string, region?: string): string {
  return Stack.of(scope).formatArn({
    service: 'bedrock',
    region,
    account: '',
    resource: 'foundation-model',
    resourceName: modelId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** Every resource of `target` that a kind's operations act on (src/contract/kind.ts), for the stack's account and region. */
export function arnsOf(scope: IConstruct, target: ArnTarget): string {
  switch (target) {
    case '*': return '*';
    case 'foundation-model': return foundationModelArn(scope, '*');
    default: return Stack.of(scope).formatArn({ service: 'bedrock', resource: target, resourceName: '*' });
  }
}

/**
 * bedrock.amazonaws.com acting for this account's resources of `targets`
 * only: the confused-deputy guard of every service role the constructs make
 * (aws:SourceAccount, and aws:SourceArn on those resources).
 */
export function bedrockServicePrincipal(scope: IConstruct, ...targets: ArnTarget[]): iam.ServicePrincipal {
  const sourceArns = targets.map((target) => arnsOf(scope, target));
  return new iam.ServicePrincipal('bedrock.amazonaws.com', {
    conditions: {
      StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
      ArnLike: { 'aws:SourceArn': sourceArns.length === 1 ? sourceArns[0] : sourceArns },
    },
  });
}
