/*
 * The local DynamoDB on its own HTTP server on 127.0.0.1, for tests that use
 * it without the CloudFormation engine (which serves it on its own local
 * services). Any SigV4 signature is accepted. Dev-only: not shipped.
 */
import { IncomingMessage, Server, ServerResponse } from 'http';
import { LocalDynamoDB, LocalDynamoDBOptions } from './local-dynamodb';
import { closeServer, createLoopbackServer, listenOnLoopback, loopbackEndpoint, readBody } from '../shared/loopback-server';

export interface DynamoDBEmulatorOptions extends LocalDynamoDBOptions {
  /** Default: a free port. */
  readonly port?: number;
}

/** Larger than any request DynamoDB takes (a 400 KB item, as JSON). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class DynamoDBEmulator extends LocalDynamoDB {
  /** Starts an emulator listening on 127.0.0.1. */
  public static async start(options: DynamoDBEmulatorOptions = {}): Promise<DynamoDBEmulator> {
    const emulator = new DynamoDBEmulator(options);
    await listenOnLoopback(emulator.server, options.port);
    return emulator;
  }

  private readonly server: Server;

  private constructor(options: DynamoDBEmulatorOptions) {
    super(options);
    this.server = createLoopbackServer((request, response) => {
      // A failure here is a client gone away: end the exchange either way.
      this.serve(request, response).catch(() => response.destroy());
    });
  }

  /** The URL to give the DynamoDBClient as `endpoint` (or AWS_ENDPOINT_URL_DYNAMODB). */
  public get endpoint(): string {
    return loopbackEndpoint(this.server);
  }

  public stop(): Promise<void> {
    return closeServer(this.server);
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === undefined) {
      response.writeHead(413).end();
      return;
    }
    const answer = this.answer(String(request.headers['x-amz-target'] ?? ''), body.toString('utf8'));
    response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    response.end(answer.body);
  }
}
