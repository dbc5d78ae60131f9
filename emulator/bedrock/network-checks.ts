/*
 * What Bedrock checks of a job's VPC beyond the API model's constraints
 * (customization jobs and model import jobs take the same VpcConfig): the
 * ids name subnets and security groups, each once.
 */
import type { VpcConfig } from '@aws-sdk/client-bedrock';
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
