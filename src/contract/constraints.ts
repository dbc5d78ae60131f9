/*
 * The constraints fixture: what the Bedrock API model says about the requests
 * this library sends (lengths, patterns, enums, ranges, list bounds, required
 * members, unions, HTTP bindings). `constraints.generated.ts` is derived from
 * the official Smithy model by `scripts/derive-constraints.ts` (`npx projen
 * constraints`) and committed; this module holds its types and lookups.
 *
 * Conventions of the fixture:
 * - Shape names are short (`com.amazonaws.bedrock#JobName` -> `JobName`).
 * - Smithy prelude targets (`smithy.api#String`, `smithy.api#Integer`, ...)
 *   appear as shapes of their own under their short name (`String`,
 *   `Integer`, ...) with a type and no constraints, so every `target` names an
 *   entry of `shapes`.
 * - A constraint trait on a member (Smithy allows length/pattern/range there,
 *   e.g. on a map's key) is recorded on the member and overrides the same trait
 *   of the target shape, as in Smithy.
 * - Enum members are not shapes: `enum` lists their wire values.
 * - `location` is recorded on the members of operation input shapes only.
 *
 * Imports nothing at runtime but the generated constant (no aws-cdk-lib, no fs).
 */
import { CONSTRAINTS } from './constraints.generated';

export type ShapeType =
  | 'structure' | 'union' | 'list' | 'map'
  | 'string' | 'enum' | 'intEnum'
  | 'byte' | 'short' | 'integer' | 'long' | 'bigInteger'
  | 'float' | 'double' | 'bigDecimal'
  | 'boolean' | 'timestamp' | 'blob' | 'document';

/** Bounds of the Smithy `length` trait: code points, elements, entries or bytes. */
export interface LengthConstraint {
  readonly min?: number;
  readonly max?: number;
}

/** Bounds of the Smithy `range` trait. */
export interface RangeConstraint {
  readonly min?: number;
  readonly max?: number;
}

/** The constraint traits a shape or a member can carry. */
export interface ValueConstraints {
  readonly length?: LengthConstraint;
  /** ECMA-262 regular expression, not implicitly anchored. */
  readonly pattern?: string;
  readonly range?: RangeConstraint;
}

/** A reference to a shape (list member, map key or value), with member-level constraints. */
export interface TargetRef extends ValueConstraints {
  readonly target: string;
}

/** Where an input member travels in the restJson1 HTTP request. */
export type MemberLocation = 'label' | 'query' | 'header' | 'payload' | 'body';

/** A member of a structure or union. */
export interface MemberConstraints extends TargetRef {
  readonly required?: boolean;
  /** Only on the members of operation input shapes. */
  readonly location?: MemberLocation;
  /** Query parameter or header name (a label is named after its member). */
  readonly locationName?: string;
  readonly default?: unknown;
  /** The SDK fills it with a random UUID when omitted. */
  readonly idempotencyToken?: boolean;
}

export interface ShapeConstraints extends ValueConstraints {
  readonly type: ShapeType;
  /** Wire values of an `enum` (or legacy `@enum` string) or `intEnum`, in model order. */
  readonly enum?: ReadonlyArray<string | number>;
  /** Structure and union members. */
  readonly members?: Readonly<Record<string, MemberConstraints>>;
  /** List element. */
  readonly member?: TargetRef;
  /** Map key and value. */
  readonly key?: TargetRef;
  readonly value?: TargetRef;
  readonly default?: unknown;
  readonly timestampFormat?: string;
}

export interface HttpBinding {
  readonly method: string;
  /** Smithy URI pattern, with `{label}` (and possibly `{label+}`) segments and a literal query. */
  readonly uri: string;
  /** Status code of a successful response. */
  readonly code: number;
}

export interface PaginationConstraints {
  readonly inputToken?: string;
  readonly outputToken?: string;
  readonly items?: string;
  readonly pageSize?: string;
}

export interface OperationConstraints {
  /** Input shape name. */
  readonly input: string;
  readonly http: HttpBinding;
  /** Error shape names (see `ConstraintsFixture.errors`), sorted. */
  readonly errors: readonly string[];
  readonly idempotent?: boolean;
  readonly readonly?: boolean;
  readonly paginated?: PaginationConstraints;
}

export interface ErrorConstraints {
  readonly httpError: number;
  readonly fault: 'client' | 'server';
}

export interface ConstraintsFixture {
  /** Which model the fixture was derived from. */
  readonly model: {
    readonly service: string;
    readonly version: string;
    readonly sha256: string;
  };
  readonly operations: Readonly<Record<string, OperationConstraints>>;
  readonly shapes: Readonly<Record<string, ShapeConstraints>>;
  readonly errors: Readonly<Record<string, ErrorConstraints>>;
}

/**
 * Rules the model does not state, written down once here (see DESIGN.md,
 * "Validation"): Bedrock accepts at most 50 tags per resource, though a TagList
 * may hold 200.
 */
export const MAX_TAGS_PER_RESOURCE = 50;

/**
 * The customization types that may train on model invocation logs
 * (`trainingDataConfig.invocationLogsConfig`): distillation, and reinforcement
 * fine-tuning, whose service role needs "Invocation log access"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/rft-access-security.html).
 *
 * Request metadata filters are flat (`RequestMetadataBaseFilters` inside
 * `andAll` / `orAll`): `MetadataFilter` refuses to nest them.
 */
export const INVOCATION_LOGS_TYPES: readonly string[] = ['DISTILLATION', 'REINFORCEMENT_FINE_TUNING'];

export { CONSTRAINTS };

/** A shape by short name; throws on an unknown name (a programming error). */
export function shape(name: string): ShapeConstraints {
  const found = lookup(CONSTRAINTS.shapes, name);
  if (!found) throw new Error(`Unknown shape "${name}" in the constraints fixture`);
  return found;
}

/** An operation by name; throws on an unknown name. */
export function operation(name: string): OperationConstraints {
  const found = lookup(CONSTRAINTS.operations, name);
  if (!found) throw new Error(`Unknown operation "${name}" in the constraints fixture`);
  return found;
}

/** The value at a path: its shape, and the member, element, key or value that holds it. */
export interface ResolvedPath {
  /** Smithy-style id of the holder: `Shape$member`, `List$member`, `Map$key`, `Map$value`, or the root shape name. */
  readonly id: string;
  readonly ref: MemberConstraints;
}

/**
 * Resolves a path inside a shape: dotted member names, `[]` for list elements,
 * `{}` for map values and `{key}` for map keys, e.g.
 * `validationDataConfig.validators[].s3Uri`, `hyperParameters{key}`. The empty
 * path is the root shape. Throws on a path the model does not have.
 */
export function resolvePath(rootShape: string, path: string): ResolvedPath {
  let current: ResolvedPath = { id: rootShape, ref: { target: rootShape } };
  shape(rootShape);
  const segment = /\.?([A-Za-z_][A-Za-z0-9_]*)|\[\]|\{key\}|\{\}/y;
  let pos = 0;
  while (pos < path.length) {
    segment.lastIndex = pos;
    const match = segment.exec(path);
    // A member needs a dot before it, except at the start.
    if (!match || (match[1] !== undefined && match[0].startsWith('.') !== pos > 0)) {
      throw new Error(`Invalid path "${path}" at position ${pos}`);
    }
    pos = segment.lastIndex;
    current = step(current.ref.target, match[1] ?? match[0], path);
  }
  return current;
}

function step(shapeName: string, segment: string, path: string): ResolvedPath {
  const s = shape(shapeName);
  const fail = (): never => {
    throw new Error(`Path "${path}": "${segment}" does not apply to ${shapeName} (${s.type})`);
  };
  if (segment === '[]') {
    return s.type === 'list' && s.member ? { id: `${shapeName}$member`, ref: s.member } : fail();
  }
  if (segment === '{}' || segment === '{key}') {
    const ref = segment === '{}' ? s.value : s.key;
    return s.type === 'map' && ref ? { id: `${shapeName}$${segment === '{}' ? 'value' : 'key'}`, ref } : fail();
  }
  const member = s.members ? lookup(s.members, segment) : undefined;
  return member ? { id: `${shapeName}$${segment}`, ref: member } : fail();
}

/** Own-property lookup, so that `toString` or `__proto__` never resolve to something. */
function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
