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

/** What the Node.js runtime makes of a thrown value: its name, message and stack lines. */
export function errorPayload(error: unknown): LambdaErrorPayload {
  if (isErrorLike(error)) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** Lambda's error for an unknown function (the SDK throws it from Invoke). */
export function functionNotFound(target: string): Error {
  return Object.assign(new Error(`Function not found: ${target} (no function of that name is deployed in the local stack)`), { name: 'ResourceNotFoundException' });
}
