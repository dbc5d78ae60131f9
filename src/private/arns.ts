import { ArnFormat, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { ArnTarget } from '../contract/kind';

/** Every model customization job of the stack's account and region (job ARNs end in a service-generated id). */
export function customizationJobArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', resource: 'model-customization-job', resourceName: '*' });
}

/** Every custom model of the stack's account and region (model ARNs end in a service-generated id). */
export function customModelArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', resource: 'custom-model', resourceName: '*' });
}

/** Every model import job of the stack's account and region. */
export function modelImportJobArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'bedrock', resource: 'model-import-job', resourceName: '*' });
}

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
