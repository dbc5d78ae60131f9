/*
 * One request, start to end: route, bind, record, inject faults, validate
 * against the constraints fixture, apply the operation, answer.
 */
import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { setTimeout as sleep } from 'timers/promises';
import { ServiceError, validationError } from './errors';
import { FaultEffect, FaultInjector } from './faults';
import { bindInput } from './http/bind';
import { sendError, sendJson } from './http/respond';
import { matchRoute, Route } from './http/routes';
import { handlerOf, isOperationName, OperationName } from './operations';
import type { EmulatorState } from './state';
import { operation as operationConstraints } from '../../src/contract/constraints';
import { validateInput, Violation } from '../../src/contract/validation';

/** A request the emulator received. */
/** A request the emulator received (control plane or runtime), and how it was answered. */
export interface RecordedRequest<Operation extends string> {
  /** The operation routed to, or UnknownOperation. */
  readonly operation: Operation | 'UnknownOperation';
  /** The input as bound from the request (typed as the SDK sent it). */
  readonly input: Readonly<Record<string, unknown>>;
  readonly requestId: string;
  /** When it arrived, in emulated time. */
  readonly time: Date;
  /** The status answered; for a dropped response, the status that was not sent. Unset while in flight. */
  readonly statusCode?: number;
  /** The error shape name of an error answer. */
  readonly errorType?: string;
  readonly errorMessage?: string;
}

export interface RecordedCall extends RecordedRequest<OperationName> {
  /** The faults injected into this call, in the order they were added. */
  readonly faults: readonly FaultEffect[];
}

/** A broken rule of the constraints fixture (or an unreadable request), with the call that broke it. */
export interface RecordedViolation extends Violation {
  readonly operation: OperationName;
  readonly requestId: string;
}

export interface DispatchContext {
  readonly routes: readonly Route[];
  readonly faults: FaultInjector;
  state(): EmulatorState;
  record(call: RecordedCall): void;
  recordViolations(violations: readonly RecordedViolation[]): void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export async function dispatch(context: DispatchContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const state = context.state();
  const url = new URL(req.url ?? '/', 'http://emulator');
  const match = matchRoute(context.routes, req.method ?? 'GET', url.pathname, url.searchParams);
  const requestId = randomUUID();
  if (!match || !isOperationName(match.route.operation)) {
    context.record({ operation: 'UnknownOperation', input: {}, requestId, time: state.clock.now(), statusCode: 404, faults: [] });
    // Not a modelled error: the SDK reports it as an unknown BedrockServiceException.
    res.setHeader('x-amzn-ErrorType', 'UnknownOperationException');
    sendJson(res, 404, { message: `No operation at ${req.method} ${url.pathname}` }, requestId);
    return;
  }
  const operation = match.route.operation;
  const { input, problems } = bindInput(operation, { labels: match.labels, query: url.searchParams, headers: req.headers, body });
  const call: Mutable<RecordedCall> = { operation, input, requestId, time: state.clock.now(), faults: context.faults.strike(operation, input) };
  context.record(call);

  // Recorded even when an injected error answers first, so that no invalid request goes unnoticed.
  const violations = [...problems, ...validateInput(operation, input)];
  context.recordViolations(violations.map((v) => ({ ...v, operation, requestId })));

  const latency = call.faults.reduce((ms, f) => ms + (f.kind === 'latency' ? f.ms : 0), 0);
  if (latency > 0) await sleep(latency);
  let output: object | undefined;
  try {
    const injected = call.faults.find((f) => f.kind === 'error');
    if (injected?.kind === 'error') throw new ServiceError(injected.error, injected.message ?? `Injected ${injected.error}`);
    if (violations.length > 0) throw validationError(validationMessage(violations));
    output = handlerOf(operation)(state, input);
    call.statusCode = operationConstraints(operation).http.code;
  } catch (e) {
    const error = e instanceof ServiceError ? e : new ServiceError('InternalServerException', `Emulator error: ${(e as Error).message}`);
    Object.assign(call, { statusCode: error.binding.httpError, errorType: error.type, errorMessage: error.message });
    sendError(res, error, requestId);
    return;
  }
  if (call.faults.some((f) => f.kind === 'drop')) {
    req.socket.destroy();
    return;
  }
  sendJson(res, call.statusCode, output, requestId);
}

/** In the style of AWS services: "2 validation errors detected: ...; ...". */
function validationMessage(violations: readonly Violation[]): string {
  const count = `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected`;
  return `${count}: ${violations.map((v) => v.message).join('; ')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
