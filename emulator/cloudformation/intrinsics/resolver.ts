import { isDeepStrictEqual } from 'util';
import { ValidationError } from '../errors';
import { Template, TemplateValue } from '../template';
import { parseSubTemplate, subjectOf } from './sub';

/** What intrinsic functions read: parameters, resources, conditions, mappings. */
export interface ResolutionScope {
  readonly mappings: Template['Mappings'];
  readonly region: string;
  /** The value of a parameter or pseudo parameter, or undefined when `name` is neither. */
  parameterValue(name: string): unknown;
  /** The Ref of a resource (undefined when there is no such resource). */
  resourceRef(logicalId: string): unknown;
  /** An attribute of a resource (throws when the resource or the attribute is unknown). */
  resourceAttribute(logicalId: string, attribute: string): unknown;
  conditionValue(name: string): boolean;
  /** The value another stack exports under `name` (Fn::ImportValue; throws when none does). */
  importValue(name: string): unknown;
}

/** `Ref: AWS::NoValue`: removes the property or list element holding it. */
export const NO_VALUE = Symbol('AWS::NoValue');

type Intrinsic = (args: unknown, where: string, resolver: IntrinsicResolver) => unknown;

/** The functions the engine evaluates; any other `Fn::*` is rejected by name. */
const INTRINSICS: Record<string, Intrinsic> = {
  'Ref': (name, where, r) => r.ref(text(r.evaluate(name, where), 'Ref', where), where),
  'Fn::GetAtt': (args, where, r) => {
    const [logicalId, attribute] = typeof args === 'string' ? splitOnce(args, '.') : list(r.evaluate(args, where), 'Fn::GetAtt', where, 2);
    return r.scope.resourceAttribute(text(logicalId, 'Fn::GetAtt', where), text(attribute, 'Fn::GetAtt', where));
  },
  'Fn::ImportValue': (args, where, r) => r.scope.importValue(text(r.evaluate(args, where), 'Fn::ImportValue', where)),
  'Fn::Join': (args, where, r) => {
    const [delimiter, values] = list(args, 'Fn::Join', where, 2);
    return list(r.evaluate(values, where), 'Fn::Join', where).map((v) => scalar(v, 'Fn::Join', where)).join(text(delimiter, 'Fn::Join', where));
  },
  'Fn::Sub': (args, where, r) => {
    const [body, variables] = typeof args === 'string' ? [args, {}] : list(args, 'Fn::Sub', where, 2);
    const resolvedVariables = r.evaluate(variables, where) as Record<string, unknown>;
    return parseSubTemplate(text(body, 'Fn::Sub', where)).map((part) => {
      if ('literal' in part) return part.literal;
      if (part.variable in resolvedVariables) return scalar(resolvedVariables[part.variable], 'Fn::Sub', where);
      const value = part.variable.includes('.')
        ? r.scope.resourceAttribute(subjectOf(part.variable), part.variable.slice(subjectOf(part.variable).length + 1))
        : r.ref(part.variable, where);
      return scalar(value, 'Fn::Sub', where);
    }).join('');
  },
  'Fn::Select': (args, where, r) => {
    const [index, values] = list(r.evaluate(args, where), 'Fn::Select', where, 2);
    const items = list(values, 'Fn::Select', where);
    const i = Number(index);
    if (!Number.isInteger(i) || i < 0 || i >= items.length) throw new ValidationError(`Template error: Fn::Select index ${index} is out of bounds (${where})`);
    return items[i];
  },
  'Fn::Split': (args, where, r) => {
    const [delimiter, source] = list(r.evaluate(args, where), 'Fn::Split', where, 2);
    return text(source, 'Fn::Split', where).split(text(delimiter, 'Fn::Split', where));
  },
  'Fn::If': (args, where, r) => {
    const [condition, whenTrue, whenFalse] = list(args, 'Fn::If', where, 3);
    return r.evaluate(r.scope.conditionValue(text(condition, 'Fn::If', where)) ? whenTrue : whenFalse, where);
  },
  'Fn::Equals': (args, where, r) => {
    const [a, b] = list(r.evaluate(args, where), 'Fn::Equals', where, 2);
    return isDeepStrictEqual(stringified(a), stringified(b));
  },
  'Fn::Not': (args, where, r) => !r.condition(list(args, 'Fn::Not', where, 1)[0], where),
  'Fn::And': (args, where, r) => list(args, 'Fn::And', where).every((c) => r.condition(c, where)),
  'Fn::Or': (args, where, r) => list(args, 'Fn::Or', where).some((c) => r.condition(c, where)),
  'Condition': (name, where, r) => r.scope.conditionValue(text(name, 'Condition', where)),
  'Fn::FindInMap': (args, where, r) => {
    const [map, top, second] = list(r.evaluate(args, where), 'Fn::FindInMap', where, 3).map((v) => text(v, 'Fn::FindInMap', where));
    const value = r.scope.mappings?.[map]?.[top]?.[second];
    if (value === undefined) throw new ValidationError(`Template error: Fn::FindInMap finds no ${map}/${top}/${second} (${where})`);
    return value;
  },
  'Fn::GetAZs': (args, where, r) => {
    const region = text(r.evaluate(args, where), 'Fn::GetAZs', where) || r.scope.region;
    return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
  },
  'Fn::Base64': (args, where, r) => Buffer.from(text(r.evaluate(args, where), 'Fn::Base64', where)).toString('base64'),
  // Rule functions (the Rules section).
  'Fn::Contains': (args, where, r) => {
    const [values, value] = list(r.evaluate(args, where), 'Fn::Contains', where, 2);
    return list(values, 'Fn::Contains', where).some((v) => isDeepStrictEqual(stringified(v), stringified(value)));
  },
  'Fn::EachMemberEquals': (args, where, r) => {
    const [values, value] = list(r.evaluate(args, where), 'Fn::EachMemberEquals', where, 2);
    return list(values, 'Fn::EachMemberEquals', where).every((v) => isDeepStrictEqual(stringified(v), stringified(value)));
  },
  'Fn::EachMemberIn': (args, where, r) => {
    const [values, allowed] = list(r.evaluate(args, where), 'Fn::EachMemberIn', where, 2).map((v) => list(v, 'Fn::EachMemberIn', where));
    return values.every((v) => allowed.some((a) => isDeepStrictEqual(stringified(v), stringified(a))));
  },
};

/** Evaluates the intrinsic functions in template values against a scope. */
export class IntrinsicResolver {
  constructor(public readonly scope: ResolutionScope) {}

  /** The value with every intrinsic evaluated; `where` names the place for error messages. */
  public resolve(value: TemplateValue, where: string): unknown {
    const resolved = this.evaluate(value, where);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** A condition: a `Condition` reference or a condition function. */
  public condition(value: TemplateValue, where: string): boolean {
    const result = this.evaluate(value, where);
    if (typeof result !== 'boolean') throw new ValidationError(`Template error: ${JSON.stringify(value)} is not a condition (${where})`);
    return result;
  }

  public ref(name: string, where: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const parameter = this.scope.parameterValue(name);
    if (parameter !== undefined) return parameter;
    const ref = this.scope.resourceRef(name);
    if (ref === undefined) throw new ValidationError(`Template error: unresolved reference ${name} (${where})`);
    return ref;
  }

  /** Like `resolve`, but a value that is `AWS::NoValue` stays NO_VALUE for the enclosing object or list to drop. */
  public evaluate(value: TemplateValue, where: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.evaluate(v, where)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const name = intrinsicName(value);
    if (name) return INTRINSICS[name]((value as Record<string, unknown>)[name], where, this);
    const entries = Object.entries(value).map(([k, v]) => [k, this.evaluate(v, where)] as const);
    return Object.fromEntries(entries.filter(([, v]) => v !== NO_VALUE));
  }
}

/**
 * The intrinsic an object is, if any. A one-key `Condition` object counts only
 * where conditions are evaluated, so IAM statements keep their `Condition`.
 */
function intrinsicName(value: object): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === 'Ref' || key.startsWith('Fn::') || (key === 'Condition' && typeof (value as Record<string, unknown>)[key] === 'string') ? key : undefined;
}

/** Rejects, by name and place, every `Fn::*` the engine does not evaluate. */
export function checkIntrinsics(value: TemplateValue, where: string): void {
  if (Array.isArray(value)) {
    value.forEach((v) => checkIntrinsics(v, where));
  } else if (value !== null && typeof value === 'object') {
    const name = intrinsicName(value);
    if (name && !(name in INTRINSICS)) throw new ValidationError(`Template error: ${name} is not supported by the local engine (${where})`);
    Object.values(value).forEach((v) => checkIntrinsics(v, where));
  }
}

function list(value: unknown, fn: string, where: string, length?: number): unknown[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw new ValidationError(`Template error: ${fn} expects ${length === undefined ? 'a list' : `a list of ${length}`}, got ${JSON.stringify(value)} (${where})`);
  }
  return value;
}

function text(value: unknown, fn: string, where: string): string {
  if (typeof value !== 'string') throw new ValidationError(`Template error: ${fn} expects a string, got ${JSON.stringify(value)} (${where})`);
  return value;
}

function scalar(value: unknown, fn: string, where: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ValidationError(`Template error: ${fn} expects strings, got ${JSON.stringify(value)} (${where})`);
}

function splitOnce(value: string, separator: string): [string, string] {
  const i = value.indexOf(separator);
  return i < 0 ? [value, ''] : [value.slice(0, i), value.slice(i + 1)];
}

/** Scalars as strings, as CloudFormation compares them. */
function stringified(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringified);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
