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

export type { HttpClient, HttpRequest, HttpResponse, HttpStats, HttpStream } from './http-types.js';
import type { HttpClient, HttpRequest, HttpResponse, HttpStats, HttpStream } from './http-types.js';

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
