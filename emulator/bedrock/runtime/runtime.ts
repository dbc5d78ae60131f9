/*
 * bedrock-runtime on the emulator's HTTP server: InvokeModel and Converse, as
 * the real @aws-sdk/client-bedrock-runtime sends them. Routes come from the
 * client's own operation schemas. Calls are recorded apart from the control
 * plane's (emulator.calls), whose every operation the least-privilege check
 * maps to an action of the handlers' roles: the handlers never infer.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
import { randomUUID } from 'crypto';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { Http2ServerRequest, Http2ServerResponse } from 'http2';
import { Converse$, InvokeModel$ } from '@aws-sdk/client-bedrock-runtime';
import { converseAnswer, invokeAnswer } from './answers';
import { RuntimeError } from './errors';
import { Http2Cleartext } from './h2c';
import { EndpointResolver, resolveModel } from './resolve';
import type { RecordedRequest } from '../dispatch';
import { matchRoute, routesFor } from '../http/routes';
import type { EmulatorState } from '../state';

/** The bedrock-runtime operations the emulator answers. */
export const RUNTIME_OPERATIONS = ['InvokeModel', 'Converse'] as const;
export type RuntimeOperation = (typeof RUNTIME_OPERATIONS)[number];

/** A runtime request the emulator received. */
/**
 * UnknownOperation is another /model/ route (ConverseStream, say); the input is modelId, and the JSON body
 * (Converse) or { contentType, accept, body } (InvokeModel, the body parsed when JSON).
 */
export interface RecordedRuntimeCall extends RecordedRequest<RuntimeOperation> {
  /** What answered a successful call: the endpoint invoked, and the model behind it. */
  readonly endpointArn?: string;
  readonly modelArn?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

/** The HTTP binding of an operation schema: [9, namespace, name, { http: [method, uri, code] }, input, output]. */
function httpOf(schema: readonly unknown[]): { method: string; uri: string; code: number } {
  const [method, uri, code] = (schema[3] as { http: [string, string, number] }).http;
  return { method, uri, code };
}

const ROUTES = routesFor({
  InvokeModel: { input: 'InvokeModelRequest', http: httpOf(InvokeModel$), errors: [] },
  Converse: { input: 'ConverseRequest', http: httpOf(Converse$), errors: [] },
});

/** Every bedrock-runtime model route starts so; no control-plane route does ("/model-customization..." has a dash). */
const RUNTIME_PREFIX = '/model/';

export class BedrockRuntime {
  private readonly resolvers: EndpointResolver[] = [];
  private recorded: RecordedRuntimeCall[] = [];
  private http2?: Http2Cleartext;

  constructor(private readonly state: () => EmulatorState) {}

  /**
   * Adds a kind of endpoint (tried in the order added, before foundation
   * models on demand). Resolvers are wiring: they survive reset().
   */
  public addResolver(resolver: EndpointResolver): void {
    this.resolvers.push(resolver);
  }

  /** Every runtime request since start or reset, in arrival order. */
  public get calls(): readonly RecordedRuntimeCall[] {
    return this.recorded;
  }

  public callsTo(operation: RecordedRuntimeCall['operation']): RecordedRuntimeCall[] {
    return this.recorded.filter((c) => c.operation === operation);
  }

  public clearCalls(): void {
    this.recorded = [];
  }

  /** Whether an HTTP/1.1 request is the runtime's rather than the control plane's. */
  public claims(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith(RUNTIME_PREFIX);
  }

  /** Takes the HTTP/2 connections of `server` (the runtime client's, see h2c.ts); HTTP/1.1 ones stay with it. */
  public listenHttp2(server: Server): void {
    this.http2 = new Http2Cleartext(server, (req, res) => {
      res.sendDate = false; // as the HTTP/1.1 answers (BedrockEmulator's server): no clock skew to correct
      this.handle(req, res).catch(() => res.stream.destroy());
    });
  }

  /** Ends the HTTP/2 sessions, which server.closeAllConnections() does not know of. */
  public closeConnections(): void {
    this.http2?.closeAll();
  }

  public async handle(req: Request, res: Response): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const match = matchRoute(ROUTES, req.method ?? 'GET', url.pathname, url.searchParams);
    const requestId = randomUUID();
    const time = this.state().clock.now();
    if (!match) {
      this.recorded.push({ operation: 'UnknownOperation', input: {}, requestId, time, statusCode: 404 });
      send(res, 404, { message: `The emulator answers InvokeModel and Converse only, not ${req.method} ${url.pathname}` }, requestId, 'UnknownOperationException');
      return;
    }
    const operation = match.route.operation as RuntimeOperation;
    const modelId = match.labels.modelId;
    const input = operation === 'InvokeModel' ? invokeInput(modelId, req, body) : { modelId, ...parseObject(body) };
    const call: Mutable<RecordedRuntimeCall> = { operation, input, requestId, time };
    this.recorded.push(call);
    try {
      const state = this.state();
      const model = resolveModel({ resolvers: this.resolvers, catalog: state.catalog, customModels: state.customModels }, modelId);
      const output = operation === 'InvokeModel'
        ? (model.answers?.invoke ?? invokeAnswer)(model, body)
        : (model.answers?.converse ?? converseAnswer)(model, parseObject(body) ?? {});
      Object.assign(call, { statusCode: 200, endpointArn: model.endpointArn, modelArn: model.modelArn });
      // InvokeModel's output is the model's body itself (httpPayload), with its Content-Type.
      send(res, 200, output, requestId);
    } catch (e) {
      const error = e instanceof RuntimeError ? e : new RuntimeError('InternalServerException', `Emulator error: ${(e as Error).message}`);
      Object.assign(call, { statusCode: error.status, errorType: error.type, errorMessage: error.message });
      send(res, error.status, { message: error.message }, requestId, error.type);
    }
  }
}

/** restJson1, over HTTP/1.1 or HTTP/2 (lower-case names); an error names its shape in x-amzn-ErrorType. */
function send(res: Response, status: number, body: object, requestId: string, errorType?: string): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  (res as ServerResponse).writeHead(status, headers);
  res.end(text);
}

function invokeInput(modelId: string, req: Request, body: string): Record<string, unknown> {
  const parsed = parseObject(body);
  return { modelId, contentType: req.headers['content-type'], accept: req.headers.accept, body: parsed ?? body };
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
