/*
 * What Bedrock checks of a job's VPC and custom model key beyond the model's
 * constraints: the ids name subnets and security groups, each once, and the
 * key is a key (or alias) of this account and region.
 */
import type { CreateModelCustomizationJobRequest } from '@aws-sdk/client-bedrock';
import { Account } from '../../arns';
import { validationError } from '../../errors';

/** Throws the ValidationException Bedrock answers with. */
export function checkJobNetworkAndKey(account: Account, request: CreateModelCustomizationJobRequest): void {
  const { vpcConfig, customModelKmsKeyId } = request;
  if (vpcConfig) {
    checkIds('subnet', /^subnet-[0-9a-z]+$/, vpcConfig.subnetIds ?? []);
    checkIds('security group', /^sg-[0-9a-z]+$/, vpcConfig.securityGroupIds ?? []);
  }
  const keyArn = /^arn:[^:]+:kms:([^:]*):([0-9]{12}):/.exec(customModelKmsKeyId ?? '');
  if (keyArn && (keyArn[1] !== account.region || keyArn[2] !== account.accountId)) {
    throw validationError(`The KMS key ${customModelKmsKeyId} is not in account ${account.accountId} and region ${account.region}.`);
  }
}

function checkIds(what: string, form: RegExp, ids: readonly string[]): void {
  const bad = ids.find((id) => !form.test(id));
  if (bad !== undefined) throw validationError(`The ${what} ID '${bad}' is not valid.`);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw validationError(`The ${what} ID '${repeated}' is given more than once.`);
}
