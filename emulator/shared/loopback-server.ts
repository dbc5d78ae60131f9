/*
 * What the local services' HTTP servers share: they answer without a Date,
 * listen on 127.0.0.1 only, tell their endpoint, read a request's body
 * (within a limit), and stop with the connections their clients keep alive.
 */
import { createServer, IncomingMessage, RequestListener, Server } from 'http';
import type { AddressInfo } from 'net';

/**
 * An HTTP server whose answers carry no Date. Clients run on two times
 * (handlers under the local engine on the emulated one, a command line on
 * the host's), and a Date five minutes off a client's clock makes the SDK
 * correct its clock and send a refused request again.
 */
export function createLoopbackServer(listener: RequestListener): Server {
  return createServer((request, response) => {
    response.sendDate = false;
    listener(request, response);
  });
}

/** Listens on 127.0.0.1 (port 0: a free one). */
export function listenOnLoopback(server: Server, port = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
}

/** `http://127.0.0.1:<port>` of a listening server. */
export function loopbackEndpoint(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Clients keep connections alive: close them, or close() waits for them to time out.
  server.closeAllConnections();
  await closed;
}

/** The request's body; with `maxBytes`, undefined as soon as it is larger. */
export function readBody(request: IncomingMessage): Promise<Buffer>;
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined>;
export async function readBody(request: IncomingMessage, maxBytes = Infinity): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
