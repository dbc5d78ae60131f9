import { pathToFileURL } from 'url';
import { isErrorLike } from '../errors';

/** The payload of a failed invocation, as the Node.js runtime reports it. */
export interface LambdaErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

/** An error the Lambda runtime raises itself (errorType `Runtime.*`, `Sandbox.*`). */
export class LambdaRuntimeError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

/** Where Lambda unpacks a function's code: the runtime's stack traces name its files there. */
const TASK_ROOT = '/var/task';

/** Node's default `Error.stackTraceLimit` (jest raises it to 100, which the runtime never does). */
const RUNTIME_STACK_DEPTH = 10;

/** A stack line that is a frame (V8 writes them `    at ...`). */
const FRAME = /^\s+at /;

/** What the Node.js runtime makes of a thrown value: its name, message and stack lines. */
export function errorPayload(error: unknown, codeDirectory: string): LambdaErrorPayload {
  if (!isErrorLike(error)) return { errorType: typeof error, errorMessage: String(error), trace: [] };
  return { errorType: error.name || 'Error', errorMessage: error.message, trace: runtimeTrace(error, codeDirectory) };
}

/**
 * An error's stack lines as a function whose code is in `codeDirectory` sees
 * them in Lambda. The stack was taken in-process, under the engine and jest,
 * with the code folder's real path: only the function's own frames (named
 * under /var/task) and Node's internal ones stay, at most as many as Node
 * keeps, so that what the Provider framework passes on to CloudFormation is
 * as long as in AWS wherever the checkout lives.
 */
export function runtimeTrace(error: Error, codeDirectory: string): string[] {
  const lines = (error.stack ?? '').split('\n');
  // The header is `name: message`, on as many lines as the message has.
  const header = lines.slice(0, error.message.split('\n').length);
  // The loader names files by URL (its sourceURL); Node's own loader would name them by path.
  const roots = [`${pathToFileURL(codeDirectory).href}/`, `${codeDirectory}/`];
  const frames = lines.slice(header.length).filter((line) => FRAME.test(line)).flatMap((line) => {
    const root = roots.find((r) => line.includes(`(${r}`) || line.includes(`at ${r}`));
    if (root) return [line.replace(root, `${TASK_ROOT}/`)];
    return /[( ]node:/.test(line) ? [line] : [];
  });
  return [...header, ...frames.slice(0, RUNTIME_STACK_DEPTH)];
}

/** Lambda's error for an unknown function (the SDK throws it from Invoke). */
export function functionNotFound(target: string): Error {
  return Object.assign(new Error(`Function not found: ${target} (no function of that name is deployed in the local stack)`), { name: 'ResourceNotFoundException' });
}
