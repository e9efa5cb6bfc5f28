/**
 * The window's own origin: the built renderer served as `app://backwatch/…` (a privileged,
 * standard, secure scheme, as VS Code serves its workbench from `vscode-file://`). The page gets
 * a real origin, its CSP arrives as a response header, and nothing outside dist/renderer can be
 * read through it. This file decides; app-scheme.ts hands it to Electron.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../common/csp.js';
import { contentTypeOf, resolveInside } from '../core/renderer-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'backwatch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The only page the window shows. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** What the scheme may do: a real origin (standard), a secure context, fetch(); never a CSP bypass. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

function hasEncodedParentSegment(pathname: string): boolean {
  try {
    return decodeURIComponent(pathname).split(/[\\/]/).includes('..');
  } catch {
    return true;
  }
}

/**
 * The file under `rendererRoot` that `url` names, or null for anything else: another scheme or
 * host, credentials or a port, the bare origin, a path escaping the root (plain or encoded).
 */
export function resolveAppRequest(url: string, rendererRoot: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null;
  // URL parsing already resolved literal dot segments (as the browser does before asking);
  // an encoded one (`%2e%2e%2f`, `..%5c`) is an attempt to leave the root, refused outright.
  if (parsed.pathname === '' || parsed.pathname === '/' || hasEncodedParentSegment(parsed.pathname)) return null;
  const file = resolveInside(rendererRoot, parsed.pathname);
  return file && file !== resolve(rendererRoot) ? file : null;
}

/** One answer of the app:// protocol, as plain data (Electron's handler wraps it in a Response). */
export interface AppResponse {
  readonly status: 200 | 404 | 405;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
}

const notFound = (status: 404 | 405 = 404): AppResponse => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
  body: new TextEncoder().encode(status === 404 ? 'Not found' : 'Method not allowed'),
});

/** Answers a request of the page: the file with its type and the CSP header, or a 404. */
export async function readAppResponse(method: string, url: string, rendererRoot: string): Promise<AppResponse> {
  if (method !== 'GET' && method !== 'HEAD') return notFound(405);
  const file = resolveAppRequest(url, rendererRoot);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) return notFound();
  return {
    status: 200,
    headers: {
      'content-type': contentTypeOf(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: method === 'HEAD' ? null : new Uint8Array(await readFile(file)),
  };
}
