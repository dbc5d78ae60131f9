/*
 * EventBridge event patterns
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and
 * eb-event-patterns-content-based-filtering.html): a pattern has the event's
 * structure; each leaf is an array of exact values (strings, numbers,
 * booleans, null) and of `prefix`, `anything-but` and `exists` matchers, any
 * of which may match; every field of the pattern must match.
 */
import { ValidationError } from '../errors';

export type EventPattern = Readonly<Record<string, unknown>>;

/** Operators EventBridge has that the local engine does not evaluate. */
const UNSUPPORTED = ['numeric', 'suffix', 'equals-ignore-case', 'wildcard', 'cidr'];

/** A rule's EventPattern (an object, or its JSON), checked; throws ValidationError naming what is wrong. */
export function parseEventPattern(value: unknown, where: string): EventPattern {
  let pattern = value;
  if (typeof value === 'string') {
    try {
      pattern = JSON.parse(value);
    } catch {
      throw invalid(where, 'the pattern is not JSON');
    }
  }
  if (!isObject(pattern)) throw invalid(where, 'the pattern must be a JSON object');
  checkObject(pattern, where, '');
  return pattern;
}

/** Whether the event (any JSON object) matches the pattern. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  const fields = isObject(event) ? event : {};
  return Object.entries(pattern).every(([key, expected]) => {
    const present = Object.prototype.hasOwnProperty.call(fields, key);
    const actual = present ? fields[key] : undefined;
    if (Array.isArray(expected)) return matchesLeaf(expected, leafValues(actual, present));
    // A nested pattern looks inside an object, or inside each object of an array.
    if (Array.isArray(actual)) return actual.some((item) => matchesPattern(expected as EventPattern, item));
    return matchesPattern(expected as EventPattern, actual);
  });
}

function checkObject(pattern: Record<string, unknown>, where: string, path: string): void {
  for (const [key, value] of Object.entries(pattern)) {
    const at = `${path}${key}`;
    if (key === '$or') throw unsupported(where, `"$or" (at ${at})`);
    if (isObject(value)) checkObject(value, where, `${at}.`);
    else if (Array.isArray(value)) value.forEach((matcher) => checkMatcher(matcher, where, at));
    else throw invalid(where, `"${at}" must be an object or an array`);
  }
}

function checkMatcher(matcher: unknown, where: string, at: string): void {
  if (!isObject(matcher)) {
    if (Array.isArray(matcher)) throw invalid(where, `"${at}" holds an array inside its array`);
    return;
  }
  const keys = Object.keys(matcher);
  if (keys.length !== 1) throw invalid(where, `"${at}": a match object has exactly one operator (${keys.join(', ') || 'none'})`);
  const [operator] = keys;
  const operand = matcher[operator];
  if (UNSUPPORTED.includes(operator)) throw unsupported(where, `"${operator}" matching (at ${at})`);
  if (operator === 'prefix') {
    if (typeof operand !== 'string') throw invalid(where, `"${at}": prefix match pattern must be a string`);
  } else if (operator === 'exists') {
    if (typeof operand !== 'boolean') throw invalid(where, `"${at}": exists match pattern must be either true or false`);
  } else if (operator === 'anything-but') {
    checkAnythingBut(operand, where, at);
  } else {
    throw invalid(where, `"${at}": unrecognized match type ${operator}`);
  }
}

function checkAnythingBut(operand: unknown, where: string, at: string): void {
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length === 1 && keys[0] === 'prefix' && typeof operand.prefix === 'string') return;
    if (keys.length === 1 && ['suffix', 'equals-ignore-case', 'wildcard'].includes(keys[0])) throw unsupported(where, `"anything-but" with "${keys[0]}" (at ${at})`);
    throw invalid(where, `"${at}": inside anything-but, only a prefix, a string, a number or a list of them`);
  }
  const values = Array.isArray(operand) ? operand : [operand];
  const kinds = new Set(values.map((v) => typeof v));
  if (values.length === 0 || kinds.size !== 1 || !(kinds.has('string') || kinds.has('number'))) {
    throw invalid(where, `"${at}": inside anything-but list, only strings or only numbers`);
  }
}

/**
 * The leaf values a field holds: its value, or the elements of its array.
 * Objects are not leaves, so `exists` does not see them.
 */
function leafValues(actual: unknown, present: boolean): unknown[] {
  if (!present) return [];
  return (Array.isArray(actual) ? actual : [actual]).filter((value) => !isObject(value) && !Array.isArray(value));
}

function matchesLeaf(matchers: readonly unknown[], values: readonly unknown[]): boolean {
  return matchers.some((matcher) => {
    if (!isObject(matcher)) return values.some((value) => equal(matcher, value));
    if ('exists' in matcher) return matcher.exists ? values.length > 0 : values.length === 0;
    if ('prefix' in matcher) return values.some((value) => hasPrefix(value, matcher.prefix as string));
    const excluded = matcher['anything-but'];
    if (isObject(excluded)) return values.some((value) => !hasPrefix(value, excluded.prefix as string));
    const list = Array.isArray(excluded) ? excluded : [excluded];
    return values.some((value) => !list.some((item) => equal(item, value)));
  });
}

function hasPrefix(value: unknown, prefix: string): boolean {
  return typeof value === 'string' && value.startsWith(prefix);
}

/** Exact match: same type and value (strings character by character). */
function equal(expected: unknown, value: unknown): boolean {
  return expected === value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** EventBridge's wording for a bad pattern (PutRule's InvalidEventPatternException). */
function invalid(where: string, reason: string): ValidationError {
  return new ValidationError(`${where}: Event pattern is not valid. Reason: ${reason}`);
}

function unsupported(where: string, what: string): ValidationError {
  return new ValidationError(`${where}: ${what} is not supported by the local engine's EventBridge (it matches exact values, prefix, anything-but and exists)`);
}
