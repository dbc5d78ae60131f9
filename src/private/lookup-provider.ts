import { Construct } from 'constructs';
import { customModelArns } from './arns';
import { BedrockProvider } from './provider-base';

/**
 * The custom resource provider of every custom model lookup and name reference in a stack (one per stack).
 */
export class CustomModelLookupProvider extends BedrockProvider {
  public static readonly KIND = 'lookup';

  private listAllowed = false;
  private getAllowed = false;

  constructor(scope: Construct, id: string) {
    super(scope, id, CustomModelLookupProvider.KIND, {
      roleDescription: 'Finds Amazon Bedrock custom models for the lookups of this stack',
      onEventDescription: 'Finds Amazon Bedrock custom models by name or by filters',
    });
  }

  /** Lookups by filters: ListCustomModels, which IAM authorizes on `*` only. Once per stack. */
  public allowList(): void {
    if (this.listAllowed) return;
    this.listAllowed = true;
    this.allow({ actions: ['bedrock:ListCustomModels'], resources: ['*'] });
  }

  /** References by name: GetCustomModel on this account's custom models. Once per stack. */
  public allowGet(): void {
    if (this.getAllowed) return;
    this.getAllowed = true;
    this.allow({ actions: ['bedrock:GetCustomModel'], resources: [customModelArns(this)] });
  }
}
