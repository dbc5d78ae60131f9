import {
  Duration, Stack, aws_iam as iam, aws_lambda as lambda, aws_logs as logs, custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HANDLER_CODE_DIR, HANDLER_RUNTIME } from './handler-code';

const PROVIDER_ID = 'BedrockInvocationLoggingProvider';

/**
 * The custom resource provider of the invocation logging configuration (one
 * per stack). Put/Get/Delete take no resource: the configuration is one per
 * account and region, so IAM authorizes them on `*` only
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
 */
export class InvocationLoggingProvider extends Construct {
  /** The stack's provider, created on first use. */
  public static of(scope: Construct): InvocationLoggingProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID) as InvocationLoggingProvider | undefined;
    return existing ?? new InvocationLoggingProvider(stack, PROVIDER_ID);
  }

  /** The service token of the custom resources. */
  public readonly serviceToken: string;
  /** The role of the handler that calls Bedrock. */
  public readonly handlerRole: iam.Role;

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'HandlerLogs', { retention: logs.RetentionDays.ONE_YEAR });
    this.handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Puts and deletes the Amazon Bedrock model invocation logging configuration of this stack',
    });
    logGroup.grantWrite(this.handlerRole);
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: [
        'bedrock:GetModelInvocationLoggingConfiguration',
        'bedrock:PutModelInvocationLoggingConfiguration',
        'bedrock:DeleteModelInvocationLoggingConfiguration',
      ],
      resources: ['*'],
    }));

    const onEvent = new lambda.Function(this, 'OnEventHandler', {
      description: 'Puts and deletes the Amazon Bedrock model invocation logging configuration',
      code: lambda.Code.fromAsset(HANDLER_CODE_DIR),
      handler: 'index.loggingOnEvent',
      runtime: HANDLER_RUNTIME,
      role: this.handlerRole,
      logGroup,
      memorySize: 256,
      // A Put is retried for up to two minutes while new policies propagate.
      timeout: Duration.minutes(5),
    });
    this.serviceToken = new cr.Provider(this, 'Provider', { onEventHandler: onEvent }).serviceToken;
  }

  /** Lets the handler pass `role` (the role Bedrock writes to CloudWatch Logs with) to Bedrock. */
  public allowPassRole(role: iam.IRole): void {
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    }));
  }
}
