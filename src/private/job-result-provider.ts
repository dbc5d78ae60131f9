import { Construct } from 'constructs';
import { customizationJobArns, customModelArns } from './arns';
import { BedrockProvider } from './provider-base';

/**
 * The custom resource provider of the job results of a stack (one per stack):
 * it reads the jobs that wait conditions waited for, and gives their custom
 * models the tags wanted since the jobs were created.
 */
export class JobResultProvider extends BedrockProvider {
  public static readonly KIND = 'jobResult';

  constructor(scope: Construct, id: string) {
    const modelArns = customModelArns(scope);
    super(scope, id, JobResultProvider.KIND, {
      roleDescription: 'Reads the completed model customization jobs of this stack and tags their custom models',
      onEventDescription: 'Reports the output model and metrics of completed Amazon Bedrock model customization jobs',
      taggedArns: [modelArns],
    });
    this.allow({ actions: ['bedrock:GetModelCustomizationJob'], resources: [customizationJobArns(this)] });
    // Pending tags are synced to exactly the wanted set: read, then untag and tag (taggedArns).
    this.allow({ actions: ['bedrock:ListTagsForResource'], resources: [modelArns] });
  }
}
