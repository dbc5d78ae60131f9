/*
 * The engine's local services on 127.0.0.1: wait condition handle URLs,
 * EventBridge's API and DynamoDB's, told apart by X-Amz-Target (the
 * functions get the endpoint in AWS_ENDPOINT_URL_EVENTBRIDGE and
 * AWS_ENDPOINT_URL_DYNAMODB, which the SDK's clients read).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { TARGET_PREFIX as DYNAMODB_TARGET_PREFIX } from '../../dynamodb';
import { ApiAnswer } from '../eventbridge/api';
import { HANDLE_PATH, HandleAnswer } from '../wait-conditions/handles';

export interface ServiceRoutes {
  /** A request to a wait condition handle URL. */
  handle(method: string, path: string, contentType: string | undefined, body: Buffer): HandleAnswer;
  /** An EventBridge API call. */
  eventBridge(operation: string, body: string): ApiAnswer;
  /** A DynamoDB API call (`target`: the whole X-Amz-Target). */
  dynamodb(target: string, body: string): ApiAnswer;
}

/** Larger than any request the services take (PutEvents: 10 entries of 256 KB; a 400 KB DynamoDB item as JSON). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const TARGET_PREFIX = 'AWSEvents.';

export class LocalServices {
  private server?: Server;
  private starting?: Promise<string>;
  private url?: string;

  constructor(private readonly routes: ServiceRoutes) {}

  /** The endpoint (`http://127.0.0.1:<port>`), once started. */
  public get endpoint(): string | undefined {
    return this.url;
  }

  /** Starts listening (once); the server does not keep the process alive. */
  public start(): Promise<string> {
    this.starting ??= new Promise<string>((resolve, reject) => {
      const server = createServer((request, response) => void this.serve(request, response));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.unref();
        this.server = server;
        this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve(this.url);
      });
    });
    return this.starting;
  }

  public async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    this.url = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Clients keep connections alive: close them, or close() waits for them to time out.
    server.closeAllConnections();
    await closed;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // No Date: handlers run on the engine's time, and an answer dated by another clock looks skewed to the SDK,
    // which corrects its clock and sends a failed request again.
    response.sendDate = false;
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, {}, 'Request body too large');
    const path = request.url ?? '/';
    const target = String(request.headers['x-amz-target'] ?? '');
    try {
      if (path.startsWith(HANDLE_PATH)) {
        const answer = this.routes.handle(request.method ?? 'GET', path, request.headers['content-type'], body);
        return send(response, answer.status, answer.body ? { 'content-type': 'application/xml' } : {}, answer.body);
      }
      if (request.method === 'POST' && target.startsWith(TARGET_PREFIX)) {
        const answer = this.routes.eventBridge(target.slice(TARGET_PREFIX.length), body.toString('utf8'));
        return send(response, answer.status, answer.headers, answer.body);
      }
      if (request.method === 'POST' && target.startsWith(DYNAMODB_TARGET_PREFIX)) {
        const answer = this.routes.dynamodb(target, body.toString('utf8'));
        return send(response, answer.status, answer.headers, answer.body);
      }
      return send(response, 404, {}, `The engine's local services have nothing at ${request.method} ${path}`);
    } catch (error) {
      return send(response, 500, {}, `The engine's local services failed: ${(error as Error).message}`);
    }
  }
}

/** The body, or undefined when it is too large. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
