/*
 * One port for both clients. The BedrockClient speaks HTTP/1.1; the real
 * BedrockRuntimeClient speaks HTTP/2 (its default request handler is
 * NodeHttp2Handler, which over http:// opens with the HTTP/2 preface: h2c
 * with prior knowledge), and Node's cleartext http2 server takes no
 * HTTP/1.1. So the first bytes of each connection decide: the preface goes to
 * an http2 server, anything else to the HTTP/1.1 server as before.
 */
import type { Server } from 'http';
import { createServer as createHttp2Server, Http2ServerRequest, Http2ServerResponse, ServerHttp2Session } from 'http2';
import type { Socket } from 'net';

/** The HTTP/2 connection preface starts so; no HTTP/1.1 request line does ("PRI" is no method). */
const PREFACE_START = Buffer.from('PRI * HTTP/2.0');

/** Whether a connection's first bytes open the HTTP/2 preface (as far as they go). */
function isPrefaceStart(head: Buffer): boolean {
  const n = Math.min(head.length, PREFACE_START.length);
  return head.subarray(0, n).equals(PREFACE_START.subarray(0, n));
}

export type Http2Handler = (req: Http2ServerRequest, res: Http2ServerResponse) => void;

/** HTTP/2 connections on `server`'s port, handled by `handler`. */
export class Http2Cleartext {
  private readonly sessions = new Set<ServerHttp2Session>();

  constructor(server: Server, handler: Http2Handler) {
    const http2 = createHttp2Server(handler);
    http2.on('session', (session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
    });
    // The HTTP/1.1 server's own connection listener, called for what is not HTTP/2.
    const http1 = server.listeners('connection') as Array<(socket: Socket) => void>;
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      socket.once('readable', () => {
        const head = socket.read() as Buffer | null;
        if (head) socket.unshift(head);
        if (head !== null && isPrefaceStart(head)) {
          http2.emit('connection', socket);
        } else {
          http1.forEach((listener) => listener.call(server, socket));
        }
      });
    });
  }

  /** Ends the HTTP/2 sessions (the clients keep them open), which server.closeAllConnections() does not know. */
  public closeAll(): void {
    this.sessions.forEach((session) => session.destroy());
  }
}
