/**
 * Serves the built renderer (dist/renderer) to the browser, loopback only. Small on purpose:
 * GET/HEAD of files under one root, nothing else, no directory listing, no path escapes.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf, resolveInside } from '../core/renderer-files.js';

/** The same policy as index.html's meta tag, sent as a header too (a header also covers frame-ancestors). */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Answers a request for a static file; returns false when it was not one (so the caller can 404). */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const candidate = resolveInside(root, pathname === '/' ? '/index.html' : pathname);
  if (!candidate) return false;
  const info = await stat(candidate).catch(() => null);
  if (!info?.isFile()) return false;
  const body = await readFile(candidate);
  res.writeHead(200, {
    'content-type': contentTypeOf(candidate),
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': RENDERER_CSP,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
