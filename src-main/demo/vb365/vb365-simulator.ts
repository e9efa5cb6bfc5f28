/**
 * HTTPS simulator of the Veeam Backup for Microsoft 365 REST API (`https://HOST:4443/vN/`), driven
 * by the scenario engine. A server of version vK answers every prefix v5..vK with that prefix's
 * shapes and 404 under newer ones, as the real server does. Tokens follow the API notes: password
 * and refresh grants, `expires_in`, a per-minute rate limit (429 + Retry-After), logout. Answers
 * follow Veeam's v7 and v8 documents (v5 and v6 as v7); `Vb365Quirks` holds what servers do otherwise.
 */
import type { SimRequest, SimResponse } from '../sim/https-simulator.js';
import { createVb365Scenario } from './vb365-scenario.js';
import type { Scenario, ScenarioSession } from '../sim/scenario.js';
import { OAuthTokens, withTokens, type OAuthSimulator } from '../sim/oauth-tokens.js';
import { Vb365Objects } from './vb365-objects.js';
import { BadRequest, intParam, timeParam } from '../sim/query-params.js';
import type { BaseSimulator, BaseSimulatorOptions, SimulatorCredentials } from '../sim/vendor-simulator.js';
import { answeringBadRequests, baseHandle, credentialsOf, scenarioOf, startVendorServer } from '../sim/vendor-simulator.js';
import type { Vb365ApiVersion, Vb365Quirks } from './vb365-render.js';
import { Vb365Renderer, versionNumber } from './vb365-render.js';

export type { Vb365ApiVersion, Vb365Quirks } from './vb365-render.js';
export { VB365_DEMO_JOBS, createVb365Scenario } from './vb365-scenario.js';

/** The VB365 simulator's options; the default scenario is `createVb365Scenario` (200 finished sessions). */
export interface Vb365SimulatorOptions extends BaseSimulatorOptions {
  /** The newest API version the server speaks. Default v8. */
  readonly apiVersion?: Vb365ApiVersion;
  /** Token requests (any grant) accepted per minute of scenario time; more get 429. Default 10. */
  readonly tokenRateLimitPerMinute?: number;
  /** `expires_in` of access tokens, seconds. Default 3600. */
  readonly tokenLifetimeSec?: number;
  /** Statistics and progress as text, as old versions sent (see `Vb365Quirks`). Default false. */
  readonly numbersAsText?: boolean;
  /** A failed run says `jobWillBeRetried: true`. Default true. */
  readonly retryFailed?: boolean;
  /** Order of session lists. Default newest first. */
  readonly sessionOrder?: Vb365Quirks['sessionOrder'];
  /** Any other switch of `Vb365Quirks` (all off by default). */
  readonly quirks?: Partial<Vb365Quirks>;
}

/** Token endpoint traffic, for tests that count logins. */
export interface Vb365TokenStats {
  password: number;
  refresh: number;
  /** Answered 429. */
  limited: number;
}

export interface Vb365Simulator extends BaseSimulator, OAuthSimulator {
  readonly apiVersion: Vb365ApiVersion;
  /** Live switches: change them between requests. */
  readonly quirks: Vb365Quirks;
  readonly tokenStats: Vb365TokenStats;
}

const MINUTE = 60_000;
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 30;

/** `{message}`, with v8's documented `errorCode` where one fits (v7 documents only `ProxyOffline`). */
const error = (
  version: number,
  status: number,
  message: string,
  errorCode?: 'ResourceNotFound' | 'ParameterValidationFailure',
): SimResponse => ({
  status,
  body: version >= 8 && errorCode ? { message, errorCode } : { message },
});

/** VB365's REST API over one scenario: the token endpoint with its rate limit, and the versioned routes. */
class Vb365Api {
  readonly tokens: OAuthTokens;
  readonly tokenStats: Vb365TokenStats = { password: 0, refresh: 0, limited: 0 };
  /** The server's own address, for `_links`; set once it listens. */
  baseUrl = '';
  /** Times of recent token requests, oldest first. */
  readonly #tokenTimes: number[] = [];
  readonly #render: Vb365Renderer;
  readonly #objects: Vb365Objects;

  constructor(
    private readonly scenario: Scenario,
    private readonly credentials: SimulatorCredentials,
    private readonly quirks: Vb365Quirks,
    private readonly apiVersion: Vb365ApiVersion,
    private readonly ratePerMinute: number,
    lifetimeSec: number,
  ) {
    this.tokens = new OAuthTokens(lifetimeSec, () => scenario.now());
    this.#render = new Vb365Renderer(scenario, quirks, () => this.baseUrl);
    this.#objects = new Vb365Objects(scenario);
  }

  route(req: SimRequest): SimResponse {
    const m = /^\/(v\d+)(\/.*)?$/i.exec(req.path);
    const version = m?.[1]?.toLowerCase() as Vb365ApiVersion | undefined;
    if (!version || versionNumber(version) < 5 || versionNumber(version) > versionNumber(this.apiVersion)) {
      return { status: 404, body: { message: `No API at ${req.path}.` } };
    }
    const v = versionNumber(version);
    const rest = (m?.[2] ?? '').replace(/\/$/, '');
    if (rest.toLowerCase() === '/token' && req.method === 'POST') return this.#token(v, req);
    const access = this.tokens.bearer(req);
    if (!access) return error(v, 401, 'Authorization has been denied for this request.');
    if (rest.toLowerCase() === '/token/logout' && req.method === 'POST') {
      this.tokens.revoke(access);
      // v8 documents 204 No Content; v7 200.
      return { status: v >= 8 ? 204 : 200 };
    }
    if (req.method !== 'GET') return error(v, 405, `${req.method} is not supported here.`);
    return this.#routeApi(version, req, rest);
  }

  #issueToken(): SimResponse {
    const date = (ms: number): string => (this.quirks.rfc1123TokenDates ? new Date(ms).toUTCString() : new Date(ms).toISOString());
    return { status: 200, body: { ...this.tokens.grant(date), userName: this.credentials.username } };
  }

  /** Sliding one-minute window over every token request, accepted or refused. */
  #rateLimited(): SimResponse | null {
    const now = this.scenario.now();
    const times = this.#tokenTimes;
    while (times.length > 0 && (times[0] ?? 0) <= now - MINUTE) times.shift();
    if (times.length < this.ratePerMinute) {
      times.push(now);
      return null;
    }
    this.tokenStats.limited += 1;
    const retryAfter = Math.max(1, Math.ceil(((times[0] ?? now) + MINUTE - now) / 1000));
    return { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: { message: 'Too many requests. Try again later.' } };
  }

  #token(v: number, req: SimRequest): SimResponse {
    const limited = this.#rateLimited();
    if (limited) return limited;
    const form = new URLSearchParams(req.body);
    if (v >= 7 && form.get('disable_antiforgery_token') !== 'true')
      return error(v, 400, 'The antiforgery token is missing or invalid.', 'ParameterValidationFailure');
    const grant = form.get('grant_type');
    if (grant === 'password') {
      this.tokenStats.password += 1;
      if (form.get('username') !== this.credentials.username || form.get('password') !== this.credentials.password) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } };
      }
      return this.#issueToken();
    }
    if (grant === 'refresh_token') {
      this.tokenStats.refresh += 1;
      const refresh = form.get('refresh_token') ?? '';
      if (!this.tokens.spendRefresh(refresh))
        return { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' } };
      return this.#issueToken();
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  /** `{offset, limit, results, _links}` with only the page's items rendered. */
  #paged<T>(version: Vb365ApiVersion, req: SimRequest, items: Iterable<T>, renderItem: (item: T) => unknown): SimResponse {
    const offset = intParam(req.query, 'offset', 0);
    const limit = intParam(req.query, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
    const page: unknown[] = [];
    let index = 0;
    let more = false;
    for (const item of items) {
      if (index >= offset + limit) {
        more = true;
        break;
      }
      if (index >= offset) page.push(renderItem(item));
      index++;
    }
    const relative = req.path.replace(/^\/v\d+\//, '');
    const link = (o: number) => {
      const q = new URLSearchParams(req.query);
      q.set('offset', String(o));
      q.set('limit', String(limit));
      return { href: this.#render.href(version, `${relative}?${q}`) };
    };
    return {
      status: 200,
      body: { offset, limit, results: page, _links: { self: link(offset), ...(more ? { next: link(offset + limit) } : {}) } },
    };
  }

  /** Sessions in `quirks.sessionOrder`, optionally of one job and with an end `ended` accepts. */
  *#orderedSessions(jobId: string | null, ended: (endedAt: number | null) => boolean): Generator<ScenarioSession> {
    const all = this.scenario.sessions();
    const newest = this.quirks.sessionOrder === 'newest';
    for (let i = 0; i < all.length; i++) {
      const s = all[newest ? all.length - 1 - i : i];
      if (s && (jobId === null || s.jobId === jobId) && ended(s.endedAt)) yield s;
    }
  }

  /** Ended at or after `endTimeLowerBound` and (v7+; v5 and v6 document none) before `endTimeUpperBound`. */
  #listSessions(version: Vb365ApiVersion, req: SimRequest, jobId: string | null): SimResponse {
    const from = timeParam(req.query, 'endTimeLowerBound');
    const before = versionNumber(version) >= 7 ? timeParam(req.query, 'endTimeUpperBound') : null;
    const ended = (t: number | null) => (from === null || (t !== null && t >= from)) && (before === null || (t !== null && t < before));
    const sessions = this.#orderedSessions(jobId, ended);
    return this.#paged(version, req, sessions, (s) => this.#render.session(version, s));
  }

  #listJobs(version: Vb365ApiVersion, req: SimRequest): SimResponse {
    const active = new Map(this.scenario.activeSessions().map((s) => [s.jobId, s]));
    const jobs = this.scenario.jobs();
    // v5–v7 answer a bare array; v8 pages jobs like everything else.
    if (versionNumber(version) < 8) return { status: 200, body: jobs.map((j) => this.#render.job(version, j, active.get(j.id))) };
    return this.#paged(version, req, jobs, (j) => this.#render.job(version, j, active.get(j.id)));
  }

  #routeApi(version: Vb365ApiVersion, req: SimRequest, rest: string): SimResponse {
    const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
    const first = parts[0]?.toLowerCase();
    if (first === 'jobs') return this.#routeJobs(version, req, parts);
    if (first === 'jobsessions') return this.#routeJobSessions(version, req, parts);
    if (first === 'backuprepositories' && versionNumber(version) >= 7) return this.#routeRepositories(version, req, parts);
    return this.#notFound(version, req);
  }

  #notFound(version: Vb365ApiVersion, req: SimRequest): SimResponse {
    return error(versionNumber(version), 404, `No resource at ${req.path}.`, 'ResourceNotFound');
  }

  /** `/Jobs`, `/Jobs/{id}` and, up to v6, `/Jobs/{id}/JobSessions`. */
  #routeJobs(version: Vb365ApiVersion, req: SimRequest, parts: readonly string[]): SimResponse {
    const [, id, sub] = parts;
    if (parts.length === 1) return this.#listJobs(version, req);
    const job = id ? this.scenario.job(id) : undefined;
    if (!job) return this.#notFound(version, req);
    if (parts.length === 2)
      return {
        status: 200,
        body: this.#render.job(
          version,
          job,
          this.scenario.activeSessions().find((s) => s.jobId === job.id),
        ),
      };
    // The per-job session list left the API in v7 for `/JobSessions?jobId=`.
    if (parts.length === 3 && sub?.toLowerCase() === 'jobsessions' && versionNumber(version) <= 6)
      return this.#listSessions(version, req, job.id);
    return this.#notFound(version, req);
  }

  /** `/JobSessions`, `/JobSessions/{id}` and `/JobSessions/{id}/LogItems`. */
  #routeJobSessions(version: Vb365ApiVersion, req: SimRequest, parts: readonly string[]): SimResponse {
    const [, id, sub] = parts;
    if (parts.length === 1) return this.#listSessions(version, req, versionNumber(version) >= 7 ? req.query.get('jobId') : null);
    const s = id ? this.scenario.session(id) : undefined;
    if (!s) return this.#notFound(version, req);
    if (parts.length === 2) return { status: 200, body: this.#render.session(version, s) };
    if (parts.length === 3 && sub?.toLowerCase() === 'logitems')
      return this.#paged(version, req, this.#render.logItems(version, s), (x) => x);
    if (parts.length === 3 && sub?.toLowerCase() === 'processedobjects' && versionNumber(version) >= 7)
      return this.#paged(version, req, this.#objects.processedObjects(s), (x) => x);
    return this.#notFound(version, req);
  }

  /** `/BackupRepositories` and what one holds (v7+). */
  #routeRepositories(version: Vb365ApiVersion, req: SimRequest, parts: readonly string[]): SimResponse {
    this.#objects.version = versionNumber(version);
    // v7 lists repositories as a bare array; v8 pages them.
    if (parts.length === 1 && versionNumber(version) < 8) return { status: 200, body: this.#objects.repositories() };
    const items = parts.length === 1 ? this.#objects.repositories() : this.#objects.held(parts[1] ?? '', parts.slice(2).join('/'));
    return items === null ? this.#notFound(version, req) : this.#paged(version, req, items, (x) => x);
  }
}

/** The live switches: the named options win over `quirks`. */
function quirksOf(options: Vb365SimulatorOptions): Vb365Quirks {
  return {
    rfc1123TokenDates: false,
    ...options.quirks,
    numbersAsText: options.numbersAsText ?? options.quirks?.numbersAsText ?? false,
    retryFailed: options.retryFailed ?? options.quirks?.retryFailed ?? true,
    sessionOrder: options.sessionOrder ?? options.quirks?.sessionOrder ?? 'newest',
  };
}

/** Starts the VB365 simulator on loopback. */
export async function startVb365Simulator(options: Vb365SimulatorOptions = {}): Promise<Vb365Simulator> {
  const apiVersion = options.apiVersion ?? 'v8';
  const scenario = scenarioOf(options, createVb365Scenario);
  const credentials = credentialsOf(options, { username: 'vbo-admin@contoso.local', password: 'passw0rd' });
  const quirks = quirksOf(options);
  const ratePerMinute = options.tokenRateLimitPerMinute ?? 10;
  const api = new Vb365Api(scenario, credentials, quirks, apiVersion, ratePerMinute, options.tokenLifetimeSec ?? 3600);
  const handler = answeringBadRequests(
    (req) => api.route(req),
    BadRequest,
    (e, req) => error(versionNumber(/^\/(v\d+)/i.exec(req.path)?.[1] ?? 'v5'), 400, e.message, 'ParameterValidationFailure'),
  );
  const server = await startVendorServer(options, 'vbo365.example.invalid', scenario, handler);
  api.baseUrl = server.url;
  return withTokens({ ...baseHandle(server, scenario, credentials), apiVersion, quirks, tokenStats: api.tokenStats }, api.tokens);
}
