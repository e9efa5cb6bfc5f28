/**
 * The parts of an HTTP exchange with an appliance that hold no state: the query and body as sent,
 * the pinned connection pool, a capped body read, the wait between attempts, and the answer as
 * `json` reads it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { CertificatePin } from '../../common/model.js';
import { ConnectorError } from './errors.js';
import type { HttpRequest, HttpResponse } from './http-client.js';
import { bodyExcerpt } from './redact.js';
import { observePeerCertificate, presentedCertificateOf, tlsOptionsFor } from './tls-trust.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Builds the query string; arrays repeat the key. */
export function buildQuery(query: HttpRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function encodeBody(body: HttpRequest['body']): { body?: string; contentType?: string } {
  if (body === undefined) return {};
  if (typeof body === 'string') return { body };
  if (body instanceof URLSearchParams) return { body: body.toString(), contentType: 'application/x-www-form-urlencoded' };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Reads a body up to `maxBytes`; more fails as `malformed` so a runaway answer cannot eat memory. */
export async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number, url: string): Promise<{ text: string; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > maxBytes) {
      throw new ConnectorError('malformed', `The answer of ${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; refused.`);
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes };
}

/**
 * Waits between two attempts, ending early when the caller aborts. Node's promise timer removes its
 * abort listener when it fires: the caller's signal lives as long as the poller, and a listener left
 * on it per retry piles up until Node warns (MaxListenersExceededWarning).
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw new ConnectorError('canceled', 'Request was canceled.');
    throw error;
  }
}

/**
 * An answer as `json` reads it: a non-2xx status rejects with `ConnectorError` (`auth_failed` for
 * 401 and 403, `rate_limited` for 429, `http` otherwise, with the short body text, `secrets` left
 * out); a body that is not JSON rejects as `malformed`.
 */
export function decodeAnswer(response: HttpResponse, secrets: readonly string[]): unknown {
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError('auth_failed', `The appliance refused the credentials (HTTP ${response.status}).`, {
      status: response.status,
    });
  }
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers['retry-after'], Date.now());
    throw new ConnectorError('rate_limited', 'The appliance asked to slow down (HTTP 429).', {
      status: 429,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  const path = new URL(response.url).pathname;
  if (response.status < 200 || response.status >= 300) {
    const excerpt = bodyExcerpt(response.text, secrets);
    throw new ConnectorError('http', `HTTP ${response.status} from ${path}${excerpt ? `: ${excerpt}` : ''}`, { status: response.status });
  }
  if (response.text.trim() === '') return null;
  try {
    return JSON.parse(response.text) as unknown;
  } catch (error) {
    const excerpt = bodyExcerpt(response.text, secrets).slice(0, 80);
    throw new ConnectorError('malformed', `The answer of ${path} is not valid JSON: "${excerpt}"`, { cause: error });
  }
}

/** An answer's headers, one text each. */
export function headersOf(answer: { headers: Record<string, string | string[] | undefined> }): Record<string, string> {
  const responseHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer.headers)) {
    if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return responseHeaders;
}

/** The connection pool of one appliance, trusting its pinned certificate (or the system CAs). */
export function pinnedAgent(base: URL, pin: CertificatePin | undefined, connections: number): Agent {
  const baseConnector = buildConnector({ ...tlsOptionsFor(pin), maxCachedSessions: 0, timeout: DEFAULT_TIMEOUT_MS });
  return new Agent({
    connections,
    keepAliveTimeout: 10_000,
    connect: (opts, callback) => {
      // undici's type says void, but its connector returns the socket it opened (lib/core/connect.js).
      const socket = baseConnector(opts, (error, connected) => {
        if (error) {
          const certificate = presentedCertificateOf(socket as unknown as TLSSocket);
          if (certificate) Object.assign(error, { presentedCertificate: certificate });
        }
        callback(error as Error & { code: string }, connected as never);
      });
      if (base.protocol === 'https:') observePeerCertificate(socket as unknown as TLSSocket);
      return socket;
    },
  });
}
