/**
 * HTTPS simulator of the Veeam Backup & Replication REST API (`https://HOST:9419/api/...`), driven
 * by the scenario engine. It speaks the revisions it is given: a call whose `x-api-version` is
 * another gets 400 "Unsupported RESTAPI version" with the list. Each kind of job (backup, backup
 * copy, agent, log backup, restore) is listed only where the revision's document has a word for it,
 * and a session list takes a list of types from 1.3, one before. Tokens follow the API notes:
 * 15-minute access tokens in scenario time, single-use refresh tokens, logout. Errors carry the
 * documented `{errorCode, message}` with documented codes (a refused token's empty 401 is a quirk).
 */
import type { VbrQuirks, VbrSimRevision } from './vbr-render.js';
import { VBR_DOCUMENTED, VBR_SIM_REVISIONS, VbrRenderer, lineOf, revisionAtLeast } from './vbr-render.js';
import { documentedSessionTypes } from './vbr-sim-kinds.js';
import { VbrObjects } from './vbr-objects.js';
import { inventoryHosts, inventoryObjects, protectedComputers, servesProtectedComputers } from './vbr-estate.js';
import type { SimRequest, SimResponse } from '../sim/https-simulator.js';
import { createVbrScenario } from './vbr-scenario.js';
import type { Scenario, ScenarioSession } from '../sim/scenario.js';
import { OAuthTokens, withTokens, type OAuthSimulator } from '../sim/oauth-tokens.js';
import { BadRequest, intParam, timeParam } from '../sim/query-params.js';
import type { BaseSimulator, BaseSimulatorOptions, SimulatorCredentials } from '../sim/vendor-simulator.js';
import { answeringBadRequests, baseHandle, credentialsOf, scenarioOf, startVendorServer } from '../sim/vendor-simulator.js';

export type { VbrQuirks, VbrSimRevision } from './vbr-render.js';
export { VBR_SIM_REVISIONS } from './vbr-render.js';
export { VBR_DEMO_JOBS, createVbrScenario } from './vbr-scenario.js';

/** The VBR simulator's options; the default scenario is `createVbrScenario` (200 finished sessions). */
export interface VbrSimulatorOptions extends BaseSimulatorOptions {
  /** The revisions the server speaks. Default all of 1.0-rev1..1.3-rev1 (a VBR 13 server). */
  readonly revisions?: readonly VbrSimRevision[];
  /** `expires_in` of access tokens, seconds of scenario time. Default 900. */
  readonly tokenLifetimeSec?: number;
  readonly quirks?: Partial<VbrQuirks>;
}

/** Token endpoint traffic, for tests that count logins. */
export interface VbrTokenStats {
  password: number;
  refresh: number;
  /** Refresh grants refused (used before, or unknown). */
  refusedRefresh: number;
  logout: number;
}

export interface VbrSimulator extends BaseSimulator, OAuthSimulator {
  readonly revisions: readonly VbrSimRevision[];
  /** Live switches: change them between requests. */
  readonly quirks: VbrQuirks;
  readonly tokenStats: VbrTokenStats;
}

const DEFAULT_LIMIT = 200;

/** The session types a list asks for; null for all. 1.3 documents a list, earlier lines one type. */
function typesAsked(r: VbrSimRevision, query: URLSearchParams): ReadonlySet<string> | null {
  const asked = query.getAll('typeFilter');
  if (asked.length === 0) return null;
  if (asked.length > 1 && lineOf(r) !== '1.3') throw new BadRequest('"typeFilter" takes one session type.');
  const documented = documentedSessionTypes(lineOf(r));
  const unknown = asked.find((word) => !documented.includes(word));
  if (unknown !== undefined) throw new BadRequest(`typeFilter: "${unknown}" is not a session type.`);
  return new Set(asked);
}

/** The `errorCode` words the documents list (1.2-rev1 and 1.3-rev1 list the same ones). */
type VbrErrorCode = 'AccessDenied' | 'ExpiredToken' | 'InvalidToken' | 'InvalidURI' | 'MethodNotAllowed' | 'NotFound' | 'UnexpectedContent';
const error = (status: number, errorCode: VbrErrorCode, message: string): SimResponse => ({ status, body: { errorCode, message } });

/** `{data, pagination}` of `items[skip, skip + limit)`, only those rendered. */
function paged<T>(req: SimRequest, items: readonly T[], render: (item: T) => unknown): SimResponse {
  const skip = intParam(req.query, 'skip', 0);
  const limit = intParam(req.query, 'limit', DEFAULT_LIMIT);
  const data = items.slice(skip, skip + limit).map(render);
  return { status: 200, body: { data, pagination: { total: items.length, count: data.length, skip, limit } } };
}

/** VBR's REST API over one scenario: the revision check, the token endpoint and the routes the connector reads. */
class VbrApi {
  readonly tokens: OAuthTokens;
  readonly tokenStats: VbrTokenStats = { password: 0, refresh: 0, refusedRefresh: 0, logout: 0 };
  readonly #render: VbrRenderer;
  readonly #objects: VbrObjects;

  constructor(
    private readonly scenario: Scenario,
    private readonly credentials: SimulatorCredentials,
    private readonly quirks: VbrQuirks,
    private readonly revisions: readonly VbrSimRevision[],
    lifetimeSec: number,
  ) {
    this.tokens = new OAuthTokens(lifetimeSec, () => scenario.now());
    this.#render = new VbrRenderer(scenario, quirks);
    this.#objects = new VbrObjects(scenario, (ms, salt) => this.#render.time(ms, salt));
  }

  route(req: SimRequest): SimResponse {
    const asked = req.headers['x-api-version'] ?? '';
    const r = this.revisions.find((v) => v === asked.trim().toLowerCase());
    if (!r) {
      const listed = this.revisions.map((v) => `v${v}`).join(', ');
      return error(400, 'UnexpectedContent', `Unsupported RESTAPI version. The following versions are supported: ${listed}.`);
    }
    if (req.path === '/api/oauth2/token' && req.method === 'POST') return this.#token(req);
    const access = this.tokens.bearer(req);
    if (!access) {
      return this.quirks.emptyUnauthorized
        ? { status: 401 }
        : error(401, 'ExpiredToken', 'The access token is missing, invalid or expired.');
    }
    if (req.path === '/api/oauth2/logout' && req.method === 'POST') {
      this.tokens.revoke(access);
      this.tokenStats.logout += 1;
      return { status: 200, body: {} };
    }
    return this.#routeApi(r, req);
  }

  #token(req: SimRequest): SimResponse {
    const form = new URLSearchParams(req.body);
    const grant = form.get('grant_type');
    if (grant === 'password') {
      this.tokenStats.password += 1;
      if (form.get('username') !== this.credentials.username || form.get('password') !== this.credentials.password) {
        return error(401, 'AccessDenied', 'Failed to log in: the user name or password is incorrect.');
      }
      return { status: 200, body: this.tokens.grant() };
    }
    if (grant === 'refresh_token') {
      this.tokenStats.refresh += 1;
      // Single use: the first exchange spends it.
      if (this.tokens.spendRefresh(form.get('refresh_token') ?? '')) return { status: 200, body: this.tokens.grant() };
      this.tokenStats.refusedRefresh += 1;
      return error(400, 'InvalidToken', 'The refresh token is invalid or was already used.');
    }
    return error(400, 'UnexpectedContent', `grant_type "${grant ?? ''}" is not supported.`);
  }

  /** Sessions the query selects, in the asked order (the default order is undocumented: oldest first here). */
  #selectSessions(r: VbrSimRevision, q: URLSearchParams): readonly ScenarioSession[] {
    const types = typesAsked(r, q);
    const order = q.get('orderColumn');
    if (order !== null && order !== 'CreationTime') throw new BadRequest(`orderColumn "${order}" is not supported by the simulator.`);
    const after = timeParam(q, 'createdAfterFilter');
    const before = timeParam(q, 'createdBeforeFilter');
    const state = q.get('stateFilter')?.toLowerCase() ?? null;
    const scenario = this.scenario;
    let list: readonly ScenarioSession[] =
      state !== null && state !== 'stopped'
        ? scenario.activeSessions()
        : scenario.sessions().slice(after === null ? 0 : scenario.indexAtOrAfter(after + 1));
    list = list.filter((s) => {
      const type = this.#render.sessionType(r, s);
      return type !== null && (types === null || types.has(type));
    });
    if (after !== null) list = list.filter((s) => s.createdAt > after);
    if (before !== null) list = list.filter((s) => s.createdAt < before);
    if (state !== null) list = list.filter((s) => this.#render.stateOf(s).toLowerCase() === state);
    return order !== null && q.get('orderAsc') === 'false' ? [...list].reverse() : list;
  }

  #routeSession(r: VbrSimRevision, req: SimRequest, id: string, sub: string | undefined): SimResponse {
    const s = this.scenario.session(id);
    const render = this.#render;
    // A kind the revision has no word for is a session it does not know.
    if (!s || render.sessionType(r, s) === null) return error(404, 'NotFound', `Session ${id} was not found.`);
    if (sub === undefined) return { status: 200, body: render.session(r, s) };
    if (sub === 'logs') {
      const records = render.logRecords(s);
      const skip = intParam(req.query, 'skip', 0);
      const limit = intParam(req.query, 'limit', DEFAULT_LIMIT);
      return { status: 200, body: { totalRecords: records.length, records: records.slice(skip, skip + limit) } };
    }
    if (sub === 'taskSessions' && revisionAtLeast(r, '1.2-rev0')) {
      return paged(req, render.hasTasks(s) ? this.scenario.resourcesOf(s) : [], (res) => render.taskSession(r, s, res));
    }
    return error(404, 'NotFound', `No resource at ${req.path}.`);
  }

  #routeApi(r: VbrSimRevision, req: SimRequest): SimResponse {
    if (req.method !== 'GET') return error(405, 'MethodNotAllowed', `${req.method} is not supported here.`);
    if (req.path === '/api/v1/sessions') return paged(req, this.#selectSessions(r, req.query), (s) => this.#render.session(r, s));
    const session = /^\/api\/v1\/sessions\/([^/]+)(?:\/(logs|taskSessions))?$/.exec(req.path);
    if (session) return this.#routeSession(r, req, decodeURIComponent(session[1] ?? ''), session[2]);
    if (req.path === '/api/v1/jobs/states') {
      const active = new Map(this.scenario.activeSessions().map((s) => [s.jobId, s]));
      const listed = this.scenario.jobs().filter((j) => this.#render.jobType(r, j) !== null);
      return paged(req, listed, (j) => this.#render.job(r, j, active.get(j.id)));
    }
    if (req.path === '/api/v1/backupObjects') return paged(req, this.#objects.backupObjects(r, req.query), (o) => o);
    if (req.path === '/api/v1/restorePoints') return paged(req, this.#objects.restorePoints(req.query), (p) => p);
    return this.#routeEstate(r, req);
  }

  #routeEstate(r: VbrSimRevision, req: SimRequest): SimResponse {
    if (req.path === '/api/v1/agents/protectedComputers' && servesProtectedComputers(r))
      return paged(req, protectedComputers(req.query), (c) => c);
    if (req.path === '/api/v1/inventory/vmware/hosts') return paged(req, inventoryHosts(r), (h) => h);
    const host = /^\/api\/v1\/inventory\/vmware\/hosts\/([^/]+)$/.exec(req.path);
    const objects = host ? inventoryObjects(r, decodeURIComponent(host[1] ?? ''), req.query) : null;
    if (objects) return paged(req, objects, (o) => o);
    return error(404, 'NotFound', `No resource at ${req.path}.`);
  }
}

/** Starts the VBR simulator on loopback. */
export async function startVbrSimulator(options: VbrSimulatorOptions = {}): Promise<VbrSimulator> {
  const revisions = options.revisions ?? VBR_SIM_REVISIONS;
  const scenario = scenarioOf(options, createVbrScenario);
  const credentials = credentialsOf(options, { username: 'CONTOSO\\svc-backwatch', password: 'passw0rd' });
  const quirks: VbrQuirks = { ...VBR_DOCUMENTED, ...options.quirks };
  const api = new VbrApi(scenario, credentials, quirks, revisions, options.tokenLifetimeSec ?? 900);
  // A query the server cannot read: the request URI is at fault.
  const handler = answeringBadRequests(
    (req) => api.route(req),
    BadRequest,
    (e) => error(400, 'InvalidURI', e.message),
  );
  const server = await startVendorServer(options, 'vbr.example.invalid', scenario, handler);
  return withTokens({ ...baseHandle(server, scenario, credentials), revisions, quirks, tokenStats: api.tokenStats }, api.tokens);
}
