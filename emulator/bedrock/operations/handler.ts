/*
 * The shape of an operation handler: a validated input (typed as the SDK's
 * request) in, the response body (typed as the SDK's response) out. Errors are
 * thrown as ServiceError.
 */
import type { EmulatorState } from '../state';

export type Handler<I, O extends object> = (state: EmulatorState, input: I) => O;
