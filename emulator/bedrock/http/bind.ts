/*
 * restJson1 request binding: labels, query parameters, headers and the JSON
 * body become one operation input, as the SDK built it. Strings from the URL
 * and headers are converted to the member's type (integer, boolean,
 * timestamp...) so validateInput sees typed values; a string that does not
 * convert is left as it is, for validateInput to report as a type error.
 */
import type { IncomingHttpHeaders } from 'http';
import { operation, shape, ShapeType } from '../../../src/contract/constraints';
import { Violation } from '../../../src/contract/validation';

export interface BoundInput {
  readonly input: Record<string, unknown>;
  /** What is wrong with the request beyond validateInput's rules (a body that is not JSON, ...). */
  readonly problems: Violation[];
}

export interface WireRequest {
  readonly labels: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export function bindInput(operationName: string, request: WireRequest): BoundInput {
  const members = shape(operation(operationName).input).members ?? {};
  const problems: Violation[] = [];
  const body = parseBody(request.body, problems);
  const input: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(members)) {
    const wireName = member.locationName ?? name;
    switch (member.location) {
      case 'label':
        input[name] = fromString(request.labels[name], member.target);
        break;
      case 'query':
        input[name] = fromQuery(request.query.getAll(wireName), member.target);
        break;
      case 'header':
        input[name] = fromString(headerValue(request.headers[wireName.toLowerCase()]), member.target);
        break;
      case 'payload':
        input[name] = request.body === '' ? undefined : body;
        break;
      default:
        input[name] = body?.[wireName];
    }
  }
  for (const [key, value] of Object.entries(body ?? {})) {
    const member = Object.prototype.hasOwnProperty.call(members, key) ? members[key] : undefined;
    if (!member) {
      // validateInput reports it as an unknown member (defineProperty: the key may be "__proto__").
      Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });
    } else if (member.location !== 'body' && member.location !== undefined) {
      problems.push({ path: key, rule: 'unknown-member', message: `${key} is sent in the ${member.location}, not in the body` });
    }
  }
  return { input: withoutUndefined(input), problems };
}

function parseBody(text: string, problems: Violation[]): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  problems.push({ path: '', rule: 'type', message: 'The request body must be a JSON object' });
  return undefined;
}

function fromQuery(values: string[], target: string): unknown {
  const s = shape(target);
  if (s.type === 'list') return values.length > 0 ? values.map((v) => fromString(v, s.member!.target)) : undefined;
  return fromString(values[0], target);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

const INTEGER_TYPES: readonly ShapeType[] = ['byte', 'short', 'integer', 'long', 'bigInteger', 'intEnum'];
const FLOAT_TYPES: readonly ShapeType[] = ['float', 'double', 'bigDecimal'];

/** A URL or header string as the member's type, or the string itself when it does not convert. */
function fromString(value: string | undefined, target: string): unknown {
  if (value === undefined) return undefined;
  const { type } = shape(target);
  if (INTEGER_TYPES.includes(type)) return /^-?\d+$/.test(value) ? Number(value) : value;
  if (FLOAT_TYPES.includes(type)) return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'timestamp') return isNaN(Date.parse(value)) ? value : new Date(value);
  return value;
}

function withoutUndefined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}
