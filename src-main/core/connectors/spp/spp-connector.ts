/**
 * The IBM Spectrum Protect Plus connector: login, incremental session reads, jobs, progress, logs.
 * Requests are built in spp-requests.ts and answers parsed in spp-parser.ts; this file does the
 * I/O and keeps the read position.
 */
import type { JobLogPage, Job, ResourceProgress, Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import { progressOfResources } from '../../../common/progress.js';
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpRequest } from '../../http/http-client.js';
import { onceLogger } from '../../logger.js';
import type { ActiveRefresh, Connector, ConnectorContext, SessionBatch } from '../connector.js';
import { applianceNow, clocksOf, firstTimeCursor, readByTime, readOlderByTime, readTimeCursor } from '../reading.js';
import { sendRenewingOnce, singleFlight, withHeader, withSignal } from '../session-calls.js';
import type { SppPage, SppParseContext } from './spp-parser.js';
import { parseJobLogPage, parseJobPage, parseLogin, parseProgressPage, parseSessionPage, parseSingleSession } from './spp-parser.js';
import type { SppPaging } from './spp-requests.js';
import {
  SESSION_HEADER,
  activeSessionsRequest,
  jobLogRequest,
  jobsRequest,
  loginRequest,
  logoutRequest,
  progressRequest,
  sessionRequest,
  sessionsNewestFirstRequest,
  sessionsStartedRequest,
} from './spp-requests.js';

/** Page sizes and bounds; the defaults suit production, tests may shrink them. */
export interface SppTuning {
  /** Sessions the first poll reads (newest first). */
  readonly firstWindow: number;
  /** Page size of the first poll. */
  readonly firstPageSize: number;
  /** Size of a later poll's first page: an idle poll reads one such page. */
  readonly pollPageSize: number;
  /** Most sessions a later poll reads; a burst beyond is the next poll's backlog. */
  readonly pollLimit: number;
  /** Page size of other lists (active sessions, jobs, progress, log). */
  readonly listPageSize: number;
  /** Most pages read from any other list. */
  readonly maxPages: number;
}

export const SPP_TUNING: SppTuning = {
  firstWindow: 200,
  firstPageSize: 100,
  pollPageSize: 10,
  pollLimit: 500,
  listPageSize: 100,
  maxPages: 20,
};

/** SPP gives some starts in whole seconds: a read starts a second before its mark. */
const START_SLACK_MS = 1000;

const startMs = (s: Session): number | null => (s.start ? Date.parse(s.start) : null);

/** Creates the SPP connector of one appliance. */
export function createSppConnector(ctx: ConnectorContext, tuning: SppTuning = SPP_TUNING): Connector {
  const log = onceLogger(ctx.log);
  const parse: SppParseContext = { applianceId: ctx.appliance.id, log };
  let token: string | null = null;

  async function login(signal?: AbortSignal): Promise<string> {
    const password = await ctx.password();
    try {
      const body = await ctx.http.json(withSignal(loginRequest(ctx.appliance.username, password), signal));
      token = parseLogin(body);
      return token;
    } catch (e) {
      if (isConnectorError(e) && e.kind === 'auth_failed') {
        throw new ConnectorError('auth_failed', `SPP refused the user name or password of "${ctx.appliance.username}".`, e.extra);
      }
      throw e;
    }
  }

  const loginOnce = singleFlight(login);
  const session = (signal?: AbortSignal): Promise<string> => (token ? Promise.resolve(token) : loginOnce(signal));
  const withSession = (req: HttpRequest, id: string, signal?: AbortSignal): HttpRequest => withHeader(req, SESSION_HEADER, id, signal);

  /** GETs JSON with the session header; on 401 logs in again once (sessions expire after ~45 min idle). */
  function call(req: HttpRequest, signal?: AbortSignal): Promise<unknown> {
    return sendRenewingOnce({
      credential: session,
      send: (id) => ctx.http.json(withSession(req, id, signal)),
      expire: (id) => {
        ctx.log.info('SPP session expired; logging in again');
        if (token === id) token = null;
      },
      signal,
    });
  }

  /** Reads pages until a short page (never trusting `total`, which SPP may report as 0). */
  async function readAll<T>(
    build: (paging: SppPaging) => HttpRequest,
    parsePage: (body: unknown) => SppPage<T>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    const pageSize = tuning.listPageSize;
    for (let n = 0; n < tuning.maxPages; n++) {
      const page = parsePage(await call(build({ pageStartIndex: n * pageSize, pageSize }), signal));
      items.push(...page.items);
      if (page.received < pageSize) break;
    }
    return items;
  }

  /** First poll: the newest `firstWindow` sessions, newest first. */
  async function readNewest(signal?: AbortSignal): Promise<Session[]> {
    const found: Session[] = [];
    const pageSize = tuning.firstPageSize;
    for (let index = 0; index < tuning.firstWindow; index += pageSize) {
      const page = parseSessionPage(await call(sessionsNewestFirstRequest({ pageStartIndex: index, pageSize }), signal), parse);
      found.push(...page.items);
      if (page.received < pageSize) break;
    }
    return found.slice(0, tuning.firstWindow);
  }

  /**
   * Sessions that started in [fromMs, toMs), oldest first, at most `max`: an idle poll reads one
   * small page; a longer burst goes on with larger pages.
   */
  async function readRange(
    fromMs: number,
    toMs: number | null,
    max: number,
    signal?: AbortSignal,
  ): Promise<{ items: Session[]; left: number }> {
    const items: Session[] = [];
    let pageSize = tuning.pollPageSize;
    let total: number | null = null;
    while (items.length < max) {
      const paging = { pageStartIndex: items.length, pageSize: Math.min(pageSize, max - items.length) };
      const page = parseSessionPage(await call(sessionsStartedRequest(fromMs - START_SLACK_MS, toMs, paging), signal), parse);
      items.push(...page.items);
      if (page.received < paging.pageSize) return { items, left: 0 };
      total = page.total;
      pageSize = tuning.listPageSize;
    }
    // `total` may be 0 on some SPP versions while more follow: then at least one is left.
    return { items, left: Math.max(1, (total ?? 0) - items.length) };
  }

  /** One job session; null when SPP answers 404 (deleted, or expired from its history). */
  async function readSession(id: string, signal?: AbortSignal): Promise<Session | null> {
    try {
      return parseSingleSession(await call(sessionRequest(id), signal), parse);
    } catch (e) {
      if (isConnectorError(e) && e.kind === 'http' && e.extra.status === 404) return null;
      throw e;
    }
  }

  async function resourceProgress(sessionId: string, signal?: AbortSignal): Promise<ResourceProgress[]> {
    return readAll(
      (paging) => progressRequest(sessionId, paging),
      (body) => parseProgressPage(body, parse),
      signal,
    );
  }

  /** A running session's progress from its per-resource summaries, when SPP has any. */
  async function withLiveProgress(s: Session, signal?: AbortSignal): Promise<Session> {
    if (s.status !== 'running') return s;
    const progress = progressOfResources(await resourceProgress(s.id, signal));
    return progress.total === null ? s : { ...s, progress };
  }

  return {
    vendor: 'spp',

    // Reuses the API session while it lasts: SPP keeps every login open for ~45 min.
    async authenticate(signal) {
      await session(signal);
    },

    async listJobs(signal): Promise<Job[]> {
      return readAll(jobsRequest, (body) => parseJobPage(body, parse), signal);
    },

    async listSessions(cursor, known, signal): Promise<SessionBatch> {
      const first = cursor === null;
      const read = first
        ? await readNewest(signal).then((items) => ({ items, cursor: firstTimeCursor(items.map(startMs), clocksOf(ctx)), behind: 0 }))
        : await readByTime(readTimeCursor(cursor), clocksOf(ctx), tuning.pollLimit, startMs, (from, to, max) =>
            readRange(from, to, max, signal),
          );
      const byId = new Map<string, Session>();
      for (const s of read.items) if (!known.has(s.id) || isActiveStatus(s.status)) byId.set(s.id, s);
      // An active session missing from both lists (finished before the mark, or deleted) is the
      // poller's to ask for, through refreshActive.
      for (const s of await readAll(activeSessionsRequest, (body) => parseSessionPage(body, parse), signal)) byId.set(s.id, s);
      return { sessions: [...byId.values()], cursor: { ...read.cursor }, behind: read.behind };
    },

    async refreshActive(active, signal): Promise<ActiveRefresh> {
      const updated: Session[] = [];
      const gone: string[] = [];
      for (const s of active) {
        const now = await readSession(s.id, signal);
        if (now) updated.push(await withLiveProgress(now, signal));
        else gone.push(s.id);
      }
      return { updated, gone };
    },

    async jobLog(sessionId, page, signal): Promise<JobLogPage> {
      const pageSize = tuning.listPageSize;
      const body = await call(jobLogRequest(sessionId, { pageStartIndex: page * pageSize, pageSize }), signal);
      const parsed = parseJobLogPage(body, parse);
      return { entries: parsed.items, more: parsed.nextHref !== null || parsed.received === pageSize };
    },

    resourceProgress,

    readOlder: (position, cursor, signal) =>
      readOlderByTime(position, cursor, applianceNow(ctx), tuning.listPageSize, async (beforeMs, pageSize) => {
        const body = await call(sessionsNewestFirstRequest({ pageStartIndex: 0, pageSize }, beforeMs), signal);
        return parseSessionPage(body, parse).items;
      }),

    async close() {
      const id = token;
      token = null;
      if (!id) return;
      try {
        await ctx.http.request(withSession(logoutRequest(), id));
      } catch (e) {
        ctx.log.debug('SPP logout failed', { error: (e as Error).message });
      }
    },
  };
}
