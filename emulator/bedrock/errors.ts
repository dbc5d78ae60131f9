/*
 * The errors the emulator answers with: the modelled Bedrock errors of the
 * constraints fixture, so status and fault always agree with the API model.
 */
import { CONSTRAINTS, ErrorConstraints } from '../../src/contract/constraints';

/** A modelled Bedrock error shape name (ValidationException, ConflictException, ...). */
export type ErrorName = keyof typeof CONSTRAINTS.errors & string;

/** An error Bedrock would answer with; the HTTP layer turns it into a restJson1 error response. */
export class ServiceError extends Error {
  /** The error's HTTP status and fault, from the fixture. */
  public readonly binding: ErrorConstraints;

  /** `fields` are extra members of the error shape (e.g. TooManyTagsException's resourceName). */
  constructor(public readonly type: ErrorName, message: string, public readonly fields: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = type;
    this.binding = errorBinding(type);
  }
}

export function errorBinding(type: string): ErrorConstraints {
  if (!isErrorName(type)) throw new Error(`"${type}" is not a modelled Bedrock error`);
  return CONSTRAINTS.errors[type];
}

export function isErrorName(type: string): type is ErrorName {
  return Object.prototype.hasOwnProperty.call(CONSTRAINTS.errors, type);
}

export const validationError = (message: string) => new ServiceError('ValidationException', message);
export const notFound = (message: string) => new ServiceError('ResourceNotFoundException', message);
export const conflict = (message: string) => new ServiceError('ConflictException', message);
