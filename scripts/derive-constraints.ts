/*
 * Derives src/contract/constraints.generated.ts from the Smithy JSON AST model of
 * the Bedrock control plane: for the operations this project calls, their HTTP
 * routes and errors, and every shape reachable from their inputs with its
 * constraint traits (no documentation). See src/contract/constraints.ts for the
 * conventions of the fixture.
 *
 *   npx ts-node --transpile-only scripts/derive-constraints.ts
 *
 * Model: $BEDROCK_API_MODEL, else ../shared/aws-models/bedrock-2023-04-20.json
 * beside the checkout. Output: $CONSTRAINTS_OUT, else the committed file.
 *
 * Any trait or shape type this script does not know fails the run, so a new
 * model never loses a constraint silently.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type {
  ConstraintsFixture, ErrorConstraints, MemberConstraints, MemberLocation, OperationConstraints,
  PaginationConstraints, ShapeConstraints, ShapeType, TargetRef, ValueConstraints,
} from '../src/contract/constraints';
import { operationsOf, RESOURCE_KIND_ENTRIES } from '../src/contract/registry';

/**
 * Operations no handler calls that the emulator also serves, for clients other than the handlers: the command
 * line's lists, and GetImportedModel, by which an application reads what a model import job made.
 */
const SERVED_ONLY = ['ListModelCustomizationJobs', 'ListFoundationModels', 'ListTagsForResource', 'GetImportedModel'];

/** The operations of the fixture: every registered kind's (its watcher's included), then SERVED_ONLY, each once. */
export const OPERATIONS: readonly string[] = [...new Set([...RESOURCE_KIND_ENTRIES.flatMap(operationsOf), ...SERVED_ONLY])];

export const DEFAULT_MODEL = path.resolve(__dirname, '..', '..', 'shared', 'aws-models', 'bedrock-2023-04-20.json');
export const DEFAULT_OUT = path.resolve(__dirname, '..', 'src', 'contract', 'constraints.generated.ts');

const NAMESPACE = 'com.amazonaws.bedrock#';
const PRELUDE = 'smithy.api#';
/** A prelude trait or shape id: T('length') is 'smithy.api#length'. */
const T = (name: string) => `${PRELUDE}${name}`;

/** Prelude shapes by name: their type, and the default of the Primitive* ones. */
const PRELUDE_SHAPES: Record<string, ShapeConstraints> = {
  Blob: { type: 'blob' },
  Boolean: { type: 'boolean' },
  PrimitiveBoolean: { type: 'boolean', default: false },
  String: { type: 'string' },
  Byte: { type: 'byte' },
  PrimitiveByte: { type: 'byte', default: 0 },
  Short: { type: 'short' },
  PrimitiveShort: { type: 'short', default: 0 },
  Integer: { type: 'integer' },
  PrimitiveInteger: { type: 'integer', default: 0 },
  Long: { type: 'long' },
  PrimitiveLong: { type: 'long', default: 0 },
  Float: { type: 'float' },
  PrimitiveFloat: { type: 'float', default: 0 },
  Double: { type: 'double' },
  PrimitiveDouble: { type: 'double', default: 0 },
  BigInteger: { type: 'bigInteger' },
  BigDecimal: { type: 'bigDecimal' },
  Timestamp: { type: 'timestamp' },
  Document: { type: 'document' },
  Unit: { type: 'structure', members: {} },
};

const SHAPE_TYPES: readonly ShapeType[] = [
  'structure', 'union', 'list', 'map', 'string', 'enum', 'intEnum', 'byte', 'short', 'integer', 'long', 'bigInteger',
  'float', 'double', 'bigDecimal', 'boolean', 'timestamp', 'blob', 'document',
];

/** Traits that carry nothing a request validator or emulator needs. */
const IGNORED_TRAITS = new Set([
  'documentation', 'sensitive', 'deprecated', 'input', 'references', 'tags', 'examples', 'since', 'externalDocumentation',
  'addedDefault', 'clientOptional', 'suppress', 'unstable', 'internal', 'recommended',
].map(T));

/** Traits handled by this script, by where they may appear. */
const SHAPE_TRAITS = new Set(['length', 'pattern', 'range', 'enum', 'default', 'timestampFormat'].map(T));
const MEMBER_TRAITS = new Set([
  'length', 'pattern', 'range', 'required', 'default', 'idempotencyToken', 'enumValue',
  'httpLabel', 'httpQuery', 'httpHeader', 'httpPayload',
].map(T));

type Traits = Record<string, unknown>;
interface SmithyRef { target: string; traits?: Traits }
interface SmithyShape {
  type: string;
  traits?: Traits;
  members?: Record<string, SmithyRef>;
  member?: SmithyRef;
  key?: SmithyRef;
  value?: SmithyRef;
  input?: SmithyRef;
  errors?: SmithyRef[];
  version?: string;
  rename?: Record<string, string>;
}
interface SmithyModel { smithy: string; shapes: Record<string, SmithyShape> }

/** Derives the fixture from the model's JSON text. Pure: same text, same fixture. */
export function deriveConstraints(modelText: string): ConstraintsFixture {
  const model = JSON.parse(modelText) as SmithyModel;
  if (!model.shapes) throw new Error('Not a Smithy JSON AST model: no "shapes"');
  const services = Object.entries(model.shapes).filter(([, s]) => s.type === 'service');
  if (services.length !== 1) throw new Error(`Expected one service shape, found ${services.length}`);
  const [serviceId, service] = services[0];
  if (service.rename && Object.keys(service.rename).length > 0) throw new Error('Service "rename" is not supported');

  // Short names must stay unique: a prelude `Timestamp` and the model's `Timestamp` may not both be used.
  const owners = new Map<string, string>();
  const shortName = (id: string): string => {
    if (!id.startsWith(PRELUDE) && !id.startsWith(NAMESPACE)) throw new Error(`Shape ${id} is outside ${NAMESPACE} and the prelude`);
    const short = id.slice(id.indexOf('#') + 1);
    const owner = owners.get(short) ?? id;
    if (owner !== id) throw new Error(`Shapes ${owner} and ${id} share the short name ${short}`);
    owners.set(short, id);
    return short;
  };

  const shapes: Record<string, ShapeConstraints> = {};
  const errors: Record<string, ErrorConstraints> = {};
  const operations: Record<string, OperationConstraints> = {};
  const inputs = new Set<string>();
  const pending: string[] = [];

  for (const name of OPERATIONS) {
    const op = model.shapes[NAMESPACE + name];
    if (op?.type !== 'operation') throw new Error(`Operation ${name} is not in the model`);
    if (!op.input) throw new Error(`Operation ${name} has no input`);
    const traits = op.traits ?? {};
    const http = traits[T('http')] as { method: string; uri: string; code?: number } | undefined;
    if (!http) throw new Error(`Operation ${name} has no @http trait`);
    const errorNames = [...(op.errors ?? []), ...(service.errors ?? [])].map((e) => {
      addError(e.target);
      return shortName(e.target);
    });
    const paginated = traits[T('paginated')] as PaginationConstraints | undefined;
    operations[name] = {
      input: shortName(op.input.target),
      http: { method: http.method, uri: http.uri, code: http.code ?? 200 },
      errors: [...new Set(errorNames)].sort(),
      ...(traits[T('idempotent')] ? { idempotent: true } : {}),
      ...(traits[T('readonly')] ? { readonly: true } : {}),
      ...(paginated ? { paginated: { ...(service.traits?.[T('paginated')] as object | undefined), ...paginated } } : {}),
    };
    inputs.add(op.input.target);
    pending.push(op.input.target);
  }

  function addError(id: string): void {
    const traits = model.shapes[id]?.traits ?? {};
    const fault = traits[T('error')];
    if (fault !== 'client' && fault !== 'server') throw new Error(`Error shape ${id} has no @error trait`);
    errors[shortName(id)] = { httpError: (traits[T('httpError')] as number | undefined) ?? (fault === 'client' ? 400 : 500), fault };
  }

  while (pending.length > 0) {
    const id = pending.pop()!;
    const name = shortName(id);
    if (shapes[name]) continue;
    const converted = id.startsWith(PRELUDE) ? PRELUDE_SHAPES[name] : convertShape(id, model.shapes[id], inputs.has(id), pending, shortName);
    if (!converted) throw new Error(`Shape ${id} is not in the model`);
    shapes[name] = converted;
  }

  for (const [name, op] of Object.entries(operations)) checkLabels(name, op, shapes[op.input]);

  return sortKeys({
    model: { service: serviceId, version: service.version ?? '', sha256: createHash('sha256').update(modelText).digest('hex') },
    operations,
    shapes,
    errors,
  });
}

function convertShape(
  id: string, s: SmithyShape | undefined, isInput: boolean, pending: string[], shortName: (id: string) => string,
): ShapeConstraints | undefined {
  if (!s) return undefined;
  const type = s.type as ShapeType;
  if (!SHAPE_TYPES.includes(type)) throw new Error(`Shape ${id} has unsupported type ${s.type}`);
  const traits = s.traits ?? {};
  checkTraits(traits, SHAPE_TRAITS, `shape ${id}`);
  const ref = (r: SmithyRef, where: string): TargetRef => {
    checkTraits(r.traits ?? {}, new Set(['length', 'pattern', 'range'].map(T)), where);
    pending.push(r.target);
    return { target: shortName(r.target), ...constraints(r.traits ?? {}) };
  };

  const out: { -readonly [K in keyof ShapeConstraints]: ShapeConstraints[K] } = { type, ...constraints(traits) };
  if (T('default') in traits && traits[T('default')] !== null) out.default = traits[T('default')];
  if (T('timestampFormat') in traits) out.timestampFormat = traits[T('timestampFormat')] as string;
  if (type === 'enum' || type === 'intEnum') {
    // Enum members target smithy.api#Unit: only their values matter.
    out.enum = Object.entries(s.members ?? {}).map(([member, m]) => {
      checkTraits(m.traits ?? {}, MEMBER_TRAITS, `enum member ${id}$${member}`);
      return (m.traits?.[T('enumValue')] ?? member) as string | number;
    });
  } else if (T('enum') in traits) {
    out.enum = (traits[T('enum')] as Array<{ value: string }>).map((e) => e.value);
  } else if (type === 'structure' || type === 'union') {
    out.members = Object.fromEntries(Object.entries(s.members ?? {}).map(([member, m]) => [member, convertMember(`${id}$${member}`, m, isInput, ref)]));
  } else if (type === 'list') {
    out.member = ref(s.member!, `${id}$member`);
  } else if (type === 'map') {
    out.key = ref(s.key!, `${id}$key`);
    out.value = ref(s.value!, `${id}$value`);
  }
  return out;
}

function convertMember(id: string, m: SmithyRef, isInput: boolean, ref: (r: SmithyRef, where: string) => TargetRef): MemberConstraints {
  const traits = m.traits ?? {};
  checkTraits(traits, MEMBER_TRAITS, `member ${id}`);
  const out: { -readonly [K in keyof MemberConstraints]: MemberConstraints[K] } = ref({ target: m.target }, id);
  Object.assign(out, constraints(traits));
  if (T('required') in traits) out.required = true;
  if (T('idempotencyToken') in traits) out.idempotencyToken = true;
  if (T('default') in traits && traits[T('default')] !== null) out.default = traits[T('default')];
  if (isInput) {
    const location: [MemberLocation, unknown] =
      T('httpLabel') in traits ? ['label', undefined]
        : T('httpQuery') in traits ? ['query', traits[T('httpQuery')]]
          : T('httpHeader') in traits ? ['header', traits[T('httpHeader')]]
            : T('httpPayload') in traits ? ['payload', undefined]
              : ['body', undefined];
    out.location = location[0];
    if (location[1] !== undefined) out.locationName = location[1] as string;
  }
  return out;
}

function constraints(traits: Traits): ValueConstraints {
  return {
    ...(T('length') in traits ? { length: traits[T('length')] as ValueConstraints['length'] } : {}),
    ...(T('pattern') in traits ? { pattern: traits[T('pattern')] as string } : {}),
    ...(T('range') in traits ? { range: traits[T('range')] as ValueConstraints['range'] } : {}),
  };
}

function checkTraits(traits: Traits, handled: Set<string>, where: string): void {
  for (const trait of Object.keys(traits)) {
    if (!handled.has(trait) && !IGNORED_TRAITS.has(trait)) {
      throw new Error(`Unsupported trait ${trait} on ${where}: teach scripts/derive-constraints.ts about it`);
    }
  }
}

/** Every {label} of the URI is bound to a label member, and every label member has one. */
function checkLabels(name: string, op: OperationConstraints, input: ShapeConstraints): void {
  const inUri = [...op.http.uri.split('?')[0].matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]).sort();
  const members = Object.entries(input.members ?? {}).filter(([, m]) => m.location === 'label').map(([n]) => n).sort();
  if (inUri.join() !== members.join()) throw new Error(`Operation ${name}: URI labels [${inUri}] differ from label members [${members}]`);
}

/** Objects with sorted keys (arrays keep their order), for byte-stable output. */
function sortKeys<V>(value: V): V {
  if (Array.isArray(value)) return value.map(sortKeys) as V;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])])) as V;
  }
  return value;
}

export function renderConstraints(fixture: ConstraintsFixture): string {
  return [
    `// Generated from the Bedrock API model (${fixture.model.service}, version ${fixture.model.version})`,
    '// by scripts/derive-constraints.ts. Do not edit: run `npx projen constraints` to regenerate.',
    "import { ConstraintsFixture } from './constraints';",
    '',
    `export const CONSTRAINTS: ConstraintsFixture = ${JSON.stringify(fixture, null, 2)};`,
    '',
  ].join('\n');
}

function main(): void {
  const modelPath = path.resolve(process.env.BEDROCK_API_MODEL ?? DEFAULT_MODEL);
  const outPath = path.resolve(process.env.CONSTRAINTS_OUT ?? DEFAULT_OUT);
  if (!fs.existsSync(modelPath)) {
    throw new Error(`Bedrock API model not found at ${modelPath}: set BEDROCK_API_MODEL or check out shared/ beside the repository`);
  }
  const output = renderConstraints(deriveConstraints(fs.readFileSync(modelPath, 'utf8')));
  fs.writeFileSync(outPath, output);
  console.log(`Wrote ${path.relative(process.cwd(), outPath)} (${output.length} bytes) from ${modelPath}`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`derive-constraints: ${(e as Error).message}`);
    process.exit(1);
  }
}
