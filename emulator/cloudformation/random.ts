import { randomBytes } from 'crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` random characters from `alphabet` (upper-case letters and digits by default). */
export function randomString(length: number, alphabet = ALPHANUMERIC): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function randomHex(length: number): string {
  return randomString(length, '0123456789abcdef');
}
