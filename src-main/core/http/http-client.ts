/**
 * The one HTTP client every connector uses (interface; implementation below the types).
 * TLS is always verified: an appliance with a pinned certificate trusts that certificate alone.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import { backoffDelayMs } from '../../common/backoff.js';
import type { CertificatePin } from '../../common/model.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { ConnectorError, isConnectorError } from './errors.js';
import { bodyExcerpt, createSentSecrets } from './redact.js';
import { observePeerCertificate, presentedCertificateOf, tlsOptionsFor } from './tls-trust.js';
import { transportError } from './transport-error.js';

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path relative to the appliance base URL (`/api/...`) or an absolute URL on the same origin. */
  readonly path: string;
  /** Arrays repeat the parameter (`a=1&a=2`). */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; URLSearchParams as form-urlencoded; anything else as JSON. */
  readonly body?: string | URLSearchParams | object;
  /** Per-attempt timeout, ms (default 15 000). */
  readonly timeoutMs?: number;
  /** Response size cap, bytes (default 20 MiB): larger bodies fail as `malformed`. */
  readonly maxBytes?: number;
  /** Extra attempts on 5xx and connection errors, with backoff (default 2 for GET, 0 otherwise). */
  readonly retries?: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** Body size in bytes. */
  readonly bytes: number;
  /** The URL that was requested (for messages). */
  readonly url: string;
}

/** Counters for benchmarks and diagnostics. */
export interface HttpStats {
  requests: number;
  bytes: number;
}

export interface HttpClient {
  readonly baseUrl: string;
  /**
   * Sends a request. Resolves for every HTTP status (the caller decides what a 401 or 404 means);
   * rejects only with `ConnectorError` (unreachable, untrusted_certificate, malformed for an
   * oversized body, canceled).
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  /**
   * GET (or another method) and parse JSON. A non-2xx status rejects with `ConnectorError`
   * (`auth_failed` for 401, `rate_limited` for 429, `http` otherwise, with the short body text);
   * a body that is not JSON rejects as `malformed` with the URL and the body's first characters.
   */
  json(req: HttpRequest): Promise<unknown>;
  /** Reads an answer `request` gave as `json` would (for a caller that looks at the whole body first). */
  decode(response: HttpResponse): unknown;
  /**
   * Opens a long-lived answer (an event stream) and hands its body over as it arrives. The stream
   * fails (as `unreachable`) when nothing arrives for `idleMs`. Rejects like `request`; never retries.
   */
  stream(req: HttpRequest & { readonly idleMs: number }): Promise<HttpStream>;
  readonly stats: HttpStats;
  /** The appliance's clock at its newest answer, epoch ms, from the `Date` header; null before one came. */
  serverDateMs(): number | null;
  close(): Promise<void>;
}

/** An answer whose body is still arriving. */
export interface HttpStream {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text, chunk by chunk; ends when the server closes; throws `ConnectorError`. */
  readonly chunks: AsyncIterable<string>;
}

// ---------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly pin?: CertificatePin;
  readonly log?: Logger;
  readonly userAgent?: string;
  /** Parallel connections to the appliance (default 4). */
  readonly connections?: number;
  /** Back-off base for retries, ms (default 250); tests shorten it. */
  readonly retryDelayMs?: number;
  /** Counters to add to (kept by the caller across clients, e.g. per appliance); a fresh pair by default. */
  readonly stats?: HttpStats;
  /** Secrets the caller sends (the password, read live): never quoted from an answer's body. */
  readonly secrets?: Iterable<string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Retries happen inside one poll: never wait longer than this between two attempts. */
const MAX_RETRY_DELAY_MS = 5_000;

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

function encodeBody(body: HttpRequest['body']): { body?: string; contentType?: string } {
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
async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number, url: string): Promise<{ text: string; bytes: number }> {
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
async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw new ConnectorError('canceled', 'Request was canceled.');
    throw error;
  }
}

/** Creates the HTTP client of one appliance, trusting its pinned certificate (or the system CAs). */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/$/, '');
  const log = options.log ?? silentLogger;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const stats: HttpStats = options.stats ?? { requests: 0, bytes: 0 };
  let serverDate: number | null = null;
  const sent = createSentSecrets();
  const secretsInPlay = (): string[] => [...sent.values(), ...(options.secrets ?? [])];

  const baseConnector = buildConnector({ ...tlsOptionsFor(options.pin), maxCachedSessions: 0, timeout: DEFAULT_TIMEOUT_MS });
  const agent = new Agent({
    connections: options.connections ?? 4,
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

  function resolveUrl(path: string): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${basePath}${path.startsWith('/') ? '' : '/'}${path}`, origin);
    // Links in answers (paging `next`) must not lead the client to another host with our credentials.
    if (url.origin !== origin) throw new ConnectorError('malformed', `The appliance pointed to another host (${url.origin}); refused.`);
    return url;
  }

  function send(req: HttpRequest, url: URL, signal: AbortSignal, bodyTimeout?: number) {
    const { body, contentType } = encodeBody(req.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'Backwatch',
      ...(contentType ? { 'content-type': contentType } : {}),
      ...req.headers,
    };
    if (req.headers) sent.remember(req.headers);
    stats.requests += 1;
    return agent.request({
      origin,
      path: url.pathname + url.search,
      method: req.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      ...(bodyTimeout === undefined ? {} : { bodyTimeout }),
      signal,
    });
  }

  function headersOf(answer: { headers: Record<string, string | string[] | undefined> }): Record<string, string> {
    const responseHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(answer.headers)) {
      if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    return responseHeaders;
  }

  async function attempt(req: HttpRequest, url: URL): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const answer = await send(req, url, signal);
      const responseHeaders = headersOf(answer);
      const { text, bytes } = await readCapped(answer.body, req.maxBytes ?? DEFAULT_MAX_BYTES, url.href).catch(async (e: unknown) => {
        answer.body.destroy();
        throw e;
      });
      stats.bytes += bytes;
      const date = Date.parse(responseHeaders['date'] ?? '');
      if (Number.isFinite(date)) serverDate = date;
      return { status: answer.statusCode, headers: responseHeaders, text, bytes, url: url.href };
    } catch (error) {
      if (req.signal?.aborted) throw new ConnectorError('canceled', `Request to ${url.href} was canceled.`);
      throw transportError(error, url.href);
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const url = resolveUrl(req.path + buildQuery(req.query));
    const retries = req.retries ?? ((req.method ?? 'GET') === 'GET' ? 2 : 0);
    for (let n = 0; ; n += 1) {
      try {
        const response = await attempt(req, url);
        if (response.status < 500 || n >= retries) return response;
        log.debug(`HTTP ${response.status} from ${url.pathname}, retrying`);
      } catch (error) {
        const retriable = isConnectorError(error) && error.kind === 'unreachable';
        if (!retriable || n >= retries) throw error;
        log.debug(`${(error as Error).message} Retrying.`);
      }
      // Jittered so a fleet does not hammer a recovering appliance in step.
      await sleep(backoffDelayMs(n + 1, { baseMs: retryDelayMs, capMs: MAX_RETRY_DELAY_MS, jitter: 0.5 }), req.signal);
    }
  }

  async function* chunksOf(body: AsyncIterable<Buffer>, url: URL, signal?: AbortSignal): AsyncIterable<string> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        stats.bytes += chunk.length;
        yield decoder.decode(chunk, { stream: true });
      }
    } catch (error) {
      if (signal?.aborted) throw new ConnectorError('canceled', `Request to ${url.href} was canceled.`);
      throw transportError(error, url.href);
    }
  }

  async function stream(req: HttpRequest & { readonly idleMs: number }): Promise<HttpStream> {
    const url = resolveUrl(req.path + buildQuery(req.query));
    // Only the wait for the headers is bounded as a whole; the body may last for hours.
    const headersDue = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const abort = new AbortController();
    const onHeadersDue = () => abort.abort(headersDue.reason);
    headersDue.addEventListener('abort', onHeadersDue, { once: true });
    const signal = req.signal ? AbortSignal.any([req.signal, abort.signal]) : abort.signal;
    try {
      const answer = await send(req, url, signal, req.idleMs);
      return { status: answer.statusCode, headers: headersOf(answer), chunks: chunksOf(answer.body, url, req.signal) };
    } catch (error) {
      if (req.signal?.aborted) throw new ConnectorError('canceled', `Request to ${url.href} was canceled.`);
      throw transportError(error, url.href);
    } finally {
      headersDue.removeEventListener('abort', onHeadersDue);
    }
  }

  function decode(response: HttpResponse): unknown {
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
    if (response.status < 200 || response.status >= 300) {
      const excerpt = bodyExcerpt(response.text, secretsInPlay());
      throw new ConnectorError('http', `HTTP ${response.status} from ${new URL(response.url).pathname}${excerpt ? `: ${excerpt}` : ''}`, {
        status: response.status,
      });
    }
    if (response.text.trim() === '') return null;
    try {
      return JSON.parse(response.text) as unknown;
    } catch (error) {
      throw new ConnectorError(
        'malformed',
        `The answer of ${new URL(response.url).pathname} is not valid JSON: "${bodyExcerpt(response.text, secretsInPlay()).slice(0, 80)}"`,
        {
          cause: error,
        },
      );
    }
  }

  return {
    baseUrl: options.baseUrl,
    request,
    json: async (req) => decode(await request(req)),
    decode,
    stream,
    stats,
    serverDateMs: () => serverDate,
    close: () => agent.close(),
  };
}
