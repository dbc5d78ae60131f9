/*
 * What Bedrock checks of a job's VPC and custom model key beyond the model's
 * constraints: the VPC as every job's (../../network-checks.ts), and the key
 * is a key (or alias) of this account and region.
 */
import type { CreateModelCustomizationJobRequest } from '@aws-sdk/client-bedrock';
import { Account } from '../../arns';
import { validationError } from '../../errors';
import { checkVpcConfig } from '../../network-checks';

/** Throws the ValidationException Bedrock answers with. */
export function checkJobNetworkAndKey(account: Account, request: CreateModelCustomizationJobRequest): void {
  const { vpcConfig, customModelKmsKeyId } = request;
  checkVpcConfig(vpcConfig);
  const keyArn = /^arn:[^:]+:kms:([^:]*):([0-9]{12}):/.exec(customModelKmsKeyId ?? '');
  if (keyArn && (keyArn[1] !== account.region || keyArn[2] !== account.accountId)) {
    throw validationError(`The KMS key ${customModelKmsKeyId} is not in account ${account.accountId} and region ${account.region}.`);
  }
}
