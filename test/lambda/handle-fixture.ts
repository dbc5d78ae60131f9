/*
 * A local wait condition handle for watcher unit tests: an HTTP server that
 * records every PUT (its Content-Type and JSON body) and answers with the
 * status a test sets (200 by default).
 */
import { createServer, IncomingMessage, Server } from 'http';
import type { AddressInfo } from 'net';

export interface HandleFixture {
  /** The handle's presigned-looking URL. */
  readonly url: string;
  /** Every signal received since the test started. */
  readonly signals: Array<{ contentType?: string; body: Record<string, string> }>;
  /** What the handle answers. */
  status: number;
}

/** A handle for the file's tests, emptied before each. */
export function useHandle(): HandleFixture {
  let server: Server;
  const fixture = { url: '', signals: [] as HandleFixture['signals'], status: 200 };
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        fixture.signals.push({ contentType: req.headers['content-type'], body: JSON.parse(body) });
        res.writeHead(fixture.status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fixture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/handle?X-Amz-Signature=secret`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    fixture.signals.length = 0;
    fixture.status = 200;
  });
  return fixture;
}
