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
import { createEventStreams } from './event-streams.js';
import { sharedWhileRunning } from './job-facts.js';
import { send, sendJson, type RouteHandler, type Routes } from './serve-http.js';
import type { TokenEntry, TokenScope, TokenStore } from './token-store.js';

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

export function createTeamApi(options: TeamApiOptions): { routes: Routes; close(): void } {
  const { core, tokens, limiter, log } = options;
  let recent: readonly ChangeEvent[] = [];
  const offRecent = on(core.events, 'changes', (changes) => {
    recent = [...recent, ...changes].slice(-RECENT_CHANGES);
  });

  /** Answers a missing or unknown token: 401, or 429 while its address is blocked; logs a little. */
  function refuse(req: IncomingMessage, res: ServerResponse): void {
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
  function authorize(req: IncomingMessage, res: ServerResponse, scope: TokenScope): TokenEntry | null {
    const token = bearerOf(req);
    const entry = token === null ? null : tokens.verify(token);
    if (entry === null) {
      refuse(req, res);
      return null;
    }
    if (scope === 'operate' && entry.scope !== 'operate') {
      sendJson(res, 403, { error: READ_ONLY_TOKEN_WORDS });
      return null;
    }
    return entry;
  }

  const reading =
    (answer: (url: URL) => Promise<unknown>): RouteHandler =>
    async (req, res, url) => {
      if (!authorize(req, res, 'read')) return;
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

  const operating =
    (channel: 'notifications:acknowledge' | 'notifications:mute'): RouteHandler =>
    async (req, res) => {
      const entry = authorize(req, res, 'operate');
      if (!entry) return;
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
        return sendJson(res, 415, { error: 'Send the request as application/json.' });
      }
      let body: unknown;
      try {
        body = await jsonBody(req);
      } catch {
        return sendJson(res, 400, { error: 'The body is not JSON (at most 16 KiB).' });
      }
      try {
        await core.handlers[channel](body as never);
      } catch (error) {
        return sendJson(res, 400, { error: (error as Error).message });
      }
      log.info(channel === 'notifications:mute' ? 'Job muted by a team member' : 'Job acknowledged by a team member', {
        token: entry.name,
        request: body,
      });
      sendJson(res, 200, { ok: true });
    };

  // Every stream gets the same frames: each is encoded once and the one buffer written to all of
  // them, so a hundred desktops cost one serialization of a fleet-sized snapshot, not a hundred.
  let lastId = 0;
  const frame = (event: string, data: unknown) => Buffer.from(`id: ${++lastId}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const broadcast = (event: string, data: unknown) => {
    // A newer status supersedes one still queued for a slow client; deltas all go.
    if (streams.size > 0) streams.broadcast(frame(event, data), event === 'status' ? 'status' : undefined);
  };
  // A status frame is the whole fleet's snapshot: while polls end one after another, desktops get
  // the latest one every couple of seconds rather than each one (session deltas still go at once).
  let statusTimer: NodeJS.Timeout | null = null;
  let pendingStatus: { snapshot: unknown } | null = null;
  const broadcastStatus = (snapshot: unknown) => {
    if (statusTimer) {
      pendingStatus = { snapshot };
      return;
    }
    broadcast('status', snapshot);
    statusTimer = setTimeout(() => {
      statusTimer = null;
      const pending = pendingStatus;
      pendingStatus = null;
      if (pending) broadcastStatus(pending.snapshot);
    }, options.statusIntervalMs ?? 2000);
  };
  // Subscribed only while a desktop listens, so a server without one builds no snapshot per poll.
  let unsubscribe: (() => void) | null = null;
  const listen = () => {
    return core.events((event) => {
      if (event.type === 'status:changed') broadcastStatus(event.payload);
      else if (event.type === 'sessions:changed') broadcast('sessions', event.payload);
      else if (event.type === 'changes') broadcast('changes', event.payload);
    });
  };
  // Desktops that connect together (a team's morning, a server restart) share one first snapshot.
  const firstStatus = sharedWhileRunning(async () => frame('status', await core.snapshot()));

  const streams = createEventStreams({
    tokens,
    log,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    onFirst: () => (unsubscribe ??= listen()),
    onEmpty: () => {
      unsubscribe?.();
      unsubscribe = null;
    },
  });

  function stream(req: IncomingMessage, res: ServerResponse): void {
    const entry = authorize(req, res, 'read');
    if (!entry) return;
    // HEAD asks whether the stream would open, not for the stream.
    if (req.method === 'HEAD') return send(res, 200, 'text/event-stream; charset=utf-8', '');
    const refusal = streams.refusal(entry);
    if (refusal) return sendJson(res, 429, { error: refusal }, { 'retry-after': '60' });
    streams.open(res, entry);
    // What the server noticed lately follows the first status, so a desktop that was away hears it.
    const missed = recent;
    void firstStatus().then((bytes) => {
      if (!streams.isOpen(res)) return;
      streams.send(res, bytes, 'status');
      if (missed.length > 0) streams.send(res, frame('changes', missed));
    });
  }

  const routes: Routes = {
    'GET /api/v1/status': reading(() => core.snapshot()),
    'GET /api/v1/jobs': reading(() => core.handlers['jobs:list']({})),
    'GET /api/v1/sessions': reading((url) => {
      const limit = Number(url.searchParams.get('limit') ?? 200);
      const applianceId = url.searchParams.get('appliance');
      return core.handlers['sessions:list']({
        limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 5000) : 200,
        ...(applianceId ? { applianceId } : {}),
      });
    }),
    'GET /api/v1/events': stream,
    'POST /api/v1/acknowledge': operating('notifications:acknowledge'),
    'POST /api/v1/mute': operating('notifications:mute'),
  };
  return {
    routes,
    close() {
      offRecent();
      unsubscribe?.();
      unsubscribe = null;
      if (statusTimer) clearTimeout(statusTimer);
      streams.closeAll();
    },
  };
}
