/* The ARN of a provisioned throughput (a provisioned model). */
import { Account, ArnForm, newArn } from '../../arns';

export const THROUGHPUT_ARN: ArnForm<readonly []> = {
  resourceType: 'provisioned-model',
  shapes: ['ProvisionedModelId', 'TaggableResourcesArn'],
  samplePath: [],
};

export function provisionedModelArn(account: Account): string {
  return newArn(account, THROUGHPUT_ARN);
}
