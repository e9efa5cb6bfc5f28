/**
 * Serves the built renderer (dist/renderer) to the browser, loopback only. Small on purpose:
 * GET/HEAD of files under one root, nothing else, no directory listing, no path escapes.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The same policy as index.html's meta tag, sent as a header too (a header also covers frame-ancestors). */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(join(base, normalize(decoded)));
  return full === base || full.startsWith(base + sep) ? full : null;
}

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
    'content-type': CONTENT_TYPES[extname(candidate)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': RENDERER_CSP,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
