/*
 * What every expression shares: tokens, document paths, and the
 * ExpressionAttributeNames / ExpressionAttributeValues they draw on, with
 * DynamoDB's refusals ("Invalid <Expression>: Syntax error; token: ...",
 * a reserved word named bare, a placeholder not defined, one not used)
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html,
 * .../Expressions.ExpressionAttributeValues.html).
 */
import { Path, PathElement } from './paths';
import { isReservedWord } from './reserved-words';
import { AttributeValue, checkValue } from '../attribute-values';
import { validation } from '../errors';

export type ExpressionKind = 'ConditionExpression' | 'UpdateExpression' | 'ProjectionExpression' | 'FilterExpression' | 'KeyConditionExpression';

export interface Token {
  readonly type: 'identifier' | 'name' | 'value' | 'number' | 'symbol' | 'eof';
  readonly text: string;
  readonly start: number;
}

const SYMBOLS = ['<>', '<=', '>=', '(', ')', '[', ']', ',', '.', '=', '<', '>', '+', '-'];

function tokenize(kind: ExpressionKind, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const word = /^(#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*|[0-9]+)/.exec(rest);
    if (word) {
      const text = word[0];
      const type = text[0] === '#' ? 'name' : text[0] === ':' ? 'value' : /^[0-9]/.test(text) ? 'number' : 'identifier';
      tokens.push({ type, text, start: i });
      i += text.length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => rest.startsWith(s));
    if (!symbol) throw validation(`Invalid ${kind}: Syntax error; token: "${rest[0]}", near: "${source.slice(Math.max(0, i - 1), i + 2)}"`);
    tokens.push({ type: 'symbol', text: symbol, start: i });
    i += symbol.length;
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: source.length });
  return tokens;
}

/**
 * The request's ExpressionAttributeNames and ExpressionAttributeValues,
 * checked as DynamoDB checks them, and which of them the expressions used.
 */
export class Placeholders {
  private readonly names: Readonly<Record<string, string>>;
  private readonly values: Readonly<Record<string, AttributeValue>>;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(names: unknown, values: unknown, private readonly expressionNames: string) {
    if (names !== undefined && names !== null) {
      if (Object.keys(names as object).length === 0) throw validation('ExpressionAttributeNames must not be empty');
      const invalid = Object.keys(names as object).find((k) => !/^#[A-Za-z0-9_]+$/.test(k));
      if (invalid !== undefined) throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${invalid}"`);
    }
    const checkedValues: Record<string, AttributeValue> = {};
    if (values !== undefined && values !== null) {
      if (Object.keys(values as object).length === 0) throw validation('ExpressionAttributeValues must not be empty');
      for (const [key, raw] of Object.entries(values as Record<string, unknown>)) {
        if (!/^:[A-Za-z0-9_]+$/.test(key)) throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
        try {
          checkedValues[key] = checkValue(raw);
        } catch (error) {
          throw validation(`ExpressionAttributeValues contains invalid value: ${(error as Error).message} for key ${key}`);
        }
      }
    }
    this.names = (names ?? {}) as Record<string, string>;
    this.values = checkedValues;
  }

  /** Refuses placeholders given to a request without expressions (`expressionNames` tells which it could have had). */
  public requireExpressions(present: boolean): void {
    if (present) return;
    if (Object.keys(this.names).length > 0) throw validation('ExpressionAttributeNames can only be specified when using expressions');
    if (Object.keys(this.values).length > 0) throw validation(`ExpressionAttributeValues can only be specified when using expressions: ${this.expressionNames}`);
  }

  public name(kind: ExpressionKind, placeholder: string): string {
    const name = this.names[placeholder];
    if (name === undefined) throw validation(`Invalid ${kind}: An expression attribute name used in the document path is not defined; attribute name: ${placeholder}`);
    this.usedNames.add(placeholder);
    return name;
  }

  public value(kind: ExpressionKind, placeholder: string): AttributeValue {
    const value = this.values[placeholder];
    if (value === undefined) throw validation(`Invalid ${kind}: An expression attribute value used in expression is not defined; attribute value: ${placeholder}`);
    this.usedValues.add(placeholder);
    return value;
  }

  /** Refuses placeholders that no expression of the request used. */
  public checkAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((k) => !this.usedNames.has(k));
    if (unusedNames.length > 0) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = Object.keys(this.values).filter((k) => !this.usedValues.has(k));
    if (unusedValues.length > 0) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}

/** A recursive-descent parser's shared steps over one expression. */
export class ExpressionParser {
  private readonly tokens: Token[];
  private position = 0;

  constructor(public readonly kind: ExpressionKind, private readonly source: string, protected readonly placeholders: Placeholders) {
    if (source.trim() === '') throw validation(`Invalid ${kind}: The expression can not be empty;`);
    this.tokens = tokenize(kind, source);
  }

  public get current(): Token {
    return this.tokens[this.position];
  }

  public peek(offset = 1): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)];
  }

  public next(): Token {
    const token = this.current;
    if (token.type !== 'eof') this.position += 1;
    return token;
  }

  /** Whether the current token is this keyword (any case) or symbol. */
  public is(text: string): boolean {
    const token = this.current;
    return token.type === 'symbol' ? token.text === text : token.type === 'identifier' && token.text.toUpperCase() === text;
  }

  public accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  public expect(text: string): void {
    if (!this.accept(text)) throw this.syntaxError();
  }

  public expectEnd(): void {
    if (this.current.type !== 'eof') throw this.syntaxError();
  }

  /** DynamoDB's syntax error: the token, and the text around it. */
  public syntaxError(token: Token = this.current): Error {
    const index = this.tokens.indexOf(token);
    const before = this.tokens[Math.max(0, index - 1)];
    const after = this.tokens[Math.min(this.tokens.length - 1, index + 1)];
    const start = token.type === 'eof' ? before.start : token.start;
    const end = after.type === 'eof' ? this.source.length : after.start + after.text.length;
    return validation(`Invalid ${this.kind}: Syntax error; token: "${token.text}", near: "${this.source.slice(start, end).trim()}"`);
  }

  /** A document path: names (bare or #placeholders), `.name` and `[index]` steps. */
  public path(): Path {
    const elements: PathElement[] = [this.pathName()];
    for (;;) {
      if (this.accept('.')) {elements.push(this.pathName());} else if (this.is('[')) {
        this.next();
        const index = this.next();
        if (index.type !== 'number') throw this.syntaxError(index);
        elements.push({ index: Number(index.text) });
        this.expect(']');
      } else {return elements;}
    }
  }

  /** An expression attribute value (`:name`). */
  public valuePlaceholder(): { readonly placeholder: string; readonly value: AttributeValue } {
    const token = this.next();
    if (token.type !== 'value') throw this.syntaxError(token);
    return { placeholder: token.text, value: this.placeholders.value(this.kind, token.text) };
  }

  private pathName(): PathElement {
    const token = this.next();
    if (token.type === 'name') return { name: this.placeholders.name(this.kind, token.text) };
    if (token.type !== 'identifier') throw this.syntaxError(token);
    if (isReservedWord(token.text)) throw validation(`Invalid ${this.kind}: Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
    return { name: token.text };
  }
}
