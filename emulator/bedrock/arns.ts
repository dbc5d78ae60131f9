/*
 * ARNs and ids the emulator generates, in the forms the API model's output
 * patterns allow (ModelCustomizationJobArn, CustomModelArn, FoundationModelArn,
 * CustomModelDeploymentArn, ProvisionedModelArn).
 */
import { randomBytes } from 'crypto';
import { partitionOf } from '../shared/region';

/** Where the emulated Bedrock runs. */
export interface Account {
  readonly region: string;
  readonly accountId: string;
}

/** The 12-character id that ends job, custom model, deployment and provisioned model ARNs ([a-z0-9]{12}). */
export function resourceId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function foundationModelArn(account: Account, modelId: string): string {
  return `arn:${partitionOf(account.region)}:bedrock:${account.region}::foundation-model/${modelId}`;
}

/** Jobs are named after their base model, as the service does. */
export function jobArn(account: Account, baseModelId: string): string {
  return `${prefix(account)}:model-customization-job/${baseModelId}/${resourceId()}`;
}

/** `base` is the base model id, or `imported` for a model created from artifacts. */
export function customModelArn(account: Account, base: string): string {
  return `${prefix(account)}:custom-model/${base}/${resourceId()}`;
}

export function customModelDeploymentArn(account: Account): string {
  return `${prefix(account)}:custom-model-deployment/${resourceId()}`;
}

export function provisionedModelArn(account: Account): string {
  return `${prefix(account)}:provisioned-model/${resourceId()}`;
}

/** A KMS key ARN for a key id or key ARN; undefined for an alias, which the service would resolve. */
export function kmsKeyArn(account: Account, keyId: string | undefined): string | undefined {
  if (keyId === undefined || keyId.includes('alias/')) return undefined;
  if (keyId.startsWith('arn:')) return keyId;
  return `arn:${partitionOf(account.region)}:kms:${account.region}:${account.accountId}:key/${keyId}`;
}

function prefix(account: Account): string {
  return `arn:${partitionOf(account.region)}:bedrock:${account.region}:${account.accountId}`;
}
