/*
 * restJson1 responses as Bedrock sends them: JSON bodies, and errors with the
 * error shape name in `x-amzn-ErrorType` and the status from the model, which
 * is how the SDK picks the exception class.
 */
import type { ServerResponse } from 'http';
import { ServiceError } from '../errors';

export function sendJson(res: ServerResponse, status: number, body: object, requestId: string): void {
  // Dates become ISO 8601 strings: Bedrock's Timestamp shape is @timestampFormat("date-time").
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ServiceError, requestId: string): void {
  res.setHeader('x-amzn-ErrorType', error.type);
  sendJson(res, error.binding.httpError, { message: error.message, ...error.fields }, requestId);
}
