/*
 * Table-driven request validation from the constraints fixture: the constructs
 * check their props at synth time (checkValue), the local Bedrock emulator
 * checks whole requests (validateInput). Both go through the same walk, so a
 * rule is implemented once.
 *
 * Free of aws-cdk-lib, as the whole contract layer: the emulator loads it.
 * A construct passes `skip` (unresolved tokens), which only it can tell.
 */
import { MemberConstraints, operation, resolvePath, shape, ShapeConstraints, ShapeType } from './constraints';

export type RuleKind = 'required' | 'length.min' | 'length.max' | 'pattern' | 'enum' | 'range.min' | 'range.max';

/** What a length counts: code points of a string, bytes of a blob, elements of a list, entries of a map. */
export type LengthUnit = 'character' | 'byte' | 'item' | 'entry';

/**
 * A constraint on a value. `shape` names where the model states it: a shape
 * (`JobName`) or a member (`CreateModelCustomizationJobRequest$jobName`,
 * `RequestMetadataMap$key`).
 */
export type Rule =
  | { readonly kind: 'required'; readonly shape: string }
  | { readonly kind: 'length.min' | 'length.max'; readonly shape: string; readonly bound: number; readonly unit: LengthUnit }
  | { readonly kind: 'range.min' | 'range.max'; readonly shape: string; readonly bound: number }
  | { readonly kind: 'pattern'; readonly shape: string; readonly pattern: string }
  | { readonly kind: 'enum'; readonly shape: string; readonly values: ReadonlyArray<string | number> };

export interface Violation {
  /** Where in the input: `validationDataConfig.validators[0].s3Uri`, `equals["k"]`; '' for the input itself. */
  readonly path: string;
  readonly rule: RuleKind | 'type' | 'union' | 'unknown-member';
  readonly message: string;
}

export interface CheckOptions {
  /** Report a missing value when the model requires the member (off by default: the construct decides). */
  readonly required?: boolean;
  /** Check the value itself (a list's length, say) but not its elements, which the caller checks under labels of its own. */
  readonly shallow?: boolean;
  /** Values not to check, nor anything nested in them (a construct's unresolved tokens). */
  readonly skip?: (value: unknown) => boolean;
}

/** What one walk collects, and what it leaves out. */
interface Walk {
  readonly violations: Violation[];
  readonly skip: (value: unknown) => boolean;
}

/** Every rule that applies to the value at `path` of `inputShape` (see resolvePath for the syntax). */
export function rulesAt(inputShape: string, path: string): Rule[] {
  const { id, ref } = resolvePath(inputShape, path);
  return [...rulesFor(id, ref)];
}

/**
 * Checks one value, and everything nested in it, against the rules at `path`.
 * Returns messages that start with `prop`, the name the user knows the value
 * by; empty when valid. What `options.skip` names is skipped (a construct: unresolved tokens), and so is `undefined`
 * unless `options.required` asks for the model's required rule.
 */
export function checkValue(inputShape: string, path: string, value: unknown, prop: string, options: CheckOptions = {}): string[] {
  const { id, ref } = resolvePath(inputShape, path);
  if (value === undefined || value === null) {
    return options.required && ref.required ? [`${prop} is required`] : [];
  }
  const out: Walk = { violations: [], skip: options.skip ?? (() => false) };
  walk(id, ref, value, prop, out, !options.shallow);
  return out.violations.map((v) => v.message);
}

/** Validates a whole operation input (as the SDK would serialize it, before HTTP binding). */
export function validateInput(operationName: string, input: unknown): Violation[] {
  const inputShape = operation(operationName).input;
  const out: Walk = { violations: [], skip: () => false };
  walk(inputShape, { target: inputShape }, input ?? {}, '', out);
  return out.violations;
}

const TYPES: Record<ShapeType, [string, (v: unknown) => boolean]> = {
  structure: ['an object', isRecord],
  union: ['an object', isRecord],
  map: ['an object', isRecord],
  list: ['a list', Array.isArray],
  string: ['a string', isString],
  enum: ['a string', isString],
  intEnum: ['an integer', Number.isInteger],
  byte: ['an integer', Number.isInteger],
  short: ['an integer', Number.isInteger],
  integer: ['an integer', Number.isInteger],
  long: ['an integer', Number.isInteger],
  bigInteger: ['an integer', Number.isInteger],
  float: ['a number', isNumber],
  double: ['a number', isNumber],
  bigDecimal: ['a number', isNumber],
  boolean: ['a boolean', (v) => typeof v === 'boolean'],
  // Epoch seconds in JSON bodies, date-time strings in queries, Date objects from code.
  timestamp: ['a timestamp', (v) => isNumber(v) || (isString(v) && !isNaN(Date.parse(v))) || (v instanceof Date && !isNaN(v.getTime()))],
  blob: ['a blob', (v) => isString(v) || v instanceof Uint8Array],
  document: ['a document', () => true],
};

const LENGTH_UNITS: Partial<Record<ShapeType, LengthUnit>> = { string: 'character', blob: 'byte', list: 'item', map: 'entry' };
const PLURALS: Record<LengthUnit, string> = { character: 'characters', byte: 'bytes', item: 'items', entry: 'entries' };

function walk(id: string, ref: MemberConstraints, value: unknown, path: string, out: Walk, nested: boolean = true): void {
  if (value === undefined || value === null || out.skip(value)) return;
  const s = shape(ref.target);
  const [expected, isType] = TYPES[s.type];
  if (!isType(value)) {
    out.violations.push({ path, rule: 'type', message: `${display(path)} must be ${expected} (got ${describe(value)})` });
    return;
  }
  for (const rule of rulesFor(id, ref)) {
    const message = rule.kind === 'required' ? undefined : check(rule, value, display(path));
    if (message) out.violations.push({ path, rule: rule.kind, message });
  }
  if (!nested) return;
  if (s.type === 'structure' || s.type === 'union') {
    walkMembers(ref.target, s, value as Record<string, unknown>, path, out);
  } else if (s.type === 'list') {
    (value as unknown[]).forEach((element, i) => walkElement(`${ref.target}$member`, s.member!, element, `${path}[${i}]`, out));
  } else if (s.type === 'map') {
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
      walk(`${ref.target}$key`, s.key!, key, `${display(path)} key ${JSON.stringify(key)}`, out);
      walkElement(`${ref.target}$value`, s.value!, element, `${path}[${JSON.stringify(key)}]`, out);
    }
  }
}

/** Lists and maps are not sparse: an element may not be null. */
function walkElement(id: string, ref: MemberConstraints, value: unknown, path: string, out: Walk): void {
  if (value === undefined || value === null) {
    out.violations.push({ path, rule: 'type', message: `${path} must not be ${String(value)}` });
  } else {
    walk(id, ref, value, path, out);
  }
}

function walkMembers(shapeName: string, s: ShapeConstraints, value: Record<string, unknown>, path: string, out: Walk): void {
  const members = s.members ?? {};
  const join = (name: string) => (path ? `${path}.${name}` : name);
  for (const name of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(members, name)) {
      out.violations.push({ path: join(name), rule: 'unknown-member', message: `${join(name)} is not a member of ${shapeName}` });
    }
  }
  const set: string[] = [];
  for (const [name, member] of Object.entries(members)) {
    const memberValue = value[name];
    // A JSON null is an absent member.
    if (memberValue === undefined || memberValue === null) {
      if (member.required && s.type === 'structure') out.violations.push({ path: join(name), rule: 'required', message: `${join(name)} is required` });
      continue;
    }
    set.push(name);
    walk(`${shapeName}$${name}`, member, memberValue, join(name), out);
  }
  if (s.type === 'union' && set.length !== 1) {
    const got = set.length === 0 ? 'none' : set.join(', ');
    out.violations.push({ path, rule: 'union', message: `${display(path)} must set exactly one of ${Object.keys(members).join(', ')} (got ${got})` });
  }
}

const ruleCache = new Map<string, readonly Rule[]>();

/** The rules of a member (or element, key, value) id: its own constraint traits override its target's, as in Smithy. */
function rulesFor(id: string, ref: MemberConstraints): readonly Rule[] {
  const cached = ruleCache.get(id);
  if (cached) return cached;
  const s = shape(ref.target);
  const from = (onMember: boolean) => (onMember ? id : ref.target);
  const rules: Rule[] = [];
  if (ref.required) rules.push({ kind: 'required', shape: id });
  const length = ref.length ?? s.length;
  const unit = LENGTH_UNITS[s.type];
  if (length && unit) {
    const owner = from(ref.length !== undefined);
    if (length.min !== undefined) rules.push({ kind: 'length.min', shape: owner, bound: length.min, unit });
    if (length.max !== undefined) rules.push({ kind: 'length.max', shape: owner, bound: length.max, unit });
  }
  const pattern = ref.pattern ?? s.pattern;
  if (pattern !== undefined) rules.push({ kind: 'pattern', shape: from(ref.pattern !== undefined), pattern });
  if (s.enum) rules.push({ kind: 'enum', shape: ref.target, values: s.enum });
  const range = ref.range ?? s.range;
  if (range) {
    const owner = from(ref.range !== undefined);
    if (range.min !== undefined) rules.push({ kind: 'range.min', shape: owner, bound: range.min });
    if (range.max !== undefined) rules.push({ kind: 'range.max', shape: owner, bound: range.max });
  }
  ruleCache.set(id, rules);
  return rules;
}

/** The message of a broken rule, or undefined. `value` already has the shape's type. */
function check(rule: Rule, value: unknown, prop: string): string | undefined {
  switch (rule.kind) {
    case 'length.min':
    case 'length.max': {
      const n = lengthOf(value, rule.unit);
      const broken = rule.kind === 'length.min' ? n < rule.bound : n > rule.bound;
      const verb = rule.unit === 'item' || rule.unit === 'entry' ? 'have' : 'be';
      const unit = rule.bound === 1 ? rule.unit : PLURALS[rule.unit];
      return broken ? `${prop} must ${verb} at ${rule.kind === 'length.min' ? 'least' : 'most'} ${rule.bound} ${unit} (got ${n})` : undefined;
    }
    case 'range.min':
      return (value as number) < rule.bound ? `${prop} must be at least ${rule.bound} (got ${value})` : undefined;
    case 'range.max':
      return (value as number) > rule.bound ? `${prop} must be at most ${rule.bound} (got ${value})` : undefined;
    case 'pattern':
      return regex(rule.pattern).test(value as string) ? undefined : `${prop} must match the pattern ${rule.pattern} (got ${describe(value)})`;
    case 'enum':
      return rule.values.includes(value as string | number) ? undefined : `${prop} must be one of ${rule.values.join(', ')} (got ${describe(value)})`;
    case 'required':
      return undefined;
  }
}

function lengthOf(value: unknown, unit: LengthUnit): number {
  if (typeof value === 'string') return unit === 'byte' ? Buffer.byteLength(value) : [...value].length; // Smithy counts code points
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length;
  return Object.keys(value as object).length;
}

const regexCache = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern); // Smithy patterns are ECMA-262 and not implicitly anchored
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const codePoints = [...value];
    return JSON.stringify(codePoints.length > 100 ? `${codePoints.slice(0, 100).join('')}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}

function display(path: string): string {
  return path || 'input';
}

function isRecord(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number';
}
