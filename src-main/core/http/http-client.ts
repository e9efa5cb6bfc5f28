/**
 * The one HTTP client every connector uses (interface; implementation below the types). Requests
 * are sent with retries here; long-lived answers are opened in http-stream.ts.
 * TLS is always verified: an appliance with a pinned certificate trusts that certificate alone.
 */
import type { Agent } from 'undici';
import { backoffDelayMs } from '../../common/backoff.js';
import type { CertificatePin } from '../../common/model.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { ConnectorError, isConnectorError } from './errors.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  buildQuery,
  decodeAnswer,
  encodeBody,
  headersOf,
  pinnedAgent,
  readCapped,
  sleep,
} from './http-request.js';
import { openStream } from './http-stream.js';
import { createSentSecrets } from './redact.js';
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

/** Retries happen inside one poll: never wait longer than this between two attempts. */
const MAX_RETRY_DELAY_MS = 5_000;

/** Creates the HTTP client of one appliance, trusting its pinned certificate (or the system CAs). */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new AgentClient(options);
}

class AgentClient implements HttpClient {
  readonly baseUrl: string;
  readonly stats: HttpStats;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #log: Logger;
  readonly #agent: Agent;
  readonly #sent = createSentSecrets();
  #serverDate: number | null = null;

  constructor(private readonly options: HttpClientOptions) {
    const base = new URL(options.baseUrl);
    this.baseUrl = options.baseUrl;
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/$/, '');
    this.#log = options.log ?? silentLogger;
    this.stats = options.stats ?? { requests: 0, bytes: 0 };
    this.#agent = pinnedAgent(base, options.pin, options.connections ?? 4);
  }

  readonly request = async (req: HttpRequest): Promise<HttpResponse> => {
    const url = this.#resolveUrl(req.path + buildQuery(req.query));
    const retries = req.retries ?? ((req.method ?? 'GET') === 'GET' ? 2 : 0);
    const retryDelayMs = this.options.retryDelayMs ?? 250;
    for (let n = 0; ; n += 1) {
      try {
        const response = await this.#attempt(req, url);
        if (response.status < 500 || n >= retries) return response;
        this.#log.debug(`HTTP ${response.status} from ${url.pathname}, retrying`);
      } catch (error) {
        const retriable = isConnectorError(error) && error.kind === 'unreachable';
        if (!retriable || n >= retries) throw error;
        this.#log.debug(`${(error as Error).message} Retrying.`);
      }
      // Jittered so a fleet does not hammer a recovering appliance in step.
      await sleep(backoffDelayMs(n + 1, { baseMs: retryDelayMs, capMs: MAX_RETRY_DELAY_MS, jitter: 0.5 }), req.signal);
    }
  };

  readonly json = async (req: HttpRequest): Promise<unknown> => this.decode(await this.request(req));

  readonly decode = (response: HttpResponse): unknown => decodeAnswer(response, [...this.#sent.values(), ...(this.options.secrets ?? [])]);

  readonly stream = (req: HttpRequest & { readonly idleMs: number }): Promise<HttpStream> => {
    const url = this.#resolveUrl(req.path + buildQuery(req.query));
    return openStream(req, url, (signal) => this.#send(req, url, signal, req.idleMs), this.stats);
  };

  serverDateMs(): number | null {
    return this.#serverDate;
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  #resolveUrl(path: string): URL {
    const url = /^https?:\/\//i.test(path)
      ? new URL(path)
      : new URL(`${this.#basePath}${path.startsWith('/') ? '' : '/'}${path}`, this.#origin);
    // Links in answers (paging `next`) must not lead the client to another host with our credentials.
    if (url.origin !== this.#origin)
      throw new ConnectorError('malformed', `The appliance pointed to another host (${url.origin}); refused.`);
    return url;
  }

  #send(req: HttpRequest, url: URL, signal: AbortSignal, bodyTimeout?: number) {
    const { body, contentType } = encodeBody(req.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'Backwatch',
      ...(contentType ? { 'content-type': contentType } : {}),
      ...req.headers,
    };
    if (req.headers) this.#sent.remember(req.headers);
    this.stats.requests += 1;
    return this.#agent.request({
      origin: this.#origin,
      path: url.pathname + url.search,
      method: req.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      ...(bodyTimeout === undefined ? {} : { bodyTimeout }),
      signal,
    });
  }

  async #attempt(req: HttpRequest, url: URL): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const answer = await this.#send(req, url, signal);
      const responseHeaders = headersOf(answer);
      const { text, bytes } = await readCapped(answer.body, req.maxBytes ?? DEFAULT_MAX_BYTES, url.href).catch(async (e: unknown) => {
        answer.body.destroy();
        throw e;
      });
      this.stats.bytes += bytes;
      const date = Date.parse(responseHeaders['date'] ?? '');
      if (Number.isFinite(date)) this.#serverDate = date;
      return { status: answer.statusCode, headers: responseHeaders, text, bytes, url: url.href };
    } catch (error) {
      if (req.signal?.aborted) throw new ConnectorError('canceled', `Request to ${url.href} was canceled.`);
      throw transportError(error, url.href);
    }
  }
}
