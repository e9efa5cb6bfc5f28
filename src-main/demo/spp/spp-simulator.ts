/**
 * HTTPS simulator of the IBM Spectrum Protect Plus REST API, driven by the scenario engine.
 * Follows the seed documents: Basic-auth login, `X-Endeavour-Sessionid`, job sessions with paging,
 * `filter`/`sort` as JSON text, jobs, per-resource progress and job logs — with SPP's quirks
 * (mixed epochs, the `total: 0` defect) switchable through `quirks`.
 */
import { SppObjects } from './spp-objects.js';
import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../sim/https-simulator.js';
import type { Scenario, ScenarioSession } from '../sim/scenario.js';
import type { BaseSimulator, BaseSimulatorOptions, SimulatorCredentials } from '../sim/vendor-simulator.js';
import { createSppScenario } from './spp-scenario.js';
import {
  answeringBadRequests,
  baseHandle,
  basicAuthMatches,
  credentialsOf,
  scenarioOf,
  startVendorServer,
} from '../sim/vendor-simulator.js';
import type { SppQuirks } from './spp-render.js';
import { SppRenderer, sessionWord } from './spp-render.js';
import type { QueryFilter } from './spp-query.js';
import { BadQueryError, pageLinks, parseFilters, parsePaging, parseSort, passes, takePage } from './spp-query.js';

export type { SppQuirks } from './spp-render.js';
export { SPP_DEMO_JOBS, createSppScenario } from './spp-scenario.js';

/** The SPP simulator's options; the default scenario is `createSppScenario` (200 finished sessions). */
export interface SppSimulatorOptions extends BaseSimulatorOptions {
  readonly quirks?: Partial<SppQuirks>;
  /** An API session expires after this long without use (scenario time). Default 45 min. */
  readonly sessionIdleMs?: number;
}

export interface SppSimulator extends BaseSimulator {
  /** Live switches: change them between requests. */
  readonly quirks: SppQuirks;
  /** Invalidates every API session: the next call with an old session id gets 401. */
  expireSessions(): void;
  /** API sessions currently valid. */
  readonly openSessions: number;
}

const MINUTE = 60_000;

const ACTIVE_STATES = new Set(['PENDING', 'RUNNING']);
const error = (status: number, id: string, description: string): SimResponse => ({ status, body: { id, description, title: 'Error' } });

/** The fields a job session filter or sort may name, as plain values. */
function sessionField(s: ScenarioSession, property: string): string | number | null {
  switch (property) {
    case 'id':
      return s.id;
    case 'jobId':
      return s.jobId;
    case 'jobName':
      return s.jobName;
    case 'status':
      return sessionWord(s.state);
    case 'type':
      return s.type;
    case 'subType':
      return s.subType ?? null;
    case 'start':
      return s.createdAt;
    case 'end':
      return s.endedAt;
    default:
      return null;
  }
}

/** Sessions in `order`; a filter asking only for active words reads the active set alone. */
function* orderedSessions(scenario: Scenario, filters: readonly QueryFilter[], descending: boolean): Generator<ScenarioSession> {
  const status = filters.find((f) => f.property === 'status' && (f.op === 'IN' || f.op === '='));
  const onlyActive = status !== undefined && status.values.every((w) => ACTIVE_STATES.has(w));
  const list = onlyActive ? scenario.activeSessions() : scenario.sessions();
  for (let i = 0; i < list.length; i++) {
    const s = list[descending ? list.length - 1 - i : i];
    if (s && filters.every((f) => passes(f, sessionField(s, f.property)))) yield s;
  }
}

/** SPP's REST API over one scenario: logins, API sessions and the routes the connector reads. */
class SppApi {
  /** API session id to its last use (scenario time). */
  readonly tokens = new Map<string, number>();
  /** The server's own address, for paging links; set once it listens. */
  baseUrl = '';
  readonly #render: SppRenderer;
  readonly #objects: SppObjects;

  constructor(
    private readonly scenario: Scenario,
    private readonly credentials: SimulatorCredentials,
    private readonly quirks: SppQuirks,
    private readonly idleMs: number,
  ) {
    this.#render = new SppRenderer(scenario, quirks, () => this.baseUrl);
    this.#objects = new SppObjects(scenario);
  }

  route(req: SimRequest): SimResponse {
    const { method, path } = req;
    if (path === '/api/endeavour/session' && method === 'POST') return this.#login(req);
    const token = this.#session(req);
    if (!token) return error(401, 'NotAuthorizedException', 'The session is not valid or has expired.');
    if (path === '/api/endeavour/session' && method === 'DELETE') {
      this.tokens.delete(token);
      return { status: 204 };
    }
    if (method !== 'GET') return error(405, 'MethodNotAllowedException', `${method} is not supported here.`);
    if (path === '/api/endeavour/jobsession') return this.#listSessions(req);
    if (path === '/api/endeavour/job') return this.#listJobs(req);
    if (path === '/api/progress') return this.#progress(req);
    if (path === '/api/endeavour/log/job') return this.#jobLog(req);
    if (path === '/api/endeavour/catalog/recovery/hypervisorvm') {
      return this.#paged(req, 'children', this.#objects.recoveryVms(), (o) => this.#objects.renderVm(o, this.baseUrl));
    }
    return this.#byId(path);
  }

  #login(req: SimRequest): SimResponse {
    if (!basicAuthMatches(req, this.credentials)) return error(401, 'AuthenticationException', 'Invalid user name or password.');
    const sessionid = randomBytes(16).toString('hex');
    this.tokens.set(sessionid, this.scenario.now());
    return {
      status: 200,
      body: {
        sessionid,
        user: {
          links: {},
          name: this.credentials.username,
          type: 'NATIVE_USER',
          typeDisplayName: 'Native User',
          tenantId: 1000,
          loginCount: 1,
          id: '1000',
        },
        demo: false,
        preferences: [],
        tenantAdmin: true,
      },
    };
  }

  /** The caller's API session, renewed; null when missing or expired. */
  #session(req: SimRequest): string | null {
    const token = req.headers['x-endeavour-sessionid'];
    const lastUse = token === undefined ? undefined : this.tokens.get(token);
    if (token === undefined || lastUse === undefined) return null;
    const t = this.scenario.now();
    if (t - lastUse > this.idleMs) {
      this.tokens.delete(token);
      return null;
    }
    this.tokens.set(token, t);
    return token;
  }

  /** A paged answer `{ links, total, page, [key]: [...] }`; only the page's items are rendered. */
  #paged<T>(req: SimRequest, key: string, items: Iterable<T>, renderItem: (item: T) => unknown, totalZero = false): SimResponse {
    const paging = parsePaging(req.query);
    const { page, total } = takePage(items, paging);
    return {
      status: 200,
      body: {
        links: pageLinks(this.baseUrl, req.path, req.query, paging, total),
        total: totalZero ? 0 : total,
        page: Math.floor(paging.pageStartIndex / paging.pageSize) + 1,
        [key]: page.map(renderItem),
      },
    };
  }

  #listSessions(req: SimRequest): SimResponse {
    const sessions = orderedSessions(this.scenario, parseFilters(req.query), parseSort(req.query, 'start').descending);
    return this.#paged(req, 'sessions', sessions, (s) => this.#render.session(s), this.quirks.totalZero);
  }

  #listJobs(req: SimRequest): SimResponse {
    const active = new Map(this.scenario.activeSessions().map((s) => [s.jobId, s]));
    return this.#paged(req, 'jobs', this.scenario.jobs(), (j) => this.#render.job(j, active.get(j.id)));
  }

  #progress(req: SimRequest): SimResponse {
    const filters = parseFilters(req.query);
    const bySession = filters.find((f) => f.property === 'sessionId' && f.op === '=');
    const scenario = this.scenario;
    const sessions = bySession ? [scenario.session(bySession.values[0] ?? '')].filter((s) => s !== undefined) : scenario.sessions();
    const others = filters.filter((f) => f !== bySession);
    const descending = parseSort(req.query, 'id').descending;
    const render = this.#render;
    function* summaries() {
      for (let i = 0; i < sessions.length; i++) {
        const s = sessions[descending ? sessions.length - 1 - i : i];
        if (!s) continue;
        for (const summary of render.summaries(s)) {
          if (others.every((f) => passes(f, summary[f.property] as string | number | null))) yield summary;
        }
      }
    }
    return this.#paged(req, 'summaries', summaries(), (x) => x);
  }

  #jobLog(req: SimRequest): SimResponse {
    const filter = parseFilters(req.query).find((f) => f.property === 'jobsessionId');
    if (!filter) return error(400, 'InvalidRequestException', 'The simulator needs a jobsessionId filter.');
    const s = this.scenario.session(filter.values[0] ?? '');
    const logs = s ? this.#render.logs(s) : [];
    if (parseSort(req.query, 'logTime').descending) logs.reverse();
    return this.#paged(req, 'logs', logs, (x) => x);
  }

  /** One job session or one job by its id in the path. */
  #byId(path: string): SimResponse {
    const sessionId = idAfter(path, '/api/endeavour/jobsession/');
    if (sessionId !== null) {
      const s = this.scenario.session(sessionId);
      return s
        ? { status: 200, body: this.#render.session(s) }
        : error(404, 'ObjectNotFoundException', `Job session ${sessionId} not found.`);
    }
    const jobId = idAfter(path, '/api/endeavour/job/');
    if (jobId !== null) {
      const j = this.scenario.job(jobId);
      const active = this.scenario.activeSessions().find((s) => s.jobId === jobId);
      return j ? { status: 200, body: this.#render.job(j, active) } : error(404, 'ObjectNotFoundException', `Job ${jobId} not found.`);
    }
    return error(404, 'NotFoundException', `No resource at ${path}.`);
  }
}

function idAfter(path: string, prefix: string): string | null {
  return path.startsWith(prefix) && path.length > prefix.length ? decodeURIComponent(path.slice(prefix.length)) : null;
}

/** Starts the SPP simulator on loopback. */
export async function startSppSimulator(options: SppSimulatorOptions = {}): Promise<SppSimulator> {
  const scenario = scenarioOf(options, createSppScenario);
  const credentials = credentialsOf(options, { username: 'admin', password: 'passw0rd' });
  const quirks: SppQuirks = { mixedEpochs: true, totalZero: false, ...options.quirks };
  const api = new SppApi(scenario, credentials, quirks, options.sessionIdleMs ?? 45 * MINUTE);
  const handler = answeringBadRequests(
    (req) => api.route(req),
    BadQueryError,
    (e) => error(400, 'InvalidRequestException', e.message),
  );
  const server = await startVendorServer(options, 'spp.example.invalid', scenario, handler);
  api.baseUrl = server.url;
  return {
    ...baseHandle(server, scenario, credentials),
    quirks,
    expireSessions: () => api.tokens.clear(),
    get openSessions() {
      return api.tokens.size;
    },
  };
}
