/**
 * Appliances that answer whatever a test hands them: an HTTPS server on loopback that logs in
 * anyone and serves the given session objects in the vendor's envelope, so odd answers the
 * documents allow (a session of only `{id, status}`, a leap second) reach the connector and the CLI
 * untouched by the simulators' own rendering.
 */
import type { SimRequest, SimResponse } from '../../src-main/demo/sim/https-simulator.js';
import { startHttpsSimulator, type HttpsSimulator } from '../../src-main/demo/sim/https-simulator.js';

type Body = Record<string, unknown>;

/** A stubbed appliance: change `sessions` between requests. */
export interface StubAppliance {
  readonly server: HttpsSimulator;
  sessions: Body[];
  /** Answers first when set: return null to let the stub answer as usual. */
  override: ((req: SimRequest) => SimResponse | null) | null;
  close(): Promise<void>;
}

const window = (req: SimRequest, skipName: string, fallbackLimit: number): { skip: number; limit: number } => ({
  skip: Number(req.query.get(skipName) ?? 0),
  limit: Number(req.query.get('limit') ?? fallbackLimit),
});

const ISSUED = '2026-03-02T09:00:00Z';
const EXPIRES = '2026-03-02T10:00:00Z';

function byId(stub: StubAppliance, id: string, notFound: Body): SimResponse {
  const found = stub.sessions.find((s) => s['id'] === id);
  return found ? { status: 200, body: found } : { status: 404, body: notFound };
}

async function stub(route: (stub: StubAppliance, req: SimRequest) => SimResponse): Promise<StubAppliance> {
  let handle: StubAppliance | null = null;
  const server = await startHttpsSimulator({ handler: (req) => handle!.override?.(req) ?? route(handle!, req) });
  handle = { server, sessions: [], override: null, close: () => server.close() };
  return handle;
}

/** Veeam Backup for Microsoft 365, v8: jobs none, every session in one listing, each by id. */
export function startVb365Stub(): Promise<StubAppliance> {
  return stub((self, req) => {
    if (req.method === 'POST' && /^\/v8\/token$/i.test(req.path)) {
      const token = { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 3600, userName: 'u' };
      return { status: 200, body: { ...token, '.issued': ISSUED, '.expires': EXPIRES } };
    }
    if (req.method === 'POST' && /^\/v8\/token\/logout$/i.test(req.path)) return { status: 204 };
    const { skip, limit } = window(req, 'offset', 30);
    if (req.path === '/v8/Jobs') return { status: 200, body: { offset: skip, limit, results: [] } };
    if (req.path === '/v8/JobSessions')
      return { status: 200, body: { offset: skip, limit, results: self.sessions.slice(skip, skip + limit) } };
    const one = /^\/v8\/JobSessions\/([^/]+)$/.exec(req.path);
    const missing = { message: `No resource at ${req.path}.`, errorCode: 'ResourceNotFound' };
    return one ? byId(self, decodeURIComponent(one[1] ?? ''), missing) : { status: 404, body: missing };
  });
}

/** Veeam Backup & Replication, any revision asked: jobs none, sessions paged by skip/limit, each by id. */
export function startVbrStub(): Promise<StubAppliance> {
  return stub((self, req) => {
    if (req.method === 'POST' && req.path === '/api/oauth2/token') {
      const token = { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 900 };
      return { status: 200, body: { ...token, '.issued': ISSUED, '.expires': EXPIRES } };
    }
    if (req.method === 'POST' && req.path === '/api/oauth2/logout') return { status: 200, body: {} };
    const { skip, limit } = window(req, 'skip', 200);
    const page = (items: Body[]) => {
      const data = items.slice(skip, skip + limit);
      return { status: 200, body: { data, pagination: { total: items.length, count: data.length, skip, limit } } };
    };
    if (req.path === '/api/v1/jobs/states') return page([]);
    if (req.path === '/api/v1/sessions') {
      const state = req.query.get('stateFilter');
      return page(state === null ? self.sessions : self.sessions.filter((s) => s['state'] === state));
    }
    const one = /^\/api\/v1\/sessions\/([^/]+)$/.exec(req.path);
    const missing = { errorCode: 'NotFound', message: `No resource at ${req.path}.` };
    return one ? byId(self, decodeURIComponent(one[1] ?? ''), missing) : { status: 404, body: missing };
  });
}
