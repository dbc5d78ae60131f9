import { Stack, aws_iam as iam, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customModelArns } from './arns';
import { providerHandlers } from './handler-role';

const PROVIDER_ID = 'BedrockCustomModelLookupProvider';

/**
 * The custom resource provider of every custom model lookup and name reference in a stack (one per stack).
 */
export class CustomModelLookupProvider extends Construct {
  public static of(scope: Construct): CustomModelLookupProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID) as CustomModelLookupProvider | undefined;
    return existing ?? new CustomModelLookupProvider(stack, PROVIDER_ID);
  }

  public readonly serviceToken: string;
  public readonly handlerRole: iam.Role;
  private listAllowed = false;
  private getAllowed = false;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const handlers = providerHandlers(this, 'Finds Amazon Bedrock custom models for the lookups of this stack');
    this.handlerRole = handlers.role;
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: handlers.handler('OnEventHandler', 'lookupOnEvent', 'Finds Amazon Bedrock custom models by name or by filters'),
    });
    this.serviceToken = provider.serviceToken;
  }

  /** Lookups by filters: ListCustomModels, which IAM authorizes on `*` only. Once per stack. */
  public allowList(): void {
    if (this.listAllowed) return;
    this.listAllowed = true;
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['bedrock:ListCustomModels'], resources: ['*'] }));
  }

  /** References by name: GetCustomModel on this account's custom models. Once per stack. */
  public allowGet(): void {
    if (this.getAllowed) return;
    this.getAllowed = true;
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['bedrock:GetCustomModel'], resources: [customModelArns(this)] }));
  }
}
