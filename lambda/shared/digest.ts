/*
 * Short digests of JSON-like values, for physical ids: equal values (whatever
 * the order of their object keys) give equal digests.
 */
import { createHash } from 'crypto';

/** Length of a digest (hex characters). */
export const DIGEST_LENGTH = 16;

export function digestOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, DIGEST_LENGTH);
}

/** JSON with object keys sorted and undefined members left out. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
