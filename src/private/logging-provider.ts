import { Construct } from 'constructs';
import { BedrockProvider } from './provider-base';

/**
 * The custom resource provider of the invocation logging configuration (one
 * per stack). Put/Get/Delete take no resource: the configuration is one per
 * account and region, so IAM authorizes them on `*` only
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
 */
export class InvocationLoggingProvider extends BedrockProvider {
  public static readonly KIND = 'logging';

  constructor(scope: Construct, id: string) {
    // A Put is retried for up to two minutes while new policies propagate: within the default 5 minutes.
    super(scope, id, InvocationLoggingProvider.KIND, {
      roleDescription: 'Puts and deletes the Amazon Bedrock model invocation logging configuration of this stack',
      onEventDescription: 'Puts and deletes the Amazon Bedrock model invocation logging configuration',
    });
    this.allow({
      actions: [
        'bedrock:GetModelInvocationLoggingConfiguration',
        'bedrock:PutModelInvocationLoggingConfiguration',
        'bedrock:DeleteModelInvocationLoggingConfiguration',
      ],
      resources: ['*'],
    });
  }
}
