/*
 * AttributeValue, as DynamoDB's JSON protocol carries it: one member naming
 * the type (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html).
 * B and BS travel as base64. Checks, sizes, equality and order follow
 * DynamoDB's rules for the types.
 */
import { canonicalNumber, compareNumbers, numberError, parseNumber, significantDigits } from './numbers';

export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly M: AttributeMap }
  | { readonly L: readonly AttributeValue[] }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly string[] };

export type AttributeMap = Readonly<Record<string, AttributeValue>>;
export type TypeName = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';

export const TYPES: readonly TypeName[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'];

export function typeOf(value: AttributeValue): TypeName {
  return Object.keys(value)[0] as TypeName;
}

export function payload(value: AttributeValue): unknown {
  return (value as Record<string, unknown>)[typeOf(value)];
}

/** A value of the type, from its payload. */
export function makeValue(type: TypeName, value: unknown): AttributeValue {
  return { [type]: value } as unknown as AttributeValue;
}

/**
 * Checks a value sent in a request and returns it with its numbers in
 * canonical form; throws an Error with DynamoDB's reason (the caller words
 * where it was). Reasons after "One or more parameter values were invalid: "
 * start with that prefix.
 */
export function checkValue(raw: unknown): AttributeValue {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const members = Object.entries(raw as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  const known = members.filter(([k]) => (TYPES as readonly string[]).includes(k));
  if (known.length === 0) throw new Error('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (known.length > 1) throw new Error('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  const [type, value] = known[0] as [TypeName, unknown];
  const invalid = (reason: string) => new Error(`One or more parameter values were invalid: ${reason}`);
  switch (type) {
    case 'S':
    case 'B':
      return makeValue(type, String(value));
    case 'N': {
      const error = numberError(String(value));
      if (error) throw new Error(error);
      return { N: canonicalNumber(String(value)) };
    }
    case 'BOOL':
      return { BOOL: value === true };
    case 'NULL':
      if (value !== true) throw invalid('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'M':
      return { M: Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, checkValue(v)])) };
    case 'L':
      return { L: (value as unknown[]).map(checkValue) };
    case 'SS':
    case 'BS': {
      const list = (value as unknown[]).map(String);
      if (list.length === 0) throw invalid(type === 'SS' ? 'An string set  may not be empty' : 'Binary sets should not be empty');
      if (new Set(list).size !== list.length) {
        throw invalid(type === 'SS' ? `Input collection [${list.join(', ')}] contains duplicates.` : `Input collection [${list.join(', ')}]of type BS contains duplicates.`);
      }
      return makeValue(type, list);
    }
    case 'NS': {
      const list = (value as unknown[]).map(String);
      if (list.length === 0) throw invalid('An number set  may not be empty');
      for (const n of list) {
        const error = numberError(n);
        if (error) throw new Error(error);
      }
      const canonical = list.map(canonicalNumber);
      if (new Set(canonical).size !== canonical.length) throw new Error('Input collection contains duplicates');
      return { NS: canonical };
    }
  }
}

/**
 * The size DynamoDB counts toward the 400 KB item limit: "the attribute name
 * binary length (UTF-8 length) and attribute value lengths"; strings by UTF-8
 * bytes, binary by bytes, a number about one byte per two significant digits
 * plus one, BOOL and NULL one byte, a list or map 3 bytes plus one per
 * element (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export function itemSize(item: AttributeMap): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(value: AttributeValue): number {
  const type = typeOf(value);
  const v = payload(value);
  switch (type) {
    case 'S': return Buffer.byteLength(v as string);
    case 'B': return Buffer.from(v as string, 'base64').length;
    case 'N': return numberSize(v as string);
    case 'BOOL':
    case 'NULL': return 1;
    case 'SS': return (v as string[]).reduce((s, e) => s + Buffer.byteLength(e), 0);
    case 'BS': return (v as string[]).reduce((s, e) => s + Buffer.from(e, 'base64').length, 0);
    case 'NS': return (v as string[]).reduce((s, e) => s + numberSize(e), 0);
    case 'L': return 3 + (v as AttributeValue[]).reduce((s, e) => s + 1 + valueSize(e), 0);
    case 'M': return 3 + Object.entries(v as AttributeMap).reduce((s, [k, e]) => s + 1 + Buffer.byteLength(k) + valueSize(e), 0);
  }
}

function numberSize(text: string): number {
  return Math.ceil(significantDigits(parseNumber(text)) / 2) + 1;
}

/** Equality as DynamoDB compares values: by type and value, sets in any order. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  const x = payload(a);
  const y = payload(b);
  switch (type) {
    case 'N': return compareNumbers(parseNumber(x as string), parseNumber(y as string)) === 0;
    case 'B': return Buffer.from(x as string, 'base64').equals(Buffer.from(y as string, 'base64'));
    case 'SS':
    case 'BS':
    case 'NS': {
      const xs = x as string[];
      const ys = y as string[];
      return xs.length === ys.length && xs.every((e) => ys.some((f) => sameElement(type, e, f)));
    }
    case 'L': {
      const xs = x as AttributeValue[];
      const ys = y as AttributeValue[];
      return xs.length === ys.length && xs.every((e, i) => valuesEqual(e, ys[i]));
    }
    case 'M': {
      const xs = x as AttributeMap;
      const ys = y as AttributeMap;
      return Object.keys(xs).length === Object.keys(ys).length && Object.keys(xs).every((k) => k in ys && valuesEqual(xs[k], ys[k]));
    }
    default: return x === y;
  }
}

/** Whether two elements of a set of this type are equal (numbers by value, binaries by bytes). */
export function sameElement(setType: TypeName, a: string, b: string): boolean {
  const type = setType[0] as TypeName;
  return valuesEqual(makeValue(type, a), makeValue(type, b));
}

/**
 * Order of two scalars of one type (N by value, S by UTF-8 bytes, B by
 * bytes); undefined when they cannot be ordered (other types, or two types).
 */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const type = typeOf(a);
  if (type !== typeOf(b)) return undefined;
  if (type === 'N') return compareNumbers(parseNumber(payload(a) as string), parseNumber(payload(b) as string));
  if (type === 'S') return Buffer.compare(Buffer.from(payload(a) as string), Buffer.from(payload(b) as string));
  if (type === 'B') return Buffer.compare(Buffer.from(payload(a) as string, 'base64'), Buffer.from(payload(b) as string, 'base64'));
  return undefined;
}

/** A value as plain JavaScript, for tests: N as a number, sets as sorted arrays, B as a Buffer. */
export function toPlain(value: AttributeValue): unknown {
  const v = payload(value);
  switch (typeOf(value)) {
    case 'N': return Number(v);
    case 'B': return Buffer.from(v as string, 'base64');
    case 'NULL': return null;
    case 'M': return plainItem(v as AttributeMap);
    case 'L': return (v as AttributeValue[]).map(toPlain);
    case 'SS': return [...(v as string[])].sort();
    case 'NS': return (v as string[]).map(Number).sort((x, y) => x - y);
    case 'BS': return (v as string[]).map((e) => Buffer.from(e, 'base64'));
    default: return v;
  }
}

export function plainItem(item: AttributeMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toPlain(v)]));
}
