/** The HTTP client's request and answer shapes, apart from its code so that its parts can share them. */
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
