/* The ARN of a model customization job: named after its base model, as the service does. */
import { Account, ArnForm, newArn } from '../../arns';

export const JOB_ARN: ArnForm<readonly [baseModelId: string]> = {
  resourceType: 'model-customization-job',
  shapes: ['ModelCustomizationJobIdentifier', 'TaggableResourcesArn'],
  samplePath: ['amazon.nova-micro-v1:0'],
};

export function jobArn(account: Account, baseModelId: string): string {
  return newArn(account, JOB_ARN, baseModelId);
}
