/**
 * A template or request that CloudFormation would reject before changing
 * anything, or that the engine cannot run (the message names what and where).
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The message of anything thrown, Error or not. */
export function errorMessage(error: unknown): string {
  return error instanceof Error || isErrorLike(error) ? error.message : String(error);
}

/**
 * Errors from handler code run through the engine's loader may come from
 * another realm (under jest), where `instanceof Error` is false.
 */
export function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string';
}
