/*
 * The account and the ARNs and ids the emulator generates. Each kind states
 * its ARN forms in its registration (kinds/<kind>/arn.ts) and mints them with
 * newArn; the API model's patterns they must match are named in the form, and
 * test/emulator/bedrock-kinds.test.ts checks every registered form against them.
 */
import { randomBytes } from 'crypto';
import { partitionOf } from '../shared/region';

/** Where the emulated Bedrock runs. */
export interface Account {
  readonly region: string;
  readonly accountId: string;
}

/**
 * How ARNs of one resource type look: `arn:<partition>:bedrock:<region>:<account>:<resourceType>/<path...>/<id>`.
 * `Path` is what comes between the resource type and the id (a job's base model id; nothing for most).
 */
export interface ArnForm<Path extends readonly string[] = readonly string[]> {
  readonly resourceType: string;
  /** Input shapes of the constraints fixture whose pattern every ARN of the form matches (its identifier; TaggableResourcesArn if tagged). */
  readonly shapes: readonly string[];
  /** A path as the service makes it, for the tests that check the form against `shapes`. */
  readonly samplePath: Path;
}

/** The 12-character id that ends job, custom model, deployment and provisioned model ARNs ([a-z0-9]{12}). */
export function resourceId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Whether `id` is an ARN of the form, of any partition, account and Region:
 * what the runtime serves by its ARN. the path matches between type
 * and id (a custom model's base model id and more); the id is 12 characters.
 */
export function isArnOf(form: ArnForm, id: string): boolean {
  const path = form.samplePath.length === 0 ? '' : '(?:[^/]+/)+';
  return new RegExp(`^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:${form.resourceType}/${path}[a-z0-9]{12}$`).test(id);
}

/** A new ARN of the form, with a fresh id. */
export function newArn<Path extends readonly string[]>(account: Account, form: ArnForm<Path>, ...path: Path): string {
  return `${prefix(account)}:${[form.resourceType, ...path, resourceId()].join('/')}`;
}

export function foundationModelArn(account: Account, modelId: string): string {
  return `arn:${partitionOf(account.region)}:bedrock:${account.region}::foundation-model/${modelId}`;
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
