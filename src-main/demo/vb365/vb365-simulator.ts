/**
 * HTTPS simulator of the Veeam Backup for Microsoft 365 REST API (`https://HOST:4443/vN/`), driven
 * by the scenario engine. A server of version vK answers every prefix v5..vK with that prefix's
 * shapes and 404 under newer ones, as the real server does. Tokens follow the API notes: password
 * and refresh grants, `expires_in`, a per-minute rate limit (429 + Retry-After), logout.
 */
import type { SimRequest, SimResponse } from '../sim/https-simulator.js';
import { startHttpsSimulator } from '../sim/https-simulator.js';
import type { Scenario, ScenarioJobSpec, ScenarioSession } from '../sim/scenario.js';
import { createScenario } from '../sim/scenario.js';
import { OAuthTokens, type OAuthSimulator } from '../sim/oauth-tokens.js';
import type { BaseSimulator, BaseSimulatorOptions, DemoScenarioOptions } from '../sim/vendor-simulator.js';
import { answeringBadRequests, baseHandle, credentialsOf, scenarioOf } from '../sim/vendor-simulator.js';
import type { Vb365ApiVersion, Vb365Quirks } from './vb365-render.js';
import { Vb365Renderer, guidOf, versionNumber } from './vb365-render.js';

export type { Vb365ApiVersion, Vb365Quirks } from './vb365-render.js';

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
const HOUR = 60 * MINUTE;
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 30;

const people = [
  'adele.vance',
  'alex.wilber',
  'diego.siciliani',
  'grady.archie',
  'isaiah.langer',
  'johanna.lorenz',
  'lee.gu',
  'lynne.robbins',
  'megan.bowen',
  'nestor.wilke',
  'patti.fernandez',
  'pradeep.gupta',
];
const mailboxes = (n: number, from = 0): string[] => people.slice(from, from + n).map((p) => `${p}@contoso.onmicrosoft.com`);
const sites = (...names: string[]): string[] => names.map((n) => `https://contoso.sharepoint.com/sites/${n}`);

/** A plausible Microsoft 365 job list: mailboxes, OneDrive, SharePoint, Teams, one disabled job. */
export const VB365_DEMO_JOBS: readonly ScenarioJobSpec[] = [
  {
    id: guidOf('job/exchange'),
    name: 'Exchange Online - All Mailboxes',
    type: 'backup',
    subType: 'exchange',
    intervalMs: 4 * HOUR,
    offsetMs: 20 * MINUTE,
    durationMs: 35 * MINUTE,
    resources: mailboxes(10),
    bytesPerResource: 3e8,
    outcomes: { warning: 0.1, failed: 0.03 },
  },
  {
    id: guidOf('job/onedrive'),
    name: 'OneDrive for Business - Sales & Marketing',
    type: 'backup',
    subType: 'onedrive',
    intervalMs: 6 * HOUR,
    offsetMs: 1 * HOUR,
    durationMs: 50 * MINUTE,
    resources: mailboxes(6, 4).map((m) => `OneDrive - ${m}`),
    bytesPerResource: 9e8,
    outcomes: { warning: 0.08, failed: 0.04 },
  },
  {
    id: guidOf('job/sharepoint'),
    name: 'SharePoint Online - Intranet & Projects',
    type: 'backup',
    subType: 'sharepoint',
    intervalMs: 12 * HOUR,
    offsetMs: 2 * HOUR,
    durationMs: 70 * MINUTE,
    resources: sites('intranet', 'hr', 'finance', 'projects', 'legal'),
    bytesPerResource: 2e9,
    outcomes: { warning: 0.12, failed: 0.05, canceled: 0.02 },
  },
  {
    id: guidOf('job/teams'),
    name: 'Microsoft Teams - Project Channels',
    type: 'backup',
    subType: 'teams',
    intervalMs: 8 * HOUR,
    offsetMs: 3 * HOUR,
    durationMs: 25 * MINUTE,
    resources: ['Mark 8 Project Team', 'Retail', 'Sales and Marketing', 'U.S. Sales'],
    bytesPerResource: 2e8,
    outcomes: { warning: 0.06 },
  },
  {
    id: guidOf('job/archive'),
    name: 'Archive Mailboxes - Legal Hold',
    type: 'backup',
    subType: 'exchange',
    intervalMs: 24 * HOUR,
    offsetMs: 23 * HOUR,
    durationMs: 40 * MINUTE,
    resources: mailboxes(3, 9).map((m) => `In-Place Archive - ${m}`),
    bytesPerResource: 5e8,
    outcomes: { failed: 0.05 },
  },
  {
    id: guidOf('job/public-folders'),
    name: 'Public Folders (retired)',
    type: 'backup',
    subType: 'exchange',
    intervalMs: 24 * HOUR,
    durationMs: 10 * MINUTE,
    resources: ['\\Public Folders\\Support'],
    bytesPerResource: 1e8,
    enabled: false,
  },
];

/** The default VB365 scenario: the demo jobs, GUID session ids and `historySize` finished sessions. */
export function createVb365Scenario(options: DemoScenarioOptions & { jobs?: readonly ScenarioJobSpec[] } = {}): Scenario {
  const seed = options.seed ?? 1;
  const scenario = createScenario({
    jobs: options.jobs ?? VB365_DEMO_JOBS,
    seed,
    ...(options.now ? { now: options.now } : {}),
    formatId: (seq) => guidOf(`session/${seed}/${seq}`),
  });
  scenario.generateHistory(options.historySize ?? 200);
  return scenario;
}

/** Thrown for a query the server would answer 400 to. */
class BadRequest extends Error {}

function intParam(query: URLSearchParams, name: string, fallback: number, max = Infinity): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new BadRequest(`"${name}" must be an integer between 0 and ${max}.`);
  return n;
}

function timeParam(query: URLSearchParams, name: string): number | null {
  const text = query.get(name);
  if (text === null) return null;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new BadRequest(`"${name}" is not a date.`);
  return t;
}

/** Starts the VB365 simulator on loopback. */
export async function startVb365Simulator(options: Vb365SimulatorOptions = {}): Promise<Vb365Simulator> {
  const apiVersion = options.apiVersion ?? 'v8';
  const scenario = scenarioOf(options, createVb365Scenario);
  const credentials = credentialsOf(options, { username: 'vbo-admin@contoso.local', password: 'passw0rd' });
  const quirks: Vb365Quirks = {
    numbersAsText: options.numbersAsText ?? false,
    retryFailed: options.retryFailed ?? true,
    sessionOrder: options.sessionOrder ?? 'newest',
  };
  const lifetimeSec = options.tokenLifetimeSec ?? 3600;
  const ratePerMinute = options.tokenRateLimitPerMinute ?? 10;
  const tokens = new OAuthTokens(lifetimeSec, () => scenario.now());
  const tokenTimes: number[] = [];
  const tokenStats: Vb365TokenStats = { password: 0, refresh: 0, limited: 0 };
  let baseUrl = '';
  const render = new Vb365Renderer(scenario, quirks, () => baseUrl);

  const error = (version: number, status: number, message: string, errorCode: string): SimResponse => ({
    status,
    body: version >= 7 ? { message, errorCode } : { message },
  });

  function issueToken(): SimResponse {
    const { access, refresh, issuedAt, expiresAt } = tokens.issue();
    return {
      status: 200,
      body: {
        access_token: access,
        token_type: 'bearer',
        expires_in: lifetimeSec,
        refresh_token: refresh,
        username: credentials.username,
        '.issued': new Date(issuedAt).toUTCString(),
        '.expires': new Date(expiresAt).toUTCString(),
      },
    };
  }

  /** Sliding one-minute window over every token request, accepted or refused. */
  function rateLimited(): SimResponse | null {
    const now = scenario.now();
    while (tokenTimes.length > 0 && (tokenTimes[0] ?? 0) <= now - MINUTE) tokenTimes.shift();
    if (tokenTimes.length < ratePerMinute) {
      tokenTimes.push(now);
      return null;
    }
    tokenStats.limited += 1;
    const retryAfter = Math.max(1, Math.ceil(((tokenTimes[0] ?? now) + MINUTE - now) / 1000));
    return { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: { message: 'Too many requests. Try again later.' } };
  }

  function token(v: number, req: SimRequest): SimResponse {
    const limited = rateLimited();
    if (limited) return limited;
    const form = new URLSearchParams(req.body);
    if (v >= 7 && form.get('disable_antiforgery_token') !== 'true')
      return error(v, 400, 'The antiforgery token is missing or invalid.', 'AntiforgeryValidationFailed');
    const grant = form.get('grant_type');
    if (grant === 'password') {
      tokenStats.password += 1;
      if (form.get('username') !== credentials.username || form.get('password') !== credentials.password) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' } };
      }
      return issueToken();
    }
    if (grant === 'refresh_token') {
      tokenStats.refresh += 1;
      const refresh = form.get('refresh_token') ?? '';
      if (!tokens.spendRefresh(refresh))
        return { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' } };
      return issueToken();
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  /** `{offset, limit, results, _links}` with only the page's items rendered. */
  function paged<T>(version: Vb365ApiVersion, req: SimRequest, items: Iterable<T>, renderItem: (item: T) => unknown): SimResponse {
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
      return { href: render.href(version, `${relative}?${q}`) };
    };
    return {
      status: 200,
      body: { offset, limit, results: page, _links: { self: link(offset), ...(more ? { next: link(offset + limit) } : {}) } },
    };
  }

  /** Sessions in `quirks.sessionOrder`, optionally of one job and ended at or after `endTimeLowerBound`. */
  function* orderedSessions(jobId: string | null, endBound: number | null): Generator<ScenarioSession> {
    const all = scenario.sessions();
    const newest = quirks.sessionOrder === 'newest';
    for (let i = 0; i < all.length; i++) {
      const s = all[newest ? all.length - 1 - i : i];
      if (!s || (jobId !== null && s.jobId !== jobId)) continue;
      if (endBound !== null && (s.endedAt === null || s.endedAt < endBound)) continue;
      yield s;
    }
  }

  function listSessions(version: Vb365ApiVersion, req: SimRequest, jobId: string | null): SimResponse {
    const sessions = orderedSessions(jobId, timeParam(req.query, 'endTimeLowerBound'));
    return paged(version, req, sessions, (s) => render.session(version, s));
  }

  function listJobs(version: Vb365ApiVersion, req: SimRequest): SimResponse {
    const active = new Map(scenario.activeSessions().map((s) => [s.jobId, s]));
    const jobs = scenario.jobs();
    // v5–v7 answer a bare array; v8 pages jobs like everything else.
    if (versionNumber(version) < 8) return { status: 200, body: jobs.map((j) => render.job(version, j, active.get(j.id))) };
    return paged(version, req, jobs, (j) => render.job(version, j, active.get(j.id)));
  }

  function routeApi(version: Vb365ApiVersion, req: SimRequest, rest: string): SimResponse {
    const v = versionNumber(version);
    const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
    const [first, id, sub] = parts;
    const notFound = () => error(v, 404, `No resource at ${req.path}.`, 'NotFound');
    if (first?.toLowerCase() === 'jobs') {
      if (parts.length === 1) return listJobs(version, req);
      const job = id ? scenario.job(id) : undefined;
      if (!job) return notFound();
      if (parts.length === 2)
        return {
          status: 200,
          body: render.job(
            version,
            job,
            scenario.activeSessions().find((s) => s.jobId === job.id),
          ),
        };
      // The per-job session list left the API in v7 for `/JobSessions?jobId=`.
      if (parts.length === 3 && sub?.toLowerCase() === 'jobsessions' && v <= 6) return listSessions(version, req, job.id);
      return notFound();
    }
    if (first?.toLowerCase() === 'jobsessions') {
      if (parts.length === 1) return listSessions(version, req, v >= 7 ? req.query.get('jobId') : null);
      const s = id ? scenario.session(id) : undefined;
      if (!s) return notFound();
      if (parts.length === 2) return { status: 200, body: render.session(version, s) };
      if (parts.length === 3 && sub?.toLowerCase() === 'logitems') return paged(version, req, render.logItems(version, s), (x) => x);
    }
    return notFound();
  }

  function route(req: SimRequest): SimResponse {
    const m = /^\/(v\d+)(\/.*)?$/i.exec(req.path);
    const version = m?.[1]?.toLowerCase() as Vb365ApiVersion | undefined;
    if (!version || versionNumber(version) < 5 || versionNumber(version) > versionNumber(apiVersion)) {
      return { status: 404, body: { message: `No API at ${req.path}.` } };
    }
    const v = versionNumber(version);
    const rest = (m?.[2] ?? '').replace(/\/$/, '');
    if (rest.toLowerCase() === '/token' && req.method === 'POST') return token(v, req);
    const access = tokens.bearer(req);
    if (!access) return error(v, 401, 'Authorization has been denied for this request.', 'Unauthorized');
    if (rest.toLowerCase() === '/token/logout' && req.method === 'POST') {
      tokens.revoke(access);
      return { status: 200 };
    }
    if (req.method !== 'GET') return error(v, 405, `${req.method} is not supported here.`, 'MethodNotAllowed');
    return routeApi(version, req, rest);
  }

  const server = await startHttpsSimulator({
    commonName: 'vbo365.example.invalid',
    clock: () => scenario.applianceNow(),
    ...options.server,
    handler: answeringBadRequests(route, BadRequest, (e) => ({ status: 400, body: { message: e.message } })),
  });
  baseUrl = server.url;

  return {
    ...baseHandle(server, scenario, credentials),
    apiVersion,
    quirks,
    tokenStats,
    expireTokens: (opts) => tokens.expire(opts),
    get openTokens() {
      return tokens.open;
    },
  };
}
