/*
 * Valid values for any shape of the fixture, and requests that break exactly
 * one rule at one path: the rest of the request stays valid, so the violation
 * the emulator records is that rule's.
 */
import { withKinds } from './kind-samples';
import { ReachableRule, RuleAt, Segment } from './rules';
import { CONSTRAINTS, shape } from '../../../src/contract/constraints';

const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012';

/**
 * A valid value of each constrained string shape: those several kinds take
 * here, and those of one kind in its folder's api-samples.ts (kind-samples.ts).
 */
export const SAMPLE_STRINGS: Readonly<Record<string, string>> = withKinds({
  CustomModelName: 'model-1',
  FoundationModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k',
  IdempotencyToken: 'token-1',
  JobName: 'job-1',
  KmsKeyId: KMS_KEY,
  ModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k',
  ModelIdentifier: 'model-1',
  PaginationToken: 'token',
  Provider: 'Amazon',
  RoleArn: 'arn:aws:iam::123456789012:role/BedrockRole',
  S3Uri: 's3://bucket-1/key',
  SecurityGroupId: 'sg-12345678',
  SubnetId: 'subnet-12345678',
  TagKey: 'key',
  TagValue: 'value',
  TaggableResourcesArn: 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl',
}, 'strings');

/**
 * A value that breaks each pattern, keyed by where the model states the
 * pattern (a shape, or a member for member-level patterns). Within the
 * length bounds, so that only the pattern breaks. Here and in the kinds'
 * api-samples.ts, as SAMPLE_STRINGS.
 */
export const PATTERN_BREAKERS: Readonly<Record<string, string>> = withKinds({
  CustomModelName: 'bad name!',
  FoundationModelArn: 'arn:aws:bedrock:us-east-1::custom-model/x',
  IdempotencyToken: 'token!',
  JobName: 'bad name!',
  KmsKeyId: 'key!',
  ModelArn: 'arn:aws:bedrock:us-east-1:123456789012:job/x',
  ModelIdentifier: 'model!',
  PaginationToken: 'a token',
  Provider: 'Amazon!',
  RoleArn: 'arn:aws:iam::123456789012:user/someone',
  S3Uri: 'https://bucket-1/key',
  SecurityGroupId: 'sg_1',
  SubnetId: 'subnet_1',
  TagKey: 'team#1',
  TagValue: 'ml#1',
  TaggableResourcesArn: 'arn:aws:bedrock:us-east-1:123456789012:job/abc',
}, 'breakers');

/** A valid value of a shape: structures with their required members, unions with their first member, lists and maps at their minimum size. */
export function sample(target: string): unknown {
  const s = shape(target);
  switch (s.type) {
    case 'structure':
      return Object.fromEntries(Object.entries(s.members ?? {}).filter(([, m]) => m.required).map(([name, m]) => [name, sample(m.target)]));
    case 'union': {
      const [name, member] = Object.entries(s.members!)[0];
      return { [name]: sample(member.target) };
    }
    case 'list':
      return Array.from({ length: s.length?.min ?? 0 }, () => sample(s.member!.target));
    case 'map':
      return Object.fromEntries(Array.from({ length: s.length?.min ?? 0 }, (_, i) => [`k${i}`, sample(s.value!.target)]));
    case 'enum':
    case 'intEnum':
      return s.enum![0];
    case 'boolean':
      return true;
    case 'timestamp':
      return new Date('2025-01-01T00:00:00Z');
    case 'string': {
      const value = SAMPLE_STRINGS[target];
      if (value === undefined) throw new Error(`No sample string for shape ${target}`);
      return value;
    }
    default:
      return s.range?.min ?? 1;
  }
}

/** A valid input of an operation (its required members). */
export function sampleInput(operation: string): Record<string, unknown> {
  return sample(CONSTRAINTS.operations[operation].input) as Record<string, unknown>;
}

/** What to put at the path: a value, or nothing (the member removed). */
export type Leaf = { readonly value: unknown } | { readonly remove: true };

/** The map key a path through a map value uses. */
export const MAP_KEY = 'k0';

/** How one rule is broken, or undefined when no generic way applies (a pattern without a breaker, a minimum of 0). */
export function breakRule(rule: ReachableRule, target: string): Leaf | undefined {
  const s = shape(target);
  switch (rule.kind) {
    case 'required':
      return { remove: true };
    case 'union':
      return { value: {} };
    case 'enum':
      return { value: 'NOT_IN_THE_ENUM' };
    case 'range.min':
      return { value: rule.bound - 1 };
    case 'range.max':
      return { value: rule.bound + 1 };
    case 'pattern':
      return PATTERN_BREAKERS[rule.shape] === undefined ? undefined : { value: PATTERN_BREAKERS[rule.shape] };
    case 'length.min':
    case 'length.max': {
      const size = rule.kind === 'length.min' ? rule.bound - 1 : rule.bound + 1;
      if (size < 0) return undefined;
      if (s.type === 'list') return { value: Array.from({ length: size }, () => sample(s.member!.target)) };
      if (s.type === 'map') return { value: Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, sample(s.value!.target)])) };
      return { value: 'a'.repeat(size) };
    }
  }
}

/**
 * `input` with `leaf` at the path: the structures on the way are created
 * (valid), a union on the way holds only the member on the path, a list one
 * element, a map one entry.
 */
export function withLeaf(target: string, current: unknown, segments: readonly Segment[], leaf: Leaf): unknown {
  if (segments.length === 0) return 'value' in leaf ? leaf.value : undefined;
  const s = shape(target);
  const [segment, ...rest] = segments;
  switch (segment.kind) {
    case 'member': {
      const base = s.type === 'union' ? {} : { ...((current ?? sample(target)) as Record<string, unknown>) };
      const member = s.members![segment.name];
      if (rest.length === 0 && 'remove' in leaf) {
        delete base[segment.name];
        return base;
      }
      return { ...base, [segment.name]: withLeaf(member.target, base[segment.name], rest, leaf) };
    }
    case 'element':
      return [withLeaf(s.member!.target, undefined, rest, leaf)];
    case 'value':
      return { [MAP_KEY]: withLeaf(s.value!.target, undefined, rest, leaf) };
    case 'key':
      return { [String(withLeaf(s.key!.target, undefined, rest, leaf))]: sample(s.value!.target) };
  }
}

/** The operation's valid sample input with `leaf` at the path of `at`. */
export function inputWith(at: Pick<RuleAt, 'operation' | 'segments'>, leaf: Leaf): Record<string, unknown> {
  return withLeaf(CONSTRAINTS.operations[at.operation].input, sampleInput(at.operation), at.segments, leaf) as Record<string, unknown>;
}

/** The path validateInput reports for a value at `segments` built by withLeaf (`tags[0].key`, `equals key "x"`, `equals["k0"]`). */
export function reportedPath(segments: readonly Segment[], leaf: Leaf): string {
  let path = '';
  for (const segment of segments) {
    if (segment.kind === 'member') path = path ? `${path}.${segment.name}` : segment.name;
    else if (segment.kind === 'element') path = `${path}[0]`;
    else if (segment.kind === 'value') path = `${path}[${JSON.stringify(MAP_KEY)}]`;
    else path = `${path || 'input'} key ${JSON.stringify('value' in leaf ? leaf.value : '')}`;
  }
  return path;
}
