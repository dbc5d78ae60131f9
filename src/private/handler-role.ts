import { Duration, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HANDLER_CODE_DIR, HANDLER_RUNTIME } from './handler-code';

/** A provider's handler role and log group, and a factory of its functions (from the one handler bundle). */
export interface ProviderHandlers {
  readonly role: iam.Role;
  handler(id: string, exportName: string, description: string): lambda.Function;
}

/**
 * `timeout`: how long one invocation of the provider's handlers may take.
 * @default 5 minutes
 */
export function providerHandlers(scope: Construct, roleDescription: string, timeout: Duration = Duration.minutes(5)): ProviderHandlers {
  const logGroup = new logs.LogGroup(scope, 'HandlerLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const role = new iam.Role(scope, 'HandlerRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: roleDescription,
  });
  // Written by hand rather than AWSLambdaBasicExecutionRole: only this handler's own log group.
  logGroup.grantWrite(role);
  return {
    role,
    handler: (id, exportName, description) => new lambda.Function(scope, id, {
      description,
      code: lambda.Code.fromAsset(HANDLER_CODE_DIR),
      handler: `index.${exportName}`,
      runtime: HANDLER_RUNTIME,
      role,
      logGroup,
      memorySize: 256,
      timeout,
    }),
  };
}
