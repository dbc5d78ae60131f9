/*
 * Idempotency tokens and generated names, derived from the CloudFormation
 * request so that a retried invocation (same RequestId) computes the same ones.
 */
import { createHash } from 'crypto';

/** The three values every derivation starts from. */
export interface RequestIdentity {
  readonly stackId: string;
  readonly logicalResourceId: string;
  readonly requestId: string;
}

/** Longest generated name: both JobName and CustomModelName allow 63 characters. */
export const MAX_NAME_LENGTH = 63;

/** Length of the name seed (hex characters). */
export const SEED_LENGTH = 8;

// Plain concatenation is unambiguous: StackId ends with a fixed-length GUID and RequestId is a fixed-length UUID.
function digest(id: RequestIdentity): string {
  return createHash('sha256').update(id.stackId + id.logicalResourceId + id.requestId).digest('hex');
}

/** The `clientRequestToken` of a create: 64 hex characters (within `^[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$`). */
export function clientRequestToken(id: RequestIdentity): string {
  return digest(id);
}

/** The seed of generated names: 8 hex characters. Kept in the PhysicalResourceId so later events can recompute names. */
export function nameSeed(id: RequestIdentity): string {
  return digest(id).slice(0, SEED_LENGTH);
}

/** The stack name in `arn:aws:cloudformation:<region>:<account>:stack/<StackName>/<guid>`, if the id has that shape. */
export function stackNameFromId(stackId: string): string | undefined {
  return /^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\//.exec(stackId)?.[1];
}

/**
 * `<base>-<seed>`, where base is the stack name and logical id reduced to
 * alphanumerics separated by single '-'. The result matches both the JobName
 * (`^[a-zA-Z0-9](-*[a-zA-Z0-9\+\-\.])*$`) and the CustomModelName
 * (`^([0-9a-zA-Z][_-]?){1,63}$`) patterns, within 63 characters.
 */
export function generatedName(stackId: string, logicalResourceId: string, seed: string): string {
  const raw = [stackNameFromId(stackId), logicalResourceId].filter(Boolean).join('-');
  const base = sanitize(raw)
    .slice(0, MAX_NAME_LENGTH - seed.length - 1)
    .replace(/-+$/, '');
  return base ? `${base}-${seed}` : seed;
}

function sanitize(text: string): string {
  return text.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
