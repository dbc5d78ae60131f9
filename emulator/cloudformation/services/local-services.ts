/*
 * The engine's local services on 127.0.0.1: wait condition handle URLs,
 * EventBridge's API and DynamoDB's, told apart by X-Amz-Target, Lambda's
 * Invoke, by its path, CloudFormation's DescribeStackResource, a form body,
 * and Step Functions' StartExecution, by X-Amz-Target (the functions get the
 * endpoint in AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_CLOUDFORMATION and
 * AWS_ENDPOINT_URL_SFN, which the SDK's clients read).
 */
import { IncomingMessage, Server, ServerResponse } from 'http';
import { TARGET_PREFIX as DYNAMODB_TARGET_PREFIX } from '../../dynamodb';
import { closeServer, createLoopbackServer, listenOnLoopback, loopbackEndpoint, readBody } from '../../shared/loopback-server';
import { ApiAnswer } from '../eventbridge/api';
import { INVOKE_PATH } from '../lambda/invoke-api';
import { STEP_FUNCTIONS_TARGET_PREFIX } from '../stepfunctions/start-execution-api';
import { HANDLE_PATH, HandleAnswer } from '../wait-conditions/handles';

export interface ServiceRoutes {
  /** A request to a wait condition handle URL. */
  handle(method: string, path: string, contentType: string | undefined, body: Buffer): HandleAnswer;
  /** An EventBridge API call. */
  eventBridge(operation: string, body: string): ApiAnswer;
  /** A DynamoDB API call (`target`: the whole X-Amz-Target). */
  dynamodb(target: string, body: string): ApiAnswer;
  /** A Lambda Invoke (`path`: /2015-03-31/functions/<function>/invocations). */
  invoke(path: string, invocationType: string | undefined, body: string): Promise<ApiAnswer>;
  /** A CloudFormation API call (awsQuery: a form body). */
  cloudFormation(body: string): ApiAnswer;
  /** A Step Functions API call (`operation`: X-Amz-Target without its prefix). */
  stepFunctions(operation: string, body: string): Promise<ApiAnswer>;
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
    this.starting ??= (async () => {
      const server = createLoopbackServer((request, response) => void this.serve(request, response));
      await listenOnLoopback(server);
      server.unref();
      this.server = server;
      this.url = loopbackEndpoint(server);
      return this.url;
    })();
    return this.starting;
  }

  public async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    this.url = undefined;
    if (server) await closeServer(server);
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, MAX_BODY_BYTES);
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
      if (request.method === 'POST' && target.startsWith(STEP_FUNCTIONS_TARGET_PREFIX)) {
        const answer = await this.routes.stepFunctions(target.slice(STEP_FUNCTIONS_TARGET_PREFIX.length), body.toString('utf8'));
        return send(response, answer.status, answer.headers, answer.body);
      }
      if (request.method === 'POST' && INVOKE_PATH.test(path.split('?')[0])) {
        const invocationType = request.headers['x-amz-invocation-type'];
        const answer = await this.routes.invoke(path, typeof invocationType === 'string' ? invocationType : undefined, body.toString('utf8'));
        return send(response, answer.status, answer.headers, answer.body);
      }
      if (request.method === 'POST' && String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        const answer = this.routes.cloudFormation(body.toString('utf8'));
        return send(response, answer.status, answer.headers, answer.body);
      }
      return send(response, 404, {}, `The engine's local services have nothing at ${request.method} ${path}`);
    } catch (error) {
      return send(response, 500, {}, `The engine's local services failed: ${(error as Error).message}`);
    }
  }
}

function send(response: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
