/**
 * The team API of serve mode, for desktops that read one shared server instead of the appliances:
 * status, jobs and sessions, a Server-Sent Events stream of snapshots, session deltas and change
 * events, and (with an `operate` token) acknowledge and mute. Every route needs a bearer token;
 * there are no cookies, so a page of another site cannot ride on a browser's credentials (no CSRF),
 * and POSTs take JSON only. Nothing here calls an appliance: a desktop costs the appliances nothing.
 */
import { READ_ONLY_TOKEN_WORDS } from '../common/team-words.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { on } from '../common/event.js';
import type { ChangeEvent } from '../common/snapshot.js';
import type { AppCore } from '../core/app/app-core.js';
import type { Logger } from '../core/logger.js';
import { UserError } from '../core/services/errors.js';
import { IpcValidationError } from '../core/services/request-validation.js';
import type { AuthLimiter } from './auth-limiter.js';
import { clientAddress } from './client-address.js';
import { createEventStreams, type EventStreams } from './event-streams.js';
import { sharedWhileRunning } from './job-facts.js';
import { maintenanceRoutes } from './team-maintenance.js';
import { send, sendJson, type RouteHandler, type Routes } from './serve-http.js';
import type { TokenEntry, TokenScope, TokenStore } from './token-store.js';
import type { ObjectQuery } from '../common/object-views.js';

export interface TeamApiOptions {
  readonly core: AppCore;
  readonly tokens: TokenStore;
  readonly limiter: AuthLimiter;
  readonly log: Logger;
  /** Interval of the stream's keep-alive comment, ms (proxies drop idle connections); default 25 s. */
  readonly heartbeatMs?: number;
  /** Status frames go out at most this often, ms; the latest always does (default 2 s). */
  readonly statusIntervalMs?: number;
  /** A reverse proxy whose `X-Forwarded-For` names the client (no other's is believed). */
  readonly trustedProxy?: string;
}

const MAX_BODY_BYTES = 16 * 1024;
/** A request path goes into the log this long at most. */
const MAX_LOGGED_PATH = 200;
/**
 * Change events a new stream gets first: a desktop that was away (asleep, restarted) still hears of
 * what happened meanwhile, and its notification ledger keeps it from notifying one event twice.
 */
const RECENT_CHANGES = 500;

function bearerOf(req: IncomingMessage): string | null {
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** Answers a missing or unknown token: 401, or 429 while its address is blocked; logs a little. */
function refuse(options: TeamApiOptions, req: IncomingMessage, res: ServerResponse): void {
  const { limiter, log } = options;
  const address = clientAddress(req, options.trustedProxy);
  const wait = limiter.blockedFor(address);
  if (wait > 0) {
    const error = 'Too many failed attempts from this address; wait and try again.';
    return sendJson(res, 429, { error }, { 'retry-after': String(Math.ceil(wait / 1000)) });
  }
  const verdict = limiter.failed(address);
  const path = (req.url ?? '').slice(0, MAX_LOGGED_PATH);
  if (verdict === 'first') log.warn('Refused a request with a missing or unknown token', { address, path });
  if (verdict === 'blocked') log.warn('Refusing failed token checks from an address for a while: too many', { address, path });
  sendJson(res, 401, { error: 'A valid token is needed (Authorization: Bearer …).' }, { 'www-authenticate': 'Bearer realm="backwatch"' });
}

/**
 * The token's entry when it may do `scope`; otherwise the refusal is sent and null returned. A
 * valid token passes even from a blocked address: only failures are limited.
 */
function authorize(options: TeamApiOptions, req: IncomingMessage, res: ServerResponse, scope: TokenScope): TokenEntry | null {
  const token = bearerOf(req);
  const entry = token === null ? null : options.tokens.verify(token);
  if (entry === null) {
    refuse(options, req, res);
    return null;
  }
  if (scope === 'operate' && entry.scope !== 'operate') {
    sendJson(res, 403, { error: READ_ONLY_TOKEN_WORDS });
    return null;
  }
  return entry;
}

/** A read-only route: any valid token, and `answer`'s value as JSON. */
function reading(options: TeamApiOptions, answer: (url: URL) => Promise<unknown>): RouteHandler {
  return async (req, res, url) => {
    if (!authorize(options, req, res, 'read')) return;
    let value: unknown;
    try {
      value = await answer(url);
    } catch (error) {
      // A query the core refuses (`appliance=../../x`) is the client's mistake, not the server's.
      if (error instanceof IpcValidationError || error instanceof UserError) return sendJson(res, 400, { error: error.message });
      throw error;
    }
    sendJson(res, 200, value);
  };
}

/** What an operating request sent: the `operate` token's entry and the JSON body; null once a refusal is sent. */
async function operateRequest(
  options: TeamApiOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ entry: TokenEntry; body: unknown } | null> {
  const entry = authorize(options, req, res, 'operate');
  if (!entry) return null;
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 415, { error: 'Send the request as application/json.' });
    return null;
  }
  try {
    return { entry, body: await jsonBody(req) };
  } catch {
    sendJson(res, 400, { error: 'The body is not JSON (at most 16 KiB).' });
    return null;
  }
}

/** What each operating route does, as the log says it. */
const OPERATED = {
  'notifications:acknowledge': 'Job acknowledged by a team member',
  'notifications:mute': 'Job muted by a team member',
  'objects:acknowledge': 'Machine acknowledged by a team member',
} as const;

/** An operating route: an `operate` token and a JSON body, handed to the core's `channel`; a refusal is a 400. */
function operating(options: TeamApiOptions, channel: keyof typeof OPERATED): RouteHandler {
  return async (req, res) => {
    const sent = await operateRequest(options, req, res);
    if (!sent) return;
    const { entry, body } = sent;
    try {
      const answer = await options.core.handlers[channel](body as never);
      if (answer?.ok === false) return sendJson(res, 400, { error: answer.message });
    } catch (error) {
      return sendJson(res, 400, { error: (error as Error).message });
    }
    options.log.info(OPERATED[channel], { token: entry.name, request: body });
    sendJson(res, 200, { ok: true });
  };
}

/**
 * The event stream's side: the frames every open stream gets, the throttled status, and the
 * recent change events a new stream hears first.
 */
class TeamEvents {
  readonly #streams: EventStreams;
  readonly #offRecent: () => void;
  #recent: readonly ChangeEvent[] = [];
  #lastId = 0;
  #statusTimer: NodeJS.Timeout | null = null;
  #pendingStatus: { snapshot: unknown } | null = null;
  // Subscribed only while a desktop listens, so a server without one builds no snapshot per poll.
  #unsubscribe: (() => void) | null = null;
  // Desktops that connect together (a team's morning, a server restart) share one first snapshot.
  readonly #firstStatus = sharedWhileRunning(async () => this.#frame('status', await this.options.core.snapshot()));

  constructor(private readonly options: TeamApiOptions) {
    this.#offRecent = on(options.core.events, 'changes', (changes) => {
      this.#recent = [...this.#recent, ...changes].slice(-RECENT_CHANGES);
    });
    this.#streams = createEventStreams({
      tokens: options.tokens,
      log: options.log,
      heartbeatMs: options.heartbeatMs ?? 25_000,
      onFirst: () => (this.#unsubscribe ??= this.#listen()),
      onEmpty: () => {
        this.#unsubscribe?.();
        this.#unsubscribe = null;
      },
    });
  }

  /** Opens the stream of an authorized request. */
  open(req: IncomingMessage, res: ServerResponse, entry: TokenEntry): void {
    // HEAD asks whether the stream would open, not for the stream.
    if (req.method === 'HEAD') return send(res, 200, 'text/event-stream; charset=utf-8', '');
    const streams = this.#streams;
    const refusal = streams.refusal(entry);
    if (refusal) return sendJson(res, 429, { error: refusal }, { 'retry-after': '60' });
    streams.open(res, entry);
    // What the server noticed lately follows the first status, so a desktop that was away hears it.
    const missed = this.#recent;
    void this.#firstStatus().then((bytes) => {
      if (!streams.isOpen(res)) return;
      streams.send(res, bytes, 'status');
      if (missed.length > 0) streams.send(res, this.#frame('changes', missed));
    });
  }

  close(): void {
    this.#offRecent();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#statusTimer) clearTimeout(this.#statusTimer);
    this.#streams.closeAll();
  }

  // Every stream gets the same frames: each is encoded once and the one buffer written to all of
  // them, so a hundred desktops cost one serialization of a fleet-sized snapshot, not a hundred.
  #frame(event: string, data: unknown): Buffer {
    return Buffer.from(`id: ${++this.#lastId}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  #broadcast(event: string, data: unknown): void {
    // A newer status supersedes one still queued for a slow client; deltas all go.
    if (this.#streams.size > 0) this.#streams.broadcast(this.#frame(event, data), event === 'status' ? 'status' : undefined);
  }

  // A status frame is the whole fleet's snapshot: while polls end one after another, desktops get
  // the latest one every couple of seconds rather than each one (session deltas still go at once).
  #broadcastStatus(snapshot: unknown): void {
    if (this.#statusTimer) {
      this.#pendingStatus = { snapshot };
      return;
    }
    this.#broadcast('status', snapshot);
    this.#statusTimer = setTimeout(() => {
      this.#statusTimer = null;
      const pending = this.#pendingStatus;
      this.#pendingStatus = null;
      if (pending) this.#broadcastStatus(pending.snapshot);
    }, this.options.statusIntervalMs ?? 2000);
  }

  #listen(): () => void {
    return this.options.core.events((event) => {
      if (event.type === 'status:changed') this.#broadcastStatus(event.payload);
      else if (event.type === 'sessions:changed') this.#broadcast('sessions', event.payload);
      else if (event.type === 'changes') this.#broadcast('changes', event.payload);
    });
  }
}

/**
 * `?appliance=ID&state=at_risk&state=unprotected&text=web&offset=100&limit=100` as the Machines view's query;
 * the core's validation refuses what is wrong (400), as for any caller.
 */
function objectQueryOf(url: URL): unknown {
  const params = url.searchParams;
  const states = params.getAll('state');
  const [applianceId, text, offset, limit] = ['appliance', 'text', 'offset', 'limit'].map((name) => params.get(name));
  return {
    ...(applianceId === null ? {} : { applianceId }),
    ...(states.length > 0 ? { states } : {}),
    ...(text === null ? {} : { text }),
    ...(offset === null ? {} : { offset: Number(offset) }),
    ...(limit === null ? {} : { limit: Number(limit) }),
  };
}

export function createTeamApi(options: TeamApiOptions): { routes: Routes; close(): void } {
  const { core } = options;
  const events = new TeamEvents(options);
  const routes: Routes = {
    'GET /api/v1/status': reading(options, () => core.snapshot()),
    'GET /api/v1/jobs': reading(options, () => core.handlers['jobs:list']({})),
    'GET /api/v1/sessions': reading(options, (url) => {
      const limit = Number(url.searchParams.get('limit') ?? 200);
      const applianceId = url.searchParams.get('appliance');
      return core.handlers['sessions:list']({
        limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 5000) : 200,
        ...(applianceId ? { applianceId } : {}),
      });
    }),
    'GET /api/v1/objects': reading(options, (url) => core.handlers['objects:list'](objectQueryOf(url) as ObjectQuery)),
    'GET /api/v1/events': (req, res) => {
      const entry = authorize(options, req, res, 'read');
      if (entry) events.open(req, res, entry);
    },
    'POST /api/v1/acknowledge': operating(options, 'notifications:acknowledge'),
    'POST /api/v1/mute': operating(options, 'notifications:mute'),
    'POST /api/v1/objects/acknowledge': operating(options, 'objects:acknowledge'),
    ...maintenanceRoutes(core, options.log, {
      reader: (req, res) => authorize(options, req, res, 'read'),
      operateRequest: (req, res) => operateRequest(options, req, res),
    }),
  };
  return { routes, close: () => events.close() };
}
