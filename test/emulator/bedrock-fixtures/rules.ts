/*
 * Every rule of the constraints fixture that a request to one of the
 * emulator's operations can carry: each path into each operation's input
 * shape (members, list elements `[]`, map keys `{key}` and values `{}`), with
 * the rules validateInput applies there, and a `union` rule on every union.
 */
import { CONSTRAINTS, resolvePath, shape } from '../../../src/contract/constraints';
import { Rule, rulesAt } from '../../../src/contract/validation';

export type Segment =
  | { readonly kind: 'member'; readonly name: string }
  | { readonly kind: 'element' }
  | { readonly kind: 'key' }
  | { readonly kind: 'value' };

export type ReachableRule = Rule | { readonly kind: 'union'; readonly shape: string };

export interface RuleAt {
  /** `Operation:path:kind`. */
  readonly id: string;
  readonly operation: string;
  /** In rulesAt syntax: `tags[].key`, `equals{key}`. */
  readonly path: string;
  readonly segments: readonly Segment[];
  /** The shape of the value at the path. */
  readonly target: string;
  readonly rule: ReachableRule;
}

/** Where the model states a rule: `JobName:pattern`, `Tag$key:required`, `CustomizationConfig:union`. */
export function identityOf(rule: ReachableRule): string {
  return `${rule.shape}:${rule.kind}`;
}

export function reachableRules(operations: readonly string[] = Object.keys(CONSTRAINTS.operations)): RuleAt[] {
  const out: RuleAt[] = [];
  for (const operation of operations) {
    const input = CONSTRAINTS.operations[operation].input;
    visit(operation, input, input, '', [], [], out);
  }
  return out;
}

function visit(operation: string, input: string, target: string, path: string, segments: Segment[], seen: string[], out: RuleAt[]): void {
  const s = shape(target);
  const add = (rule: ReachableRule) => out.push({ id: `${operation}:${path}:${rule.kind}`, operation, path, segments, target, rule });
  if (path !== '') rulesAt(input, path).forEach(add);
  if (s.type === 'union') add({ kind: 'union', shape: target });
  // A recursive shape would repeat its rules at ever longer paths: its first occurrence covers them.
  if (seen.includes(target)) return;
  const next = [...seen, target];
  for (const name of Object.keys(s.members ?? {})) {
    visit(operation, input, s.members![name].target, path ? `${path}.${name}` : name, [...segments, { kind: 'member', name }], next, out);
  }
  if (s.type === 'list') visit(operation, input, s.member!.target, `${path}[]`, [...segments, { kind: 'element' }], next, out);
  if (s.type === 'map') {
    visit(operation, input, s.key!.target, `${path}{key}`, [...segments, { kind: 'key' }], next, out);
    visit(operation, input, s.value!.target, `${path}{}`, [...segments, { kind: 'value' }], next, out);
  }
}

/** The target shape at a path (for building values there). */
export function targetAt(operation: string, path: string): string {
  return resolvePath(CONSTRAINTS.operations[operation].input, path).ref.target;
}
