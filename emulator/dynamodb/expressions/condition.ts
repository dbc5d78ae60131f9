/*
 * Condition expressions (ConditionExpression, FilterExpression): the grammar
 * and the evaluation of the developer guide's "Comparison operator and
 * function reference"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html):
 * comparisons, BETWEEN, IN, attribute_exists, attribute_not_exists,
 * attribute_type, begins_with, contains, size; NOT over AND over OR.
 */
import { ExpressionKind, ExpressionParser, Placeholders } from './parser';
import { getPath, Path } from './paths';
import { AttributeMap, AttributeValue, compareValues, makeValue, payload, TypeName, TYPES, typeOf, valuesEqual } from '../attribute-values';
import { validation } from '../errors';

type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Operand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  | { readonly kind: 'size'; readonly path: Path };

export type Condition =
  | { readonly kind: 'compare'; readonly comparator: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly name: string; readonly args: readonly Operand[] }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly operand: Condition };

const COMPARATORS: readonly Comparator[] = ['=', '<>', '<', '<=', '>', '>='];
/** Condition functions and how many operands each takes. */
const FUNCTIONS: Readonly<Record<string, number>> = {
  attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2,
};
/** IN takes at most 100 values (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters). */
const MAX_IN_OPERANDS = 100;

export function parseCondition(kind: ExpressionKind, source: string, placeholders: Placeholders): Condition {
  const parser = new ConditionParser(kind, source, placeholders);
  const condition = parser.or();
  parser.expectEnd();
  return condition;
}

class ConditionParser extends ExpressionParser {
  public or(): Condition {
    let left = this.and();
    while (this.accept('OR')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.accept('AND')) left = { kind: 'and', left, right: this.not() };
    return left;
  }

  private not(): Condition {
    if (this.accept('NOT')) return { kind: 'not', operand: this.not() };
    return this.primary();
  }

  private primary(): Condition {
    if (this.accept('(')) {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const token = this.current;
    if (token.type === 'identifier' && this.peek().text === '(' && token.text.toLowerCase() !== 'size') return this.function();
    const operand = this.operand();
    const comparator = COMPARATORS.find((c) => this.is(c));
    if (comparator) {
      this.next();
      return { kind: 'compare', comparator, left: operand, right: this.operand() };
    }
    if (this.accept('BETWEEN')) {
      const low = this.operand();
      this.expect('AND');
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (this.accept('IN')) {
      this.expect('(');
      const list = [this.operand()];
      while (this.accept(',')) list.push(this.operand());
      this.expect(')');
      if (list.length > MAX_IN_OPERANDS) throw validation(`Invalid ${this.kind}: The IN operator is provided with too many operands; number of operands: ${list.length}`);
      return { kind: 'in', operand, list };
    }
    throw this.syntaxError();
  }

  private function(): Condition {
    const token = this.next();
    const name = token.text;
    const arity = FUNCTIONS[name];
    if (arity === undefined) throw validation(`Invalid ${this.kind}: Invalid function name; function: ${name}`);
    this.expect('(');
    const args = [this.operand()];
    while (this.accept(',')) args.push(this.operand());
    this.expect(')');
    if (args.length !== arity) throw validation(`Invalid ${this.kind}: Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    if (args[0].kind !== 'path') throw validation(`Invalid ${this.kind}: Operator or function requires a document path; operator or function: ${name}`);
    if (name === 'attribute_type') {
      const type = args[1];
      if (type.kind !== 'value' || typeOf(type.value) !== 'S') throw validation(`Invalid ${this.kind}: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${type.kind === 'value' ? typeOf(type.value) : 'path'}`);
      const wanted = payload(type.value) as string;
      if (!(TYPES as readonly string[]).includes(wanted)) {
        throw validation(`Invalid ${this.kind}: Invalid attribute type name found; type: ${wanted}, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }`);
      }
    }
    if (name === 'begins_with' && args[1].kind === 'value' && !['S', 'B'].includes(typeOf(args[1].value))) {
      throw validation(`Invalid ${this.kind}: Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(args[1].value)}`);
    }
    return { kind: 'function', name, args };
  }

  private operand(): Operand {
    const token = this.current;
    if (token.type === 'value') return { kind: 'value', value: this.valuePlaceholder().value };
    if (token.type === 'identifier' && token.text.toLowerCase() === 'size' && this.peek().text === '(') {
      this.next();
      this.next();
      if (this.current.type === 'value') throw validation(`Invalid ${this.kind}: Operator or function requires a document path; operator or function: size`);
      const path = this.path();
      this.expect(')');
      return { kind: 'size', path };
    }
    if (token.type === 'identifier' || token.type === 'name') return { kind: 'path', path: this.path() };
    throw this.syntaxError();
  }
}

/** Whether the item (undefined: none) satisfies the condition. */
export function evaluateCondition(condition: Condition, item: AttributeMap | undefined): boolean {
  const it = item ?? {};
  switch (condition.kind) {
    case 'and': return evaluateCondition(condition.left, item) && evaluateCondition(condition.right, item);
    case 'or': return evaluateCondition(condition.left, item) || evaluateCondition(condition.right, item);
    case 'not': return !evaluateCondition(condition.operand, item);
    case 'compare': return compare(condition.comparator, resolve(condition.left, it), resolve(condition.right, it));
    case 'between': {
      const value = resolve(condition.operand, it);
      const low = resolve(condition.low, it);
      const high = resolve(condition.high, it);
      if (low && high && (compareValues(low, high) ?? 0) > 0) {
        throw validation('Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; '
          + `lower bound operand: AttributeValue: {${typeOf(low)}:${String(payload(low))}}, upper bound operand: AttributeValue: {${typeOf(high)}:${String(payload(high))}}`);
      }
      return compare('>=', value, low) && compare('<=', value, high);
    }
    case 'in': {
      const value = resolve(condition.operand, it);
      return value !== undefined && condition.list.some((o) => compare('=', value, resolve(o, it)));
    }
    case 'function': return evaluateFunction(condition.name, condition.args, it);
  }
}

function evaluateFunction(name: string, args: readonly Operand[], item: AttributeMap): boolean {
  const target = resolve(args[0], item);
  const argument = args[1] ? resolve(args[1], item) : undefined;
  switch (name) {
    case 'attribute_exists': return target !== undefined;
    case 'attribute_not_exists': return target === undefined;
    case 'attribute_type': return target !== undefined && typeOf(target) === payload(argument!);
    case 'begins_with': {
      if (!target || !argument || typeOf(target) !== typeOf(argument)) return false;
      if (typeOf(target) === 'S') return (payload(target) as string).startsWith(payload(argument) as string);
      if (typeOf(target) === 'B') {
        const prefix = Buffer.from(payload(argument) as string, 'base64');
        return Buffer.from(payload(target) as string, 'base64').subarray(0, prefix.length).equals(prefix);
      }
      return false;
    }
    case 'contains': {
      if (!target || !argument) return false;
      const type = typeOf(target);
      if (type === 'S' && typeOf(argument) === 'S') return (payload(target) as string).includes(payload(argument) as string);
      if (type === 'SS' || type === 'NS' || type === 'BS') {
        return typeOf(argument) === type[0] && (payload(target) as string[]).some((e) => valuesEqual(makeValue(type[0] as TypeName, e), argument));
      }
      if (type === 'L') return (payload(target) as AttributeValue[]).some((e) => valuesEqual(e, argument));
      return false;
    }
    default: return false;
  }
}

function resolve(operand: Operand, item: AttributeMap): AttributeValue | undefined {
  if (operand.kind === 'value') return operand.value;
  const value = getPath(item, operand.path);
  if (operand.kind === 'path' || value === undefined) return value;
  return sizeOf(value);
}

/** size(): a string's characters, a binary's bytes, the elements of a set, list or map; no size for other types. */
function sizeOf(value: AttributeValue): AttributeValue | undefined {
  const v = payload(value);
  switch (typeOf(value)) {
    case 'S': return { N: String([...(v as string)].length) };
    case 'B': return { N: String(Buffer.from(v as string, 'base64').length) };
    case 'SS': case 'NS': case 'BS': case 'L': return { N: String((v as unknown[]).length) };
    case 'M': return { N: String(Object.keys(v as object).length) };
    default: return undefined;
  }
}

/**
 * A comparison: false when an operand is missing, except `<>`, which a
 * missing attribute satisfies; ordering only between scalars of one type.
 */
function compare(comparator: Comparator, left: AttributeValue | undefined, right: AttributeValue | undefined): boolean {
  if (left === undefined || right === undefined) return comparator === '<>' && (left !== undefined || right !== undefined);
  if (comparator === '=') return valuesEqual(left, right);
  if (comparator === '<>') return !valuesEqual(left, right);
  const order = compareValues(left, right);
  if (order === undefined) return false;
  switch (comparator) {
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    default: return order >= 0;
  }
}
