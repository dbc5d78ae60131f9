import { IConstruct } from 'constructs';

/*
 * Synth-time errors, in one style: where the error is (the construct's path,
 * or the static factory's name when there is no construct yet), the prop or
 * argument, the rule it breaks and, where it helps, what to do, e.g.
 * `MyStack/Job: completionTimeout must be at most 55 minutes (got 2 hours). Set ...`
 * `ModelSource.fromS3Uri: s3Uri 's3:/x' is not an S3 URI (s3://<bucket>/<prefix>). Give ...`.
 */

/** `<where>: <problem>. <fix>`. */
function located(where: string, problem: string, fix?: string): Error {
  return new Error(`${where}: ${problem}${fix ? `. ${fix}` : ''}`);
}

/** An error about one prop of `scope`. `fix` says what to do. */
export function propError(scope: IConstruct, problem: string, fix?: string): Error {
  return located(scope.node.path, problem, fix);
}

/**
 * An error about an argument of a static factory, which has no construct
 * scope: `factory` names it (`ModelSource.fromS3Uri`) where a construct would
 * give its path. `fix` says what to do.
 */
export function factoryError(factory: string, problem: string, fix?: string): Error {
  return located(factory, problem, fix);
}

/** One error listing every problem of the props of `scope` (each naming its prop). */
export function propsError(scope: IConstruct, problems: readonly string[]): Error {
  return new Error(`${scope.node.path}: invalid props:\n  ${problems.join('\n  ')}`);
}

/** Throws propsError when there are problems. */
export function throwIfInvalid(scope: IConstruct, problems: readonly string[]): void {
  if (problems.length) throw propsError(scope, problems);
}
