/**
 * The main side of the IPC contract over a WebSocket, for the browser harness. Same services,
 * other transport (style.md §3). Bound to loopback, every connection must present the per-run
 * token. Like every ServerTransport it hands arguments on unvalidated: the services behind the
 * handler given to `serve` validate them, as on the Electron path.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isLoopbackHost } from '../core/http/loopback-host.js';
import { isRequestChannel, type ServerTransport } from '../common/ipc-channels.js';
import type { IpcRequestChannel } from '../common/ipc-contract.js';
import type { WsServerMessage } from '../common/ws-protocol.js';

export const IPC_PATH = '/ipc';

/** A server transport that can also push harness-only messages (not part of the contract). */
export interface WebSocketServerTransport extends ServerTransport {
  sendHarness(kind: string, payload: unknown): void;
  /** Number of open connections (for tests and the harness log). */
  readonly clientCount: number;
}

type RequestHandler = (channel: IpcRequestChannel, arg: unknown) => Promise<unknown>;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Constant-time token comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether an upgrade request may open the IPC socket: loopback peer, right path, right token, same-host origin. */
export function isAllowedUpgrade(req: IncomingMessage, token: string): boolean {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || !isLoopbackHost(req.headers.host)) return false;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== IPC_PATH || !tokenMatches(token, url.searchParams.get('token'))) return false;
  // A page of another site must not drive the app even if it learned the port (cross-site WebSocket hijacking).
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host ?? ''}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function answer(handler: RequestHandler | null, data: string): Promise<WsServerMessage | null> {
  let request: { id?: unknown; channel?: unknown; arg?: unknown };
  try {
    request = JSON.parse(data) as typeof request;
  } catch {
    return null;
  }
  if (typeof request !== 'object' || request === null || typeof request.id !== 'number') return null;
  const id = request.id;
  if (!isRequestChannel(request.channel)) return { type: 'response', id, ok: false, error: `Unknown channel: ${String(request.channel)}` };
  if (!handler) return { type: 'response', id, ok: false, error: 'Backwatch is not ready yet' };
  try {
    return { type: 'response', id, ok: true, value: await handler(request.channel, request.arg) };
  } catch (error) {
    return { type: 'response', id, ok: false, error: errorText(error) };
  }
}

export function createWebSocketServerTransport(server: Server, token: string): WebSocketServerTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let handler: RequestHandler | null = null;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (!isAllowedUpgrade(req, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      void answer(handler, data.toString()).then((reply) => {
        if (reply && ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      });
    });
  });

  const broadcast = (message: WsServerMessage): void => {
    const text = JSON.stringify(message);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  };

  return {
    serve(h) {
      handler = h;
    },
    emit(event, payload) {
      broadcast({ type: 'event', event, payload });
    },
    sendHarness(kind, payload) {
      broadcast({ type: 'harness', kind, payload });
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
