import { ArnFormat, Stack, Token, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { grantModelKey } from './model-key';
import { factoryError } from './synth-errors';

/**
 * The actions of invoking a model; Converse and ConverseStream are authorized as these
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html).
 */
const INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/**
 * Lets `grantee` invoke the endpoint at `endpointArn` (a deployment, a
 * provisioned throughput); when the model it serves has a key of this app,
 * also the key actions Bedrock needs on the grantee's behalf (through Bedrock only).
 */
export function grantInvokeEndpoint(scope: IConstruct, grantee: iam.IGrantable, endpointArn: string, modelKey?: kms.IKey): iam.Grant {
  const grant = iam.Grant.addToPrincipal({ grantee, actions: INVOKE_ACTIONS, resourceArns: [endpointArn] });
  return modelKey ? grant.combine(grantModelKey(scope, modelKey, grantee)) : grant;
}

/** Throws when `arn` (unless a token) is not a Bedrock ARN of `resource`, naming the factory and the form expected. */
export function checkBedrockArn(scope: IConstruct, factory: string, prop: string, arn: string, resource: string, what: string): void {
  if (Token.isUnresolved(arn)) return;
  const parts = Stack.of(scope).splitArn(arn, ArnFormat.SLASH_RESOURCE_NAME);
  if (parts.service !== 'bedrock' || parts.resource !== resource || !parts.resourceName) {
    throw factoryError(factory, `${prop} must be the ARN of ${what} (got '${arn}')`,
      `Give arn:<partition>:bedrock:<region>:<account>:${resource}/<id>, as Bedrock reports it`);
  }
}
