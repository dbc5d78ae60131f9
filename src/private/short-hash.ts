import * as crypto from 'crypto';

/** The first `length` hex digits of the SHA-256 of `value`: stable names and ids derived at synth. */
export function shortHash(value: string, length: number): string {
  return crypto.createHash('sha256').update(value).digest('hex').slice(0, length);
}
