/*
 * Update expressions: SET (with +, -, if_not_exists, list_append), REMOVE,
 * ADD (numbers and sets), DELETE (sets), each clause once, as the developer
 * guide's "Using update expressions" describes them
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html).
 * Every value is computed from the item as it was, then the actions apply.
 */
import { ExpressionParser, Placeholders } from './parser';
import { formatPath, getPath, Path, pathsOverlap, removePath, setPath } from './paths';
import { AttributeMap, AttributeValue, makeValue, payload, sameElement, TypeName, typeOf } from '../attribute-values';
import { validation } from '../errors';
import { addNumbers, formatNumber, parseNumber } from '../numbers';

type SetOperand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  | { readonly kind: 'if_not_exists'; readonly path: Path; readonly fallback: SetOperand }
  | { readonly kind: 'list_append'; readonly first: SetOperand; readonly second: SetOperand };

type SetValue = SetOperand | { readonly kind: '+' | '-'; readonly left: SetOperand; readonly right: SetOperand };

export interface UpdateActions {
  readonly set: readonly { readonly path: Path; readonly value: SetValue }[];
  readonly remove: readonly Path[];
  readonly add: readonly { readonly path: Path; readonly value: AttributeValue }[];
  readonly delete: readonly { readonly path: Path; readonly value: AttributeValue }[];
}

const CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
/** Type names in ADD and DELETE's operand errors. */
const TYPE_WORDS: Readonly<Record<TypeName, string>> = {
  S: 'STRING', N: 'NUMBER', B: 'BINARY', BOOL: 'BOOLEAN', NULL: 'NULL', M: 'MAP', L: 'LIST', SS: 'SET', NS: 'SET', BS: 'SET',
};

const incorrectOperand = (operator: string, type: string) =>
  validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: ${operator}, operand type: ${type}`);
const incorrectDataType = () => validation('An operand in the update expression has an incorrect data type');

export function parseUpdate(source: string, placeholders: Placeholders): UpdateActions {
  const parser = new UpdateParser('UpdateExpression', source, placeholders);
  return parser.actions();
}

class UpdateParser extends ExpressionParser {
  public actions(): UpdateActions {
    const actions = { set: [], remove: [], add: [], delete: [] } as { -readonly [K in keyof UpdateActions]: UpdateActions[K][number][] };
    const seen = new Set<string>();
    while (this.current.type !== 'eof') {
      const clause = CLAUSES.find((c) => this.is(c));
      if (!clause) throw this.syntaxError();
      if (seen.has(clause)) throw validation(`Invalid UpdateExpression: The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      this.next();
      do {
        if (clause === 'SET') {
          const path = this.path();
          this.expect('=');
          actions.set.push({ path, value: this.setValue() });
        } else if (clause === 'REMOVE') {actions.remove.push(this.path());} else {
          const path = this.path();
          const { value } = this.valuePlaceholder();
          const type = typeOf(value);
          // ADD takes a number or a set; DELETE a set.
          if (clause === 'ADD' ? !['N', 'SS', 'NS', 'BS'].includes(type) : !['SS', 'NS', 'BS'].includes(type)) {
            throw validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ${clause}, operand type: ${TYPE_WORDS[type]}`);
          }
          (clause === 'ADD' ? actions.add : actions.delete).push({ path, value });
        }
      } while (this.accept(','));
    }
    checkOverlaps(updatedPaths(actions));
    return actions;
  }

  private setValue(): SetValue {
    const left = this.setOperand();
    for (const operator of ['+', '-'] as const) {
      if (this.accept(operator)) {
        const right = this.setOperand();
        for (const side of [left, right]) if (side.kind === 'value' && typeOf(side.value) !== 'N') throw incorrectOperand(operator, typeOf(side.value));
        return { kind: operator, left, right };
      }
    }
    return left;
  }

  private setOperand(): SetOperand {
    const token = this.current;
    if (token.type === 'value') return { kind: 'value', value: this.valuePlaceholder().value };
    if (token.type === 'identifier' && this.peek().text === '(') {
      const name = this.next().text;
      this.next();
      if (name === 'if_not_exists') {
        const path = this.path();
        this.expect(',');
        const fallback = this.setOperand();
        this.expect(')');
        return { kind: 'if_not_exists', path, fallback };
      }
      if (name === 'list_append') {
        const first = this.setOperand();
        this.expect(',');
        const second = this.setOperand();
        this.expect(')');
        for (const side of [first, second]) if (side.kind === 'value' && typeOf(side.value) !== 'L') throw incorrectOperand('list_append', typeOf(side.value));
        return { kind: 'list_append', first, second };
      }
      throw validation(`Invalid UpdateExpression: Invalid function name; function: ${name}`);
    }
    return { kind: 'path', path: this.path() };
  }
}

function checkOverlaps(paths: readonly Path[]): void {
  for (let i = 0; i < paths.length; i += 1) {
    for (let j = i + 1; j < paths.length; j += 1) {
      if (pathsOverlap(paths[i], paths[j])) {
        throw validation('Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; '
          + `path one: [${formatPath(paths[i])}], path two: [${formatPath(paths[j])}]`);
      }
    }
  }
}

/** Every path the update writes (for UPDATED_OLD and UPDATED_NEW, and the key check). */
export function updatedPaths(actions: UpdateActions): Path[] {
  return [...actions.set.map((a) => a.path), ...actions.remove, ...actions.add.map((a) => a.path), ...actions.delete.map((a) => a.path)];
}

/** The item after the update (the item may be new: only its key). */
export function applyUpdate(actions: UpdateActions, item: AttributeMap): AttributeMap {
  const values = actions.set.map((a) => evaluate(a.value, item));
  let result = item;
  actions.set.forEach((a, i) => {
    result = setPath(result, a.path, values[i]);
  });
  // Removing list elements from the last index first keeps the others' indexes.
  const removals = [...actions.remove].sort((a, b) => lastIndex(b) - lastIndex(a));
  for (const path of removals) result = removePath(result, path);
  for (const { path, value } of actions.add) result = setPath(result, path, add(getPath(result, path), value));
  for (const { path, value } of actions.delete) {
    const remaining = without(getPath(result, path), value);
    result = remaining ? setPath(result, path, remaining) : getPath(result, path) ? removePath(result, path) : result;
  }
  return result;
}

function lastIndex(path: Path): number {
  const last = path[path.length - 1];
  return 'index' in last ? last.index : -1;
}

function evaluate(value: SetValue, item: AttributeMap): AttributeValue {
  if (!isArithmetic(value)) return operand(value, item);
  const left = operand(value.left, item);
  const right = operand(value.right, item);
  if (typeOf(left) !== 'N' || typeOf(right) !== 'N') throw incorrectDataType();
  return sum(left, right, value.kind === '-');
}

/** a + b (or a − b) of two N values; a result DynamoDB cannot store is a ValidationException. */
function sum(a: AttributeValue, b: AttributeValue, subtract = false): AttributeValue {
  try {
    return { N: formatNumber(addNumbers(parseNumber(payload(a) as string), parseNumber(payload(b) as string), subtract)) };
  } catch (error) {
    throw validation((error as Error).message);
  }
}

function isArithmetic(value: SetValue): value is Extract<SetValue, { kind: '+' | '-' }> {
  return value.kind === '+' || value.kind === '-';
}

function operand(value: SetOperand, item: AttributeMap): AttributeValue {
  switch (value.kind) {
    case 'value': return value.value;
    case 'path': {
      const found = getPath(item, value.path);
      if (found === undefined) throw validation('The provided expression refers to an attribute that does not exist in the item');
      return found;
    }
    case 'if_not_exists': return getPath(item, value.path) ?? operand(value.fallback, item);
    case 'list_append': {
      const first = operand(value.first, item);
      const second = operand(value.second, item);
      if (typeOf(first) !== 'L' || typeOf(second) !== 'L') throw incorrectDataType();
      return { L: [...(payload(first) as AttributeValue[]), ...(payload(second) as AttributeValue[])] };
    }
  }
}

/** ADD: a number to a number (a missing one counts as 0), a set's elements to a set of the same type. */
function add(current: AttributeValue | undefined, value: AttributeValue): AttributeValue {
  const type = typeOf(value);
  if (current === undefined) return value;
  if (typeOf(current) !== type) throw incorrectDataType();
  if (type === 'N') return sum(current, value);
  const elements = [...(payload(current) as string[])];
  for (const e of payload(value) as string[]) {
    if (!elements.some((f) => sameElement(type, f, e))) elements.push(e);
  }
  return makeValue(type, elements);
}

/** DELETE: the set without the value's elements; undefined when nothing is left (the attribute goes). */
function without(current: AttributeValue | undefined, value: AttributeValue): AttributeValue | undefined {
  if (current === undefined) return undefined;
  const type = typeOf(value);
  if (typeOf(current) !== type) throw incorrectDataType();
  const removed = payload(value) as string[];
  const left = (payload(current) as string[]).filter((e) => !removed.some((f) => sameElement(type, e, f)));
  return left.length > 0 ? makeValue(type, left) : undefined;
}
