import { IConstruct } from 'constructs';

/*
 * Synth-time errors, in one style: the construct's path, the prop, the rule
 * it breaks and, where it helps, what to do, e.g.
 * `MyStack/Job: completionTimeout must be at most 55 minutes (got 2 hours). Set ...`.
 */

/** An error about one prop of `scope`. `fix` says what to do. */
export function propError(scope: IConstruct, problem: string, fix?: string): Error {
  return new Error(`${scope.node.path}: ${problem}${fix ? `. ${fix}` : ''}`);
}

/** One error listing every problem of the props of `scope` (each naming its prop). */
export function propsError(scope: IConstruct, problems: readonly string[]): Error {
  return new Error(`${scope.node.path}: invalid props:\n  ${problems.join('\n  ')}`);
}

/** Throws propsError when there are problems. */
export function throwIfInvalid(scope: IConstruct, problems: readonly string[]): void {
  if (problems.length) throw propsError(scope, problems);
}
