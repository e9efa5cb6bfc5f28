/**
 * The Veeam Backup for Microsoft 365 connector: version negotiation, OAuth-style tokens, jobs,
 * incremental session reads and job logs. Requests are built in vb365-requests.ts and answers
 * parsed in vb365-parser.ts; this file only does I/O and bookkeeping.
 */
import type { Job, JobLogPage, Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpRequest } from '../../http/http-client.js';
import { onceLogger } from '../../logger.js';
import type { ActiveRefresh, Connector, ConnectorContext, KnownSessions, SessionBatch, SessionCursor } from '../connector.js';
import { clocksOf, settledMark } from '../reading.js';
import { sendRenewingOnce, singleFlight, withHeader, withSignal } from '../session-calls.js';
import type { Vb365Page, Vb365ParseContext, Vb365Token } from './vb365-parser.js';
import { parseVb365Jobs, parseVb365LogItems, parseVb365SessionPage, parseVb365SingleSession, parseVb365Token } from './vb365-parser.js';
import type { Vb365Version } from './vb365-requests.js';
import {
  VB365_VERSIONS,
  allSessionsRequest,
  jobSessionsRequest,
  jobsRequest,
  logItemsRequest,
  logoutRequest,
  nextPageRequest,
  passwordTokenRequest,
  readVb365Version,
  refreshTokenRequest,
  sessionRequest,
} from './vb365-requests.js';

/** Windows, page sizes and bounds; the defaults suit production, tests may shrink them. */
export interface Vb365Tuning {
  /** The first poll reads sessions that ended this long ago or later. */
  readonly firstWindowMs: number;
  /** Most sessions the first poll reads from that window. */
  readonly firstWindow: number;
  /** Page size of bounded session lists and jobs. */
  readonly pageSize: number;
  /** Size of the newest-sessions page every poll reads to see new running sessions. */
  readonly newestPageSize: number;
  /** Most sessions a later poll reads; a burst beyond is the next poll's backlog. */
  readonly pollLimit: number;
  /** First poll: most jobs without a recent session whose last session is looked up one by one. */
  readonly quietJobLookups: number;
  /** Most pages read from any list. */
  readonly maxPages: number;
  /** Refresh the token this long before it expires (at most a fifth of its lifetime). */
  readonly refreshMarginMs: number;
  /** Wait after a 429 from the token endpoint that named no `Retry-After`. */
  readonly tokenBackoffMs: number;
  readonly logPageSize: number;
}

export const VB365_TUNING: Vb365Tuning = {
  firstWindowMs: 48 * 3_600_000,
  firstWindow: 300,
  pageSize: 100,
  newestPageSize: 10,
  pollLimit: 500,
  quietJobLookups: 50,
  maxPages: 20,
  refreshMarginMs: 5 * 60_000,
  tokenBackoffMs: 60_000,
  logPageSize: 100,
};

/**
 * What the connector keeps between polls: the newest `endTime` read from a bounded list (the next
 * `endTimeLowerBound`), how far into that list a read that ran out of budget got, and the newest
 * `creationTime` seen. Times are ISO on the server's clock, held at it (see reading.ts).
 */
interface Vb365Cursor {
  readonly endBound: string;
  readonly offset: number;
  readonly newestStart: string | null;
  /** When it was written, epoch ms on this computer's clock. */
  readonly readAtMs: number | null;
}

function readCursor(cursor: SessionCursor | null): Vb365Cursor | null {
  const endBound = cursor?.['endBound'];
  const offset = cursor?.['offset'];
  const newestStart = cursor?.['newestStart'];
  const readAtMs = cursor?.['readAtMs'];
  if (typeof endBound !== 'string' || Number.isNaN(Date.parse(endBound))) return null;
  return {
    endBound,
    offset: typeof offset === 'number' && Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
    newestStart: typeof newestStart === 'string' ? newestStart : null,
    readAtMs: typeof readAtMs === 'number' && Number.isFinite(readAtMs) ? readAtMs : null,
  };
}

const ms = (iso: string | null): number | null => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : null;
};
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
const newestFirst = (a: Session, b: Session): number => (ms(b.start) ?? -Infinity) - (ms(a.start) ?? -Infinity);

interface HeldToken extends Vb365Token {
  /** Epoch ms from which the token is renewed before use. */
  readonly renewAtMs: number;
}

/** Creates the VB365 connector of one appliance. */
export function createVb365Connector(ctx: ConnectorContext, tuning: Vb365Tuning = VB365_TUNING): Connector {
  const log = onceLogger(ctx.log);
  const jobNames = new Map<string, string>();
  const parse: Vb365ParseContext = { applianceId: ctx.appliance.id, log, jobName: (id) => jobNames.get(id) };
  const wanted = ctx.appliance.options.apiVersion;
  let version: Vb365Version | null = readVb365Version(wanted);
  if (wanted && !version) log.warn(`VB365: API version "${wanted}" is not one of ${VB365_VERSIONS.join(', ')}; asking the server`);
  let token: HeldToken | null = null;
  let blockedUntil = 0;
  let jobs: Job[] | null = null;
  const unnamedJobs = new Set<string>();

  const api = (): Vb365Version => {
    if (!version) throw new ConnectorError('http', 'VB365: no API version negotiated yet');
    return version;
  };

  function hold(t: Vb365Token): HeldToken {
    const lifetime = t.expiresAtMs - ctx.now();
    token = { ...t, renewAtMs: t.expiresAtMs - Math.min(tuning.refreshMarginMs, lifetime / 5) };
    return token;
  }

  /** POSTs to the token endpoint; a 429 blocks every token request until the server's time is up. */
  async function tokenCall(req: HttpRequest, signal?: AbortSignal): Promise<Vb365Token> {
    try {
      return parseVb365Token(await ctx.http.json(withSignal(req, signal)), ctx.now());
    } catch (e) {
      if (isConnectorError(e) && e.kind === 'rate_limited') {
        const wait = e.extra.retryAfterMs ?? tuning.tokenBackoffMs;
        blockedUntil = ctx.now() + wait;
        throw new ConnectorError('rate_limited', `VB365 limits logins; trying again in ${Math.ceil(wait / 1000)} s.`, {
          status: 429,
          retryAfterMs: wait,
        });
      }
      throw e;
    }
  }

  const refused = (e: unknown): boolean =>
    isConnectorError(e) && (e.kind === 'auth_failed' || (e.kind === 'http' && (e.extra.status === 400 || e.extra.status === 401)));

  /** Password grant; without a user-set version, tries v8 down to v5 (older servers answer 404). */
  async function login(signal?: AbortSignal): Promise<Vb365Token> {
    const password = await ctx.password();
    const candidates = version ? [version] : VB365_VERSIONS;
    for (const v of candidates) {
      try {
        const t = await tokenCall(passwordTokenRequest(v, ctx.appliance.username, password), signal);
        if (version !== v) ctx.log.info(`VB365 REST API ${v} in use`);
        version = v;
        return t;
      } catch (e) {
        if (isConnectorError(e) && e.kind === 'http' && e.extra.status === 404 && candidates.length > 1) continue;
        if (refused(e)) {
          throw new ConnectorError(
            'auth_failed',
            `VB365 refused the user name or password of "${ctx.appliance.username}".`,
            (e as ConnectorError).extra,
          );
        }
        throw e;
      }
    }
    throw new ConnectorError('http', `${ctx.http.baseUrl} answers none of the VB365 REST API versions ${candidates.join(', ')}.`, {
      status: 404,
    });
  }

  /** The refresh grant; null when the server refused it (a full login follows). */
  async function refresh(signal?: AbortSignal): Promise<Vb365Token | null> {
    if (!token?.refreshToken || !version) return null;
    try {
      return await tokenCall(refreshTokenRequest(version, token.refreshToken), signal);
    } catch (e) {
      if (!refused(e)) throw e;
      ctx.log.debug('VB365 refused the refresh token; logging in again');
      // Never offer a refused refresh token again (a login answered 429 would otherwise repeat it).
      token = null;
      return null;
    }
  }

  /** One renewal at a time: refreshed, else a new login. */
  const renew = singleFlight(async (signal) => hold((await refresh(signal)) ?? (await login(signal))).accessToken);

  /** A usable access token: the held one, else a renewed one. */
  function accessToken(signal?: AbortSignal): Promise<string> {
    if (token && ctx.now() < token.renewAtMs) return Promise.resolve(token.accessToken);
    const wait = blockedUntil - ctx.now();
    if (wait > 0) {
      return Promise.reject(
        new ConnectorError('rate_limited', `VB365 limits logins; trying again in ${Math.ceil(wait / 1000)} s.`, {
          status: 429,
          retryAfterMs: wait,
        }),
      );
    }
    return renew(signal);
  }

  const withBearer = (req: HttpRequest, access: string, signal?: AbortSignal): HttpRequest =>
    withHeader(req, 'Authorization', `Bearer ${access}`, signal);

  /** GETs JSON with the token; on 401 renews it once (refresh first) and tries again. */
  function call(req: HttpRequest, signal?: AbortSignal): Promise<unknown> {
    return sendRenewingOnce({
      credential: accessToken,
      send: (access) => ctx.http.json(withBearer(req, access, signal)),
      expire: (access) => {
        ctx.log.info('VB365 refused the access token; renewing it');
        if (token?.accessToken === access) token = { ...token, renewAtMs: -Infinity };
      },
      signal,
    });
  }

  /** Follows `_links.next` until it ends, `max` items were read, or `maxPages`. */
  async function readPages<T>(
    first: HttpRequest,
    parsePage: (body: unknown) => Vb365Page<T>,
    max: number,
    signal?: AbortSignal,
  ): Promise<{ items: T[]; complete: boolean }> {
    const items: T[] = [];
    let req: HttpRequest | null = first;
    for (let n = 0; req && n < tuning.maxPages && items.length < max; n++) {
      const page = parsePage(await call(req, signal));
      items.push(...page.items);
      req = page.nextHref && page.received > 0 ? nextPageRequest(api(), page.nextHref) : null;
    }
    return { items: items.slice(0, max), complete: req === null && items.length <= max };
  }

  /** Sessions that ended at or after `since`, from `offset` on, in whatever order the server lists them. */
  function endedSince(since: string, offset: number, max: number, signal?: AbortSignal) {
    return readPages(allSessionsRequest(api(), { offset, limit: tuning.pageSize }, { endTimeLowerBound: since }), sessionPage, max, signal);
  }

  const sessionPage = (body: unknown) => parseVb365SessionPage(body, parse);

  async function listJobs(signal?: AbortSignal): Promise<Job[]> {
    await accessToken(signal);
    const read = await readPages(
      jobsRequest(api(), { offset: 0, limit: tuning.pageSize }),
      (b) => parseVb365Jobs(b, parse),
      Infinity,
      signal,
    );
    jobs = read.items;
    for (const j of jobs) jobNames.set(j.id, j.name);
    return jobs;
  }

  /** Sessions carry only job ids: read the jobs again once when a new id shows up. */
  async function named(sessions: Session[], signal?: AbortSignal): Promise<Session[]> {
    const missing = sessions.filter((s) => s.jobId && !jobNames.has(s.jobId) && !unnamedJobs.has(s.jobId));
    if (missing.length === 0) return sessions;
    await listJobs(signal);
    for (const s of missing) if (!jobNames.has(s.jobId)) unnamedJobs.add(s.jobId);
    return sessions.map((s) => ({ ...s, jobName: jobNames.get(s.jobId) ?? s.jobName }));
  }

  /**
   * The newest sessions, to see runs that started since the last poll. The order is not
   * documented: a page is sorted here, and a further page is read only when everything on this
   * one is newer than the cursor (a burst), so an oldest-first server costs one page and its new
   * runs show up when they end (through `endedSince`).
   */
  async function newest(cursor: Vb365Cursor | null, signal?: AbortSignal): Promise<Session[]> {
    const found: Session[] = [];
    const limit = tuning.newestPageSize;
    for (let offset = 0; offset < tuning.pollLimit; offset += limit) {
      const page = sessionPage(await call(allSessionsRequest(api(), { offset, limit }), signal));
      const sorted = [...page.items].sort(newestFirst);
      if (sorted.some((s, i) => s !== page.items[i])) log.warn('VB365: the server does not list job sessions newest first');
      found.push(...sorted);
      const newestKnown = ms(cursor?.newestStart ?? null);
      const allNew = newestKnown !== null && page.items.length > 0 && page.items.every((s) => (ms(s.start) ?? -Infinity) > newestKnown);
      if (!allNew || page.received < limit) break;
    }
    return found;
  }

  /** First poll: the last session of each job that ran before the window, by the job's `lastRun`. */
  async function quietJobsLastSessions(seen: ReadonlySet<string>, signal?: AbortSignal): Promise<Session[]> {
    const all = jobs ?? (await listJobs(signal));
    const found: Session[] = [];
    const quiet = all.flatMap((j) => (j.lastRun && !seen.has(j.id) ? [{ id: j.id, lastRun: j.lastRun }] : []));
    for (const { id, lastRun } of quiet.slice(0, tuning.quietJobLookups)) {
      const req = jobSessionsRequest(api(), id, { offset: 0, limit: tuning.newestPageSize }, { endTimeLowerBound: lastRun });
      found.push(...sessionPage(await call(req, signal)).items);
    }
    return found;
  }

  /** One job session; null when the server answers 404 (deleted, or cleaned up from its history). */
  async function readSession(id: string, signal?: AbortSignal): Promise<Session | null> {
    try {
      return parseVb365SingleSession(await call(sessionRequest(api(), id), signal), parse);
    } catch (e) {
      if (isConnectorError(e) && e.kind === 'http' && e.extra.status === 404) return null;
      throw e;
    }
  }

  async function listSessions(cursor: SessionCursor | null, known: KnownSessions, signal?: AbortSignal): Promise<SessionBatch> {
    await accessToken(signal);
    const previous = readCursor(cursor);
    const clocks = clocksOf(ctx);
    const offset = previous?.offset ?? 0;
    // A clock set back since the last read dates new ends below the bound (see reading.ts).
    const elapsed = Math.max(0, clocks.ours - (previous?.readAtMs ?? clocks.ours));
    const since = previous
      ? offset > 0
        ? previous.endBound
        : (iso(Math.min(ms(previous.endBound) ?? 0, clocks.server - elapsed)) ?? previous.endBound)
      : new Date(clocks.server - tuning.firstWindowMs).toISOString();
    const ended = await endedSince(since, offset, previous ? tuning.pollLimit : tuning.firstWindow, signal);
    const found = new Map<string, Session>(ended.items.map((s) => [s.id, s]));
    const add = (list: readonly Session[]) => list.forEach((s) => found.set(s.id, s));
    if (!previous) add(await quietJobsLastSessions(new Set([...found.values()].map((s) => s.jobId)), signal));
    // An active session missing from both lists (a long run that ended, or one deleted) is the
    // poller's to ask for, through refreshActive.
    add(await newest(previous, signal));
    // Lists overlap (the bound is inclusive, the newest page repeats): leave out what stayed finished.
    const activeIds = new Set(known.active.map((s) => s.id));
    const changed = [...found.values()].filter((s) => !known.has(s.id) || activeIds.has(s.id) || isActiveStatus(s.status));
    const sessions = await named(changed, signal);
    const now = clocks.server;
    const newestStart = iso(
      settledMark(
        ms(previous?.newestStart ?? null),
        [...found.values()].map((s) => ms(s.start)),
        now,
      ),
    );
    if (previous && !ended.complete) {
      // Out of budget: the bound stays, and the next poll reads on from where this one stopped.
      const cursorLeft = { endBound: since, offset: offset + ended.items.length, newestStart, readAtMs: clocks.ours };
      // The envelope has no total: the next page is what is known to be left.
      return { sessions, cursor: cursorLeft, behind: tuning.pageSize };
    }
    // Only ends read from the bounded list advance the bound: a session seen elsewhere may have
    // ended after others that the bounded list has not shown yet.
    const endBound =
      iso(
        settledMark(
          ms(since),
          ended.items.map((s) => ms(s.end)),
          now,
        ),
      ) ?? since;
    return { sessions, cursor: { endBound, offset: 0, newestStart, readAtMs: clocks.ours }, behind: 0 };
  }

  return {
    vendor: 'vb365',

    async authenticate(signal) {
      await accessToken(signal);
    },

    listJobs,

    listSessions,

    async refreshActive(active, signal): Promise<ActiveRefresh> {
      const fresh: Session[] = [];
      const gone: string[] = [];
      for (const s of active) {
        const now = await readSession(s.id, signal);
        if (now) fresh.push(now);
        else gone.push(s.id);
      }
      return { updated: await named(fresh, signal), gone };
    },

    async jobLog(sessionId, page, signal): Promise<JobLogPage> {
      const limit = tuning.logPageSize;
      await accessToken(signal);
      const parsed = parseVb365LogItems(await call(logItemsRequest(api(), sessionId, { offset: page * limit, limit }), signal), parse);
      return { entries: parsed.items, more: parsed.nextHref !== null || parsed.received === limit };
    },

    async close() {
      const held = token;
      token = null;
      if (!held || !version) return;
      try {
        await ctx.http.request(withBearer(logoutRequest(version), held.accessToken));
      } catch (e) {
        ctx.log.debug('VB365 logout failed', { error: (e as Error).message });
      }
    },
  };
}
