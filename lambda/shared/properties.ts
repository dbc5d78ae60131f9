/*
 * Typed decoders for CloudFormation custom resource properties.
 *
 * CloudFormation turns every scalar into a string on the way to the handler
 * (`true` → "true", `3` → "3"); lists and maps keep their shape. Handlers never
 * read raw values: they decode them here, and a bad value fails with the
 * property path so the CloudFormation status reason points at the culprit.
 */

import type { ResourceTag } from '../../src/contract/common';

/** Decodes the value found at `path` (e.g. `validationDataS3Uris[1]`), or throws a PropertyError. */
export type Decoder<T> = (value: unknown, path: string) => T;


/** A property that is missing or has the wrong shape. */
export class PropertyError extends Error {
  constructor(readonly path: string, expected: string, value?: unknown) {
    // Say "missing" for an absent value; never echo the value (it may be long or sensitive).
    super(`Invalid property '${path}': expected ${expected}${value === undefined ? ' (missing)' : ''}`);
    this.name = 'PropertyError';
  }
}

export const string: Decoder<string> = (value, path) => {
  if (typeof value !== 'string') throw new PropertyError(path, 'a string', value);
  return value;
};

/** "true" / "false" (real booleans too, for direct invocations). */
export const boolean: Decoder<boolean> = (value, path) => {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new PropertyError(path, '"true" or "false"', value);
};

export const number: Decoder<number> = (value, path) => {
  // Number('') is 0 and Number(' 1 ') is 1: accept only a plain decimal literal.
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new PropertyError(path, 'a number', value);
  }
  return Number(text);
};

export const integer: Decoder<number> = (value, path) => {
  const n = number(value, path);
  if (!Number.isSafeInteger(n)) throw new PropertyError(path, 'an integer', value);
  return n;
};

/** Absent (undefined) stays undefined; anything else must decode. */
export function optional<T>(decoder: Decoder<T>): Decoder<T | undefined> {
  return (value, path) => (value === undefined ? undefined : decoder(value, path));
}

/** One of the given string literals. */
export function oneOf<const T extends string>(...literals: T[]): Decoder<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(literals as string[]).includes(value)) {
      throw new PropertyError(path, `one of ${literals.map(l => `'${l}'`).join(', ')}`, value);
    }
    return value as T;
  };
}

export function list<T>(of: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new PropertyError(path, 'a list', value);
    return value.map((item, i) => of(item, `${path}[${i}]`));
  };
}

/** A map of string values (keys are kept as given). */
export const stringMap: Decoder<Record<string, string>> = (value, path) => {
  const record = asRecord(value, path);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(record)) out[key] = string(item, memberPath(path, key));
  return out;
};

/** A list of tags as the Bedrock API takes them. */
export const tagList: Decoder<ResourceTag[]> = (value, path) => list(struct<ResourceTag>({ key: string, value: string }))(value, path);

/** The decoder of every field of T (optional fields take an `optional(...)` decoder). */
export type Fields<T> = { readonly [K in keyof T]-?: Decoder<T[K]> };

/**
 * An object of named fields. Unknown keys (ServiceToken, ServiceTimeout, ...)
 * are ignored, and absent optional fields are left out so decoded values
 * compare by plain deep equality.
 */
export function struct<T>(fields: Fields<T>): Decoder<T> {
  return (value, path) => {
    const record = asRecord(value, path);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(fields) as Array<keyof T & string>) {
      const decoded = fields[key](record[key], memberPath(path, key));
      if (decoded !== undefined) out[key] = decoded;
    }
    return out as T;
  };
}

/** Decodes a whole ResourceProperties object (paths start at the property name). */
export function decodeProperties<T>(decoder: Decoder<T>, properties: unknown): T {
  return decoder(properties, '');
}

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PropertyError(path || 'ResourceProperties', 'an object', value);
  }
  return value as Record<string, unknown>;
}

function memberPath(path: string, key: string): string {
  if (path === '') return key;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
