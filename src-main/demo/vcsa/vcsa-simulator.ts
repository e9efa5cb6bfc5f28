/**
 * HTTPS simulator of the vCenter Server Appliance file-based backup API, driven by the scenario
 * engine. Serves the new `/api` style, the old `/rest` style, or both (the style not served answers
 * 404, as an appliance of the other generation does). One scenario job is the appliance's backup
 * schedule; manual backups are `scenario.startRun(VCSA_SCHEDULE_ID)`.
 */
import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../sim/https-simulator.js';
import type { Scenario, ScenarioJobSpec } from '../sim/scenario.js';
import { createScenario } from '../sim/scenario.js';
import type { BaseSimulator, BaseSimulatorOptions, DemoScenarioOptions, SimulatorCredentials } from '../sim/vendor-simulator.js';
import { baseHandle, basicAuthMatches, credentialsOf, scenarioOf, startVendorServer } from '../sim/vendor-simulator.js';
import type { VcsaStyle } from './vcsa-render.js';
import { VcsaRenderer, renderError, renderMap, wrap } from './vcsa-render.js';
import type { VcsaInventoryOptions } from './vcsa-inventory.js';
import { VcsaInventory } from './vcsa-inventory.js';
import { routeTags } from './vcsa-tags.js';

export type { VcsaStyle } from './vcsa-render.js';

/** The VCSA simulator's options; the default scenario is `createVcsaScenario` (30 finished backups). */
export interface VcsaSimulatorOptions extends BaseSimulatorOptions {
  /** Which API generation the appliance speaks. Default `both` (vSphere 7.0 U2+ keeps `/rest` too). */
  readonly apiStyle?: VcsaStyle | 'both';
  /** Most VMs one list may return, and whether the Virtual Infrastructure JSON API answers. Default 4000, yes. */
  readonly inventory?: Partial<VcsaInventoryOptions>;
}

export interface VcsaSimulator extends BaseSimulator {
  readonly apiStyle: VcsaStyle | 'both';
  /** Invalidates every API session: the next call with an old token gets 401. */
  expireSessions(): void;
  /** API sessions currently valid. */
  readonly openSessions: number;
}

/** The scenario job id of the appliance's backup schedule (VCSA names its one schedule "default"). */
export const VCSA_SCHEDULE_ID = 'default';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The appliance's backup: daily at 01:30 UTC, about 20 minutes, the odd failure. */
export const VCSA_DEMO_SCHEDULE: ScenarioJobSpec = {
  id: VCSA_SCHEDULE_ID,
  name: 'vCenter backup',
  type: 'SCHEDULED',
  intervalMs: 24 * HOUR,
  offsetMs: 90 * MINUTE,
  durationMs: 20 * MINUTE,
  queueMs: 10_000,
  // What a file-based backup copies: configuration and inventory, then stats, events and tasks.
  resources: ['common', 'seat'],
  bytesPerResource: 3e9,
  outcomes: { failed: 0.05 },
};

/** The vCenter build number in job ids (8.0 U3). */
const BUILD = '24322831';
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Job ids as VCSA writes them: `YYYYMMDD-HHMMSS-<build>` in UTC; a second is added on a clash. */
export function vcsaJobIdFormatter(): (seq: number, createdAt: number) => string {
  const used = new Set<string>();
  return (_seq, createdAt) => {
    for (let t = createdAt; ; t += 1000) {
      const d = new Date(t);
      const id = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}-${BUILD}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

/** The default VCSA scenario: the appliance's schedule and `historySize` finished backups. */
export function createVcsaScenario(options: DemoScenarioOptions & { schedule?: ScenarioJobSpec } = {}): Scenario {
  const scenario = createScenario({
    jobs: [options.schedule ?? VCSA_DEMO_SCHEDULE],
    seed: options.seed ?? 1,
    ...(options.now ? { now: options.now } : {}),
    formatId: vcsaJobIdFormatter(),
  });
  scenario.generateHistory(options.historySize ?? 30);
  return scenario;
}

const SESSION_PATH: Readonly<Record<VcsaStyle, string>> = { api: '/api/session', rest: '/rest/com/vmware/cis/session' };

/** The job ids a details request filters on: `/api` `jobs=`, `/rest` `filter.jobs=` or `filter.jobs.N=`. */
function filteredIds(style: VcsaStyle, query: URLSearchParams): string[] | null {
  if (style === 'api') return query.has('jobs') ? query.getAll('jobs') : null;
  const ids = [...query.entries()].filter(([k]) => k === 'filter.jobs' || /^filter\.jobs\.\d+$/.test(k)).map(([, v]) => v);
  return ids.length > 0 ? ids : null;
}

const ok = (style: VcsaStyle, payload: unknown, status = 200): SimResponse => ({ status, body: wrap(style, payload) });
const fail = (style: VcsaStyle, status: number, errorType: string, id: string, text: string): SimResponse => ({
  status,
  body: renderError(style, errorType, id, text),
});
const unauthenticated = (style: VcsaStyle) =>
  fail(style, 401, 'UNAUTHENTICATED', 'com.vmware.vapi.endpoint.method.authentication.required', 'This method requires authentication.');

/** The appliance's API over one scenario: logins, API sessions and the backup routes, in the styles it serves. */
class VcsaApi {
  /** API session tokens currently valid. */
  readonly tokens = new Set<string>();
  readonly #render: VcsaRenderer;

  constructor(
    private readonly scenario: Scenario,
    private readonly credentials: SimulatorCredentials,
    private readonly apiStyle: VcsaStyle | 'both',
    private readonly inventory: VcsaInventory,
  ) {
    this.#render = new VcsaRenderer(scenario, 'sftp://backup.example.invalid/vcsa01', credentials.username);
  }

  route(req: SimRequest): SimResponse {
    const content = this.inventory.serviceContent(req);
    if (content) return content;
    const style: VcsaStyle | null = req.path.startsWith('/api/') ? 'api' : req.path.startsWith('/rest/') ? 'rest' : null;
    // An appliance of the other generation has no such prefix at all: a plain 404.
    if (style === null || !this.#serves(style)) return { status: 404, body: 'Not Found' };
    if (req.path === SESSION_PATH[style] && req.method === 'POST') return this.#login(style, req);
    const token = req.headers['vmware-api-session-id'];
    if (token === undefined || !this.tokens.has(token)) return unauthenticated(style);
    if (req.path === SESSION_PATH[style] && req.method === 'DELETE') {
      this.tokens.delete(token);
      return { status: style === 'api' ? 204 : 200 };
    }
    const tagging = routeTags(style, req);
    if (tagging) return tagging;
    if (req.method !== 'GET')
      return fail(style, 405, 'OPERATION_NOT_FOUND', 'com.vmware.vapi.rest.httpMethodNotAllowed', `${req.method} is not supported here.`);
    const prefix = `/${style}/appliance/recovery/backup/`;
    if (req.path.startsWith(prefix)) return this.#backup(style, req.path.slice(prefix.length), req);
    if (req.path === `/${style}/vcenter/vm`) return this.inventory.vms(style, req.query);
    if (req.path === `/${style}/vcenter/folder`) return this.inventory.folders(style, req.query);
    return fail(style, 404, 'NOT_FOUND', 'com.vmware.vapi.rest.httpNotFound', `No resource at ${req.path}.`);
  }

  #serves(style: VcsaStyle): boolean {
    return this.apiStyle === 'both' || this.apiStyle === style;
  }

  #login(style: VcsaStyle, req: SimRequest): SimResponse {
    if (!basicAuthMatches(req, this.credentials)) {
      return fail(
        style,
        401,
        'UNAUTHENTICATED',
        'com.vmware.vapi.endpoint.failedToLoginInvalidCredentials',
        'Authentication failed: invalid user name or password.',
      );
    }
    const token = randomBytes(16).toString('hex');
    this.tokens.add(token);
    // `/api` answers 201 with a bare JSON string; `/rest` 200 with `{"value": token}`.
    return style === 'api'
      ? { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify(token) }
      : ok(style, token);
  }

  #details(style: VcsaStyle, req: SimRequest): SimResponse {
    const ids = filteredIds(style, req.query);
    const scenario = this.scenario;
    const sessions = ids === null ? scenario.sessions() : ids.map((id) => scenario.session(id)).filter((s) => s !== undefined);
    return ok(
      style,
      renderMap(
        style,
        sessions.map((s) => [s.id, this.#render.details(style, s)] as const),
      ),
    );
  }

  #backup(style: VcsaStyle, rest: string, req: SimRequest): SimResponse {
    if (rest === 'job')
      return ok(
        style,
        this.scenario.sessions().map((s) => s.id),
      );
    if (rest === 'job/details') return this.#details(style, req);
    if (rest === 'schedules')
      return ok(
        style,
        renderMap(
          style,
          this.scenario.jobs().map((j) => [j.id, this.#render.schedule(j)] as const),
        ),
      );
    const id = rest.startsWith('job/') ? decodeURIComponent(rest.slice(4)) : null;
    const s = id === null ? undefined : this.scenario.session(id);
    if (s) return ok(style, this.#render.jobStatus(s));
    return fail(style, 404, 'NOT_FOUND', 'com.vmware.vapi.rest.httpNotFound', `No backup resource at ${req.path}.`);
  }
}

/** Starts the VCSA simulator on loopback. */
export async function startVcsaSimulator(options: VcsaSimulatorOptions = {}): Promise<VcsaSimulator> {
  const scenario = scenarioOf(options, createVcsaScenario);
  const apiStyle = options.apiStyle ?? 'both';
  const credentials = credentialsOf(options, { username: 'administrator@vsphere.local', password: 'VMware1!' });
  const inventory = new VcsaInventory({ vmListCap: 4000, viJson: true, ...options.inventory });
  const api = new VcsaApi(scenario, credentials, apiStyle, inventory);
  const server = await startVendorServer(options, 'vcsa.example.invalid', scenario, (req) => api.route(req));
  return {
    ...baseHandle(server, scenario, credentials),
    apiStyle,
    expireSessions: () => api.tokens.clear(),
    get openSessions() {
      return api.tokens.size;
    },
  };
}
