import { Stack, aws_iam as iam, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { providerHandlers } from './handler-role';

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

    // A Put is retried for up to two minutes while new policies propagate: within the default 5 minutes.
    const handlers = providerHandlers(this, 'Puts and deletes the Amazon Bedrock model invocation logging configuration of this stack');
    this.handlerRole = handlers.role;
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: [
        'bedrock:GetModelInvocationLoggingConfiguration',
        'bedrock:PutModelInvocationLoggingConfiguration',
        'bedrock:DeleteModelInvocationLoggingConfiguration',
      ],
      resources: ['*'],
    }));

    const onEvent = handlers.handler('OnEventHandler', 'loggingOnEvent', 'Puts and deletes the Amazon Bedrock model invocation logging configuration');
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
