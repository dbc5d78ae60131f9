import { Duration, Stack, aws_iam as iam, aws_kms as kms, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customModelArns } from './arns';
import { providerHandlers } from './handler-role';
import { grantModelKey } from './model-key';

const PROVIDER_ID = 'BedrockCustomModelImportProvider';

/**
 * The custom resource provider of every custom model import in a stack (one per stack).
 */
export class CustomModelImportProvider extends Construct {
  /** The stack's provider, created on first use. */
  public static of(scope: Construct): CustomModelImportProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID) as CustomModelImportProvider | undefined;
    return existing ?? new CustomModelImportProvider(stack, PROVIDER_ID);
  }

  public readonly serviceToken: string;
  public readonly handlerRole: iam.Role;
  private readonly passRoles: iam.PolicyStatement;
  private taggingAllowed = false;
  private readonly modelKeys = new Set<kms.IKey>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const handlers = providerHandlers(this, 'Calls Amazon Bedrock for the custom model imports of this stack');
    this.handlerRole = handlers.role;
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['bedrock:CreateCustomModel', 'bedrock:GetCustomModel', 'bedrock:DeleteCustomModel', 'bedrock:UntagResource'],
      resources: [customModelArns(this)],
    }));
    this.passRoles = new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    });
    this.handlerRole.addToPrincipalPolicy(this.passRoles);

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: handlers.handler('OnEventHandler', 'importOnEvent', 'Creates, updates and deletes Amazon Bedrock custom model imports'),
      isCompleteHandler: handlers.handler('IsCompleteHandler', 'importIsComplete', 'Waits for Amazon Bedrock custom model imports to become Active'),
      // One GetCustomModel per poll.
      queryInterval: Duration.seconds(30),
      // The most a custom resource gets; each import's own deadline falls well before it (at most 55 minutes).
      totalTimeout: Duration.hours(1),
    });
    this.serviceToken = provider.serviceToken;
  }

  /** Lets the handler pass `role` to Bedrock. */
  public allowRole(role: iam.IRole): void {
    this.passRoles.addResources(role.roleArn);
  }

  /** Tags sent with CreateCustomModel are authorized as bedrock:TagResource, as are tags added in place. Once per stack. */
  public allowTagging(): void {
    if (this.taggingAllowed) return;
    this.taggingAllowed = true;
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['bedrock:TagResource'], resources: [customModelArns(this)] }));
  }

  /** Lets the handler create models that `key` encrypts. Once per key. */
  public allowModelKey(key: kms.IKey): void {
    if (this.modelKeys.has(key)) return;
    this.modelKeys.add(key);
    grantModelKey(this, key, this.handlerRole);
  }
}
