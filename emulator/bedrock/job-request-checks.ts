/*
 * What Bedrock checks of a job's VPC and key beyond the API model's
 * constraints (customization jobs and model import jobs take the same
 * VpcConfig and a key for their model): the ids name subnets and security
 * groups, each once, and the key is a key (or alias) of this account and region.
 */
import type { VpcConfig } from '@aws-sdk/client-bedrock';
import type { Account } from './arns';
import { validationError } from './errors';

/** Throws the ValidationException Bedrock answers with. */
export function checkVpcConfig(vpcConfig: VpcConfig | undefined): void {
  if (!vpcConfig) return;
  checkIds('subnet', /^subnet-[0-9a-z]+$/, vpcConfig.subnetIds ?? []);
  checkIds('security group', /^sg-[0-9a-z]+$/, vpcConfig.securityGroupIds ?? []);
}

function checkIds(what: string, form: RegExp, ids: readonly string[]): void {
  const bad = ids.find((id) => !form.test(id));
  if (bad !== undefined) throw validationError(`The ${what} ID '${bad}' is not valid.`);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw validationError(`The ${what} ID '${repeated}' is given more than once.`);
}

/** Throws the ValidationException Bedrock answers a key ARN of another account or region with. */
export function checkKeyOfAccount(account: Account, keyId: string | undefined): void {
  const keyArn = /^arn:[^:]+:kms:([^:]*):([0-9]{12}):/.exec(keyId ?? '');
  if (keyArn && (keyArn[1] !== account.region || keyArn[2] !== account.accountId)) {
    throw validationError(`The KMS key ${keyId} is not in account ${account.accountId} and region ${account.region}.`);
  }
}
