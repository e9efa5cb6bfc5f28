/**
 * Serve mode's HTTP front: a route table behind the checks every request passes first. Requests
 * naming another host are refused (DNS rebinding), no CORS header is ever sent (a page of another
 * origin cannot read an answer), and an error in a route is one log line and a 500, never a crash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import { hostOfHeader } from './listen-address.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** Keyed by `METHOD /path` (`GET /metrics`); a GET route answers HEAD too. */
export type Routes = Readonly<Record<string, RouteHandler>>;

export interface RequestHandlerOptions {
  readonly allowedHosts: ReadonlySet<string>;
  readonly routes: Routes;
  readonly log: Logger;
}

const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/**
 * Answers with a body and the headers every answer carries. A body given in pieces (the cached
 * lines of `/metrics`) is written piece by piece in one corked batch, never joined into one copy.
 */
export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer | readonly Buffer[],
  extra: Record<string, string> = {},
): void {
  const pieces = typeof body === 'string' ? [Buffer.from(body, 'utf8')] : Buffer.isBuffer(body) ? [body] : body;
  let length = 0;
  for (const piece of pieces) length += piece.length;
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': contentType, 'content-length': length, ...extra });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  // end() uncorks: the pieces leave in one vectored write.
  res.cork();
  for (const piece of pieces) res.write(piece);
  res.end();
}

export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(value)}\n`, extra);
}

const sendText = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) =>
  send(res, status, 'text/plain; charset=utf-8', `${text}\n`, extra);

function routeOf(routes: Routes, method: string, pathname: string): RouteHandler | 'wrong-method' | null {
  const own = routes[`${method === 'HEAD' ? 'GET' : method} ${pathname}`];
  if (own) return own;
  return Object.keys(routes).some((key) => key.endsWith(` ${pathname}`)) ? 'wrong-method' : null;
}

export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { allowedHosts, routes, log } = options;
  return (req, res) => {
    const host = hostOfHeader(req.headers.host);
    if (host === null || !allowedHosts.has(host)) {
      sendText(res, 421, 'This server does not answer to that host name (start it with --public-name to add one).');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendText(res, 400, 'Bad request path.');
      return;
    }
    const route = routeOf(routes, req.method ?? 'GET', url.pathname);
    if (route === null) return sendText(res, 404, 'Not found.');
    if (route === 'wrong-method') return sendText(res, 405, 'Method not allowed.');
    Promise.resolve()
      .then(() => route(req, res, url))
      .catch((error: unknown) => {
        log.error(`Request ${req.method} ${url.pathname} failed`, { error: String(error) });
        if (!res.headersSent) sendText(res, 500, 'Internal error; see the server log.');
        else res.destroy();
      });
  };
}
