import { Construct } from 'constructs';
import { customModelArns } from './arns';
import { BedrockProvider } from './provider-base';

/**
 * The custom resource provider of every custom model import in a stack (one per stack).
 */
export class CustomModelImportProvider extends BedrockProvider {
  public static readonly KIND = 'import';

  constructor(scope: Construct, id: string) {
    const modelArns = customModelArns(scope);
    super(scope, id, CustomModelImportProvider.KIND, {
      roleDescription: 'Calls Amazon Bedrock for the custom model imports of this stack',
      onEventDescription: 'Creates, updates and deletes Amazon Bedrock custom model imports',
      isCompleteDescription: 'Waits for Amazon Bedrock custom model imports to become Active',
      taggedArns: [modelArns],
    });
    this.allow({
      actions: ['bedrock:CreateCustomModel', 'bedrock:GetCustomModel', 'bedrock:DeleteCustomModel'],
      resources: [modelArns],
    });
  }
}
