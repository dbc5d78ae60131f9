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
      isCompleteDescription: 'Waits for Amazon Bedrock custom model imports to start and to become Active',
      queueWatcherDescription: 'Starts the custom model imports of this stack that wait for a free Bedrock slot (invoked by EventBridge)',
      taggedArns: [modelArns],
    });
    this.allow({
      actions: ['bedrock:CreateCustomModel', 'bedrock:GetCustomModel', 'bedrock:DeleteCustomModel'],
      resources: [modelArns],
    });
    // An import that gets no slot in time names the models being imported. A list acts on no resource type
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    this.allow({ actions: ['bedrock:ListCustomModels'], resources: ['*'] });
  }
}
