/**
 * The IBM Spectrum Protect Plus connector: login, incremental session reads, jobs, progress, logs.
 * Requests are built in spp-requests.ts and answers parsed in spp-parser.ts; this file holds the
 * API session, pages through the lists, and works out a running session's progress from its
 * resources.
 */
import type { SppObjectCalls } from './spp-objects.js';
import { SppObjectReader } from './spp-objects.js';
import type { JobLogPage, Job, ResourceProgress, Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import { progressOfResources } from '../../../common/progress.js';
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpRequest } from '../../http/http-client.js';
import { onceLogger } from '../../logger.js';
import type { Connector, ConnectorContext, KnownSessions, SessionBatch, SessionCursor } from '../connector.js';
import { nullOn404, refreshEach } from '../read-by-id.js';
import { applianceNow, readOlderByTime, readSessionsByTime } from '../reading.js';
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

/** Creates the SPP connector of one appliance. */
export function createSppConnector(ctx: ConnectorContext, tuning: SppTuning = SPP_TUNING): Connector {
  return new SppConnector(ctx, tuning);
}

class SppConnector implements Connector, SppObjectCalls {
  readonly vendor = 'spp';
  readonly parse: SppParseContext;
  private token: string | null = null;
  private readonly loginOnce = singleFlight((signal) => this.login(signal));
  private readonly objects: SppObjectReader;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly tuning: SppTuning,
  ) {
    this.parse = { applianceId: ctx.appliance.id, log: onceLogger(ctx.log) };
    this.objects = new SppObjectReader(ctx.appliance.id, this, ctx.now);
  }

  private async login(signal?: AbortSignal): Promise<string> {
    const { ctx } = this;
    const password = await ctx.password();
    try {
      const body = await ctx.http.json(withSignal(loginRequest(ctx.appliance.username, password), signal));
      this.token = parseLogin(body);
      return this.token;
    } catch (e) {
      if (isConnectorError(e) && e.kind === 'auth_failed') {
        throw new ConnectorError('auth_failed', `SPP refused the user name or password of "${ctx.appliance.username}".`, e.extra);
      }
      throw e;
    }
  }

  private session(signal?: AbortSignal): Promise<string> {
    return this.token ? Promise.resolve(this.token) : this.loginOnce(signal);
  }

  /** GETs JSON with the session header; on 401 logs in again once (sessions expire after ~45 min idle). */
  private call(req: HttpRequest, signal?: AbortSignal): Promise<unknown> {
    return sendRenewingOnce({
      credential: (s) => this.session(s),
      send: (id) => this.ctx.http.json(withHeader(req, SESSION_HEADER, id, signal)),
      expire: (id) => {
        this.ctx.log.info('SPP session expired; logging in again');
        if (this.token === id) this.token = null;
      },
      signal,
    });
  }

  /** Reads pages until a short page (never trusting `total`, which SPP may report as 0). */
  async readAll<T>(
    build: (paging: SppPaging) => HttpRequest,
    parsePage: (body: unknown) => SppPage<T>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    const pageSize = this.tuning.listPageSize;
    for (let n = 0; n < this.tuning.maxPages; n++) {
      const page = parsePage(await this.call(build({ pageStartIndex: n * pageSize, pageSize }), signal));
      items.push(...page.items);
      if (page.received < pageSize) break;
    }
    return items;
  }

  private sessionPage(body: unknown): SppPage<Session> {
    return parseSessionPage(body, this.parse);
  }

  /** First poll: the newest `firstWindow` sessions, newest first. */
  private async readNewest(signal?: AbortSignal): Promise<Session[]> {
    const found: Session[] = [];
    const { firstPageSize: pageSize, firstWindow } = this.tuning;
    for (let index = 0; index < firstWindow; index += pageSize) {
      const page = this.sessionPage(await this.call(sessionsNewestFirstRequest({ pageStartIndex: index, pageSize }), signal));
      found.push(...page.items);
      if (page.received < pageSize) break;
    }
    return found.slice(0, firstWindow);
  }

  /**
   * Sessions that started in [fromMs, toMs), oldest first, at most `max`: an idle poll reads one
   * small page; a longer burst goes on with larger pages.
   */
  private async readRange(
    fromMs: number,
    toMs: number | null,
    max: number,
    signal?: AbortSignal,
  ): Promise<{ items: Session[]; left: number }> {
    const items: Session[] = [];
    let pageSize = this.tuning.pollPageSize;
    let total: number | null = null;
    while (items.length < max) {
      const paging = { pageStartIndex: items.length, pageSize: Math.min(pageSize, max - items.length) };
      const page = this.sessionPage(await this.call(sessionsStartedRequest(fromMs - START_SLACK_MS, toMs, paging), signal));
      items.push(...page.items);
      if (page.received < paging.pageSize) return { items, left: 0 };
      total = page.total;
      pageSize = this.tuning.listPageSize;
    }
    // `total` may be 0 on some SPP versions while more follow: then at least one is left.
    return { items, left: Math.max(1, (total ?? 0) - items.length) };
  }

  /** A running session's progress from its per-resource summaries, when SPP has any. */
  private async withLiveProgress(s: Session, signal?: AbortSignal): Promise<Session> {
    if (s.status !== 'running') return s;
    const progress = progressOfResources(await this.resourceProgress(s.id, signal));
    return progress.total === null ? s : { ...s, progress };
  }

  // Reuses the API session while it lasts: SPP keeps every login open for ~45 min.
  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.session(signal);
  }

  listJobs(signal?: AbortSignal): Promise<Job[]> {
    return this.readAll(jobsRequest, (body) => parseJobPage(body, this.parse), signal);
  }

  async listSessions(cursor: SessionCursor | null, known: KnownSessions, signal?: AbortSignal): Promise<SessionBatch> {
    const { ctx, tuning } = this;
    const read = await readSessionsByTime(
      ctx,
      cursor,
      tuning.pollLimit,
      () => this.readNewest(signal),
      (from, to, max) => this.readRange(from, to, max, signal),
    );
    const byId = new Map<string, Session>();
    for (const s of read.items) if (!known.has(s.id) || isActiveStatus(s.status)) byId.set(s.id, s);
    // An active session missing from both lists (finished before the mark, or deleted) is the
    // poller's to ask for, through refreshActive.
    for (const s of await this.readAll(activeSessionsRequest, (body) => this.sessionPage(body), signal)) byId.set(s.id, s);
    return { sessions: [...byId.values()], cursor: { ...read.cursor }, behind: read.behind };
  }

  refreshActive(active: readonly Session[], signal?: AbortSignal) {
    return refreshEach(active, async (id) => {
      const body = await nullOn404(this.call(sessionRequest(id), signal));
      return body === null ? null : this.withLiveProgress(parseSingleSession(body, this.parse), signal);
    });
  }

  readObjects(signal?: AbortSignal) {
    return this.objects.read(signal);
  }

  async jobLog(sessionId: string, page: number, signal?: AbortSignal): Promise<JobLogPage> {
    const pageSize = this.tuning.listPageSize;
    const body = await this.call(jobLogRequest(sessionId, { pageStartIndex: page * pageSize, pageSize }), signal);
    const parsed = parseJobLogPage(body, this.parse);
    return { entries: parsed.items, more: parsed.nextHref !== null || parsed.received === pageSize };
  }

  resourceProgress(sessionId: string, signal?: AbortSignal): Promise<ResourceProgress[]> {
    return this.readAll(
      (paging) => progressRequest(sessionId, paging),
      (body) => parseProgressPage(body, this.parse),
      signal,
    );
  }

  readOlder(position: SessionCursor | null, cursor: SessionCursor, signal?: AbortSignal) {
    return readOlderByTime(position, cursor, applianceNow(this.ctx), this.tuning.listPageSize, async (at, pageSize) => {
      const body = await this.call(sessionsNewestFirstRequest({ pageStartIndex: at.skip, pageSize }, at.atMs), signal);
      return this.sessionPage(body).items;
    });
  }

  async close(): Promise<void> {
    const id = this.token;
    this.token = null;
    if (!id) return;
    try {
      await this.ctx.http.request(withHeader(logoutRequest(), SESSION_HEADER, id));
    } catch (e) {
      this.ctx.log.debug('SPP logout failed', { error: (e as Error).message });
    }
  }
}
