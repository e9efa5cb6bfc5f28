/**
 * The Veeam Backup & Replication connector: REST revision negotiation, single-use refresh tokens,
 * jobs, incremental session reads of every kind of run that protects data, session logs and per-VM
 * task sessions. Requests are built in vbr-requests.ts and answers parsed in vbr-parser.ts; this
 * file only does I/O and bookkeeping.
 */
import type { Job, JobLogPage, ResourceProgress, Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpRequest } from '../../http/http-client.js';
import { onceLogger } from '../../logger.js';
import type { ActiveRefresh, Connector, ConnectorContext, KnownSessions, SessionBatch, SessionCursor } from '../connector.js';
import { applianceNow, clocksOf, firstTimeCursor, readByTime, readOlderByTime, readTimeCursor } from '../reading.js';
import { sendRenewingOnce, singleFlight, withHeader, withSignal } from '../session-calls.js';
import type { VbrPage, VbrParseContext, VbrToken } from './vbr-parser.js';
import {
  isWatchedVbrSession,
  parseVbrJobStates,
  parseVbrSessionLog,
  parseVbrSessionPage,
  parseVbrSingleSession,
  parseVbrTaskSessions,
  parseVbrToken,
} from './vbr-parser.js';
import type { VbrPaging, VbrRevision } from './vbr-requests.js';
import {
  VBR_REVISIONS,
  hasTaskSessions,
  jobStatesRequest,
  logoutRequest,
  passwordTokenRequest,
  readVbrRevision,
  refreshTokenRequest,
  sessionLogRequest,
  sessionRequest,
  sessionsRequest,
  taskSessionsRequest,
} from './vbr-requests.js';
import { fallbackRevision, refused, revisionRefusal, unsupportedRevisions } from './vbr-revision-refusal.js';
import { newVbrZone } from './vbr-values.js';
import { VBR_RUNNING_STATE } from './vbr-status.js';

/** Windows, page sizes and bounds; the defaults suit production, tests may shrink them. */
export interface VbrTuning {
  /** The first poll reads sessions created this long ago or later. */
  readonly firstWindowMs: number;
  /** Most sessions the first poll reads from that window. */
  readonly firstWindow: number;
  /** Page size of every list. */
  readonly pageSize: number;
  /** Most sessions a later poll reads; a burst beyond is the next poll's backlog. */
  readonly pollLimit: number;
  /** First poll: most jobs without a session in the window whose last session is read by id. */
  readonly quietJobLookups: number;
  /** Most pages read from any list. */
  readonly maxPages: number;
  /** Refresh the token this long before it expires (at most a fifth of its lifetime). */
  readonly refreshMarginMs: number;
  readonly logPageSize: number;
}

export const VBR_TUNING: VbrTuning = {
  firstWindowMs: 48 * 3_600_000,
  firstWindow: 300,
  pageSize: 100,
  pollLimit: 500,
  quietJobLookups: 50,
  maxPages: 20,
  refreshMarginMs: 2 * 60_000,
  logPageSize: 100,
};

const ms = (iso: string | null): number | null => (iso ? Date.parse(iso) : null);

type Build = (revision: VbrRevision) => HttpRequest;

interface HeldToken extends VbrToken {
  /** Epoch ms from which the token is renewed before use. */
  readonly renewAtMs: number;
}

/** Creates the VBR connector of one appliance. */
export function createVbrConnector(ctx: ConnectorContext, tuning: VbrTuning = VBR_TUNING): Connector {
  const log = onceLogger(ctx.log);
  const parse: VbrParseContext = { applianceId: ctx.appliance.id, log, zone: newVbrZone() };
  const wanted = ctx.appliance.options.apiVersion;
  const forced = readVbrRevision(wanted);
  if (wanted && !forced) log.warn(`VBR: REST API revision "${wanted}" is not one of ${VBR_REVISIONS.join(', ')}; asking the server`);
  let revision: VbrRevision | null = forced;
  let token: HeldToken | null = null;
  const lastSessionIds = new Map<string, string>();

  const api = (): VbrRevision => {
    if (!revision) throw new ConnectorError('http', 'VBR: no REST API revision negotiated yet');
    return revision;
  };

  function hold(t: VbrToken): HeldToken {
    const lifetime = t.expiresAtMs - ctx.now();
    token = { ...t, renewAtMs: t.expiresAtMs - Math.min(tuning.refreshMarginMs, lifetime / 5) };
    return token;
  }

  async function tokenCall(req: HttpRequest, signal?: AbortSignal): Promise<VbrToken> {
    const response = await ctx.http.request(withSignal(req, signal));
    const refusal = revisionRefusal(response);
    if (refusal) throw refusal;
    return parseVbrToken(ctx.http.decode(response), ctx.now());
  }

  /** Password grant; asks for the newest revision (or the one held) and steps down to what the server lists. */
  async function login(signal?: AbortSignal): Promise<VbrToken> {
    const password = await ctx.password();
    let tried = revision ?? VBR_REVISIONS[0];
    for (let attempt = 0; ; attempt++) {
      try {
        const t = await tokenCall(passwordTokenRequest(tried, ctx.appliance.username, password), signal);
        if (revision !== tried) ctx.log.info(`VBR REST API ${tried} in use`);
        revision = tried;
        return t;
      } catch (e) {
        const listed = unsupportedRevisions(e);
        if (listed && attempt === 0) {
          tried = fallbackRevision(tried, listed, forced);
          continue;
        }
        if (!listed && refused(e)) {
          throw new ConnectorError(
            'auth_failed',
            `VBR refused the user name or password of "${ctx.appliance.username}".`,
            (e as ConnectorError).extra,
          );
        }
        throw e;
      }
    }
  }

  /** The refresh grant; null when the server refused it (a password login follows). */
  async function refresh(signal?: AbortSignal): Promise<VbrToken | null> {
    const held = token;
    // A refresh token works once: never offer it again, whatever the answer.
    token = null;
    if (!held?.refreshToken || !revision) return null;
    try {
      return await tokenCall(refreshTokenRequest(revision, held.refreshToken), signal);
    } catch (e) {
      if (!refused(e)) throw e;
      ctx.log.debug('VBR refused the refresh token; logging in again');
      return null;
    }
  }

  /** One renewal at a time: refreshed, else a new login. */
  const renew = singleFlight(async (signal) => hold((await refresh(signal)) ?? (await login(signal))).accessToken);

  /** A usable access token: the held one, else a renewed one. */
  function accessToken(signal?: AbortSignal): Promise<string> {
    if (token && ctx.now() < token.renewAtMs) return Promise.resolve(token.accessToken);
    return renew(signal);
  }

  const withBearer = (req: HttpRequest, access: string, signal?: AbortSignal): HttpRequest =>
    withHeader(req, 'Authorization', `Bearer ${access}`, signal);

  /** GETs JSON with the token; on 401 (its body may be empty) renews it once and tries again. */
  function call(build: Build, signal?: AbortSignal): Promise<unknown> {
    return sendRenewingOnce({
      credential: accessToken,
      send: (access) => ctx.http.json(withBearer(build(api()), access, signal)),
      expire: (access) => {
        ctx.log.info('VBR refused the access token; renewing it');
        if (token?.accessToken === access) token = { ...token, renewAtMs: -Infinity };
      },
      signal,
    });
  }

  /** Pages by `skip`/`limit` until `pagination.total`, a short page, `max` items or `maxPages`. */
  async function readPages<T>(
    request: (paging: VbrPaging) => Build,
    parsePage: (body: unknown) => VbrPage<T>,
    max: number,
    signal?: AbortSignal,
  ): Promise<{ items: T[]; left: number }> {
    const items: T[] = [];
    let skip = 0;
    let total: number | null = null;
    for (let n = 0; n < tuning.maxPages && items.length < max; n++) {
      const limit = Math.min(tuning.pageSize, max - items.length);
      const page = parsePage(await call(request({ skip, limit }), signal));
      items.push(...page.items);
      skip += page.received;
      total = page.total;
      if (page.received === 0 || (page.total !== null ? skip >= page.total : page.received < limit)) return { items, left: 0 };
    }
    return { items, left: Math.max(1, (total ?? 0) - skip) };
  }

  const sessionPage = (body: unknown) => parseVbrSessionPage(body, parse);

  async function listJobs(signal?: AbortSignal): Promise<Job[]> {
    await accessToken(signal);
    const read = await readPages(
      (p) => (r) => jobStatesRequest(r, p),
      (b) => parseVbrJobStates(b, parse),
      Infinity,
      signal,
    );
    for (const { job, lastSessionId } of read.items) if (lastSessionId) lastSessionIds.set(job.id, lastSessionId);
    return read.items.map((s) => s.job);
  }

  /** One session; null when the server answers 404 (deleted, or cleaned up from its history). */
  async function readSession(id: string, signal?: AbortSignal): Promise<Session | null> {
    try {
      return parseVbrSingleSession(await call((r) => sessionRequest(r, id), signal), parse);
    } catch (e) {
      if (isConnectorError(e) && e.kind === 'http' && e.extra.status === 404) return null;
      throw e;
    }
  }

  /** First poll: the latest session of each job that did not run in the window, by `/jobs/states`' session id. */
  async function quietJobsLastSessions(seenJobs: ReadonlySet<string>, signal?: AbortSignal): Promise<Session[]> {
    const jobs = await listJobs(signal);
    const quiet = jobs.flatMap((j) => {
      const id = lastSessionIds.get(j.id);
      return id && !seenJobs.has(j.id) ? [id] : [];
    });
    const found: Session[] = [];
    for (const id of quiet.slice(0, tuning.quietJobLookups)) {
      const s = await readSession(id, signal);
      if (s) found.push(s);
    }
    return found;
  }

  /** Sessions created in [fromMs, toMs), oldest first, at most `max`. */
  async function readRange(
    fromMs: number,
    toMs: number | null,
    max: number,
    signal?: AbortSignal,
  ): Promise<{ items: Session[]; left: number }> {
    // 1 ms back: whether the filter is inclusive is undocumented, and two runs may share a millisecond.
    const filter = {
      createdAfter: new Date(fromMs - 1).toISOString(),
      oldestFirst: true,
      ...(toMs === null ? {} : { createdBefore: new Date(toMs).toISOString() }),
    };
    return readPages((p) => (r) => sessionsRequest(r, p, filter), sessionPage, max, signal);
  }

  /** First poll: the newest sessions of the first window. */
  async function readFirstWindow(signal?: AbortSignal): Promise<Session[]> {
    const createdAfter = new Date(applianceNow(ctx) - tuning.firstWindowMs).toISOString();
    return (await readPages((p) => (r) => sessionsRequest(r, p, { createdAfter }), sessionPage, tuning.firstWindow, signal)).items;
  }

  async function listSessions(cursor: SessionCursor | null, known: KnownSessions, signal?: AbortSignal): Promise<SessionBatch> {
    await accessToken(signal);
    const first = cursor === null;
    const read = first
      ? await readFirstWindow(signal).then((items) => ({
          items,
          cursor: firstTimeCursor(
            items.map((s) => ms(s.start)),
            clocksOf(ctx),
          ),
          behind: 0,
        }))
      : await readByTime(
          readTimeCursor(cursor),
          clocksOf(ctx),
          tuning.pollLimit,
          (s: Session) => ms(s.start),
          (from, to, max) => readRange(from, to, max, signal),
        );
    const found = new Map<string, Session>(read.items.map((s) => [s.id, s]));
    const add = (list: readonly Session[]) => list.forEach((s) => found.set(s.id, s));
    if (first) add(await quietJobsLastSessions(new Set(read.items.map((s) => s.jobId)), signal));
    // Known runs that still work; one that stopped or vanished is the poller's to ask for (refreshActive).
    if (known.active.length > 0) {
      add(
        (await readPages((p) => (r) => sessionsRequest(r, p, { state: VBR_RUNNING_STATE }), sessionPage, tuning.pollLimit, signal)).items,
      );
    }
    const activeIds = new Set(known.active.map((s) => s.id));
    // Reads overlap at the mark: leave out what stayed finished, and runs of kinds not watched (read to move the mark).
    const fresh = (s: Session) => !known.has(s.id) || activeIds.has(s.id) || isActiveStatus(s.status);
    const sessions = [...found.values()].filter((s) => isWatchedVbrSession(s) && fresh(s));
    return { sessions, cursor: { ...read.cursor }, behind: read.behind };
  }

  return {
    vendor: 'vbr',

    async authenticate(signal) {
      await accessToken(signal);
    },

    listJobs,

    listSessions,

    async refreshActive(active, signal): Promise<ActiveRefresh> {
      const updated: Session[] = [];
      const gone: string[] = [];
      for (const s of active) {
        const now = await readSession(s.id, signal);
        if (now) updated.push(now);
        else gone.push(s.id);
      }
      return { updated, gone };
    },

    async readOlder(position, cursor, signal) {
      const page = await readOlderByTime(position, cursor, applianceNow(ctx), tuning.pageSize, async (beforeMs, limit) => {
        await accessToken(signal);
        const filter = { createdBefore: new Date(beforeMs).toISOString() };
        return sessionPage(await call((r) => sessionsRequest(r, { skip: 0, limit }, filter), signal)).items;
      });
      // Runs of kinds not watched still move the position back.
      return { ...page, sessions: page.sessions.filter(isWatchedVbrSession) };
    },

    async jobLog(sessionId, page, signal): Promise<JobLogPage> {
      const limit = tuning.logPageSize;
      const skip = page * limit;
      await accessToken(signal);
      const parsed = parseVbrSessionLog(await call((r) => sessionLogRequest(r, sessionId, { skip, limit }), signal), parse);
      return { entries: parsed.entries, more: parsed.total !== null ? skip + parsed.received < parsed.total : parsed.received === limit };
    },

    async resourceProgress(sessionId, signal): Promise<ResourceProgress[]> {
      await accessToken(signal);
      if (!hasTaskSessions(api())) return [];
      const parseTasks = (b: unknown) => parseVbrTaskSessions(b, parse);
      return (await readPages((p) => (r) => taskSessionsRequest(r, sessionId, p), parseTasks, Infinity, signal)).items;
    },

    async close() {
      const held = token;
      token = null;
      if (!held || !revision) return;
      try {
        await ctx.http.request(withBearer(logoutRequest(revision), held.accessToken));
      } catch (e) {
        ctx.log.debug('VBR logout failed', { error: (e as Error).message });
      }
    },
  };
}
