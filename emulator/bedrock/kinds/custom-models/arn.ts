/* The ARN of a custom model: after its base model id, or `imported` for a model created from artifacts. */
import { Account, ArnForm, newArn } from '../../arns';

export const CUSTOM_MODEL_ARN: ArnForm<readonly [base: string]> = {
  resourceType: 'custom-model',
  shapes: ['ModelIdentifier', 'TaggableResourcesArn'],
  samplePath: ['amazon.nova-micro-v1:0:128k'],
};

/** `base` is the base model id, or `imported` for a model created from artifacts. */
export function customModelArn(account: Account, base: string): string {
  return newArn(account, CUSTOM_MODEL_ARN, base);
}
