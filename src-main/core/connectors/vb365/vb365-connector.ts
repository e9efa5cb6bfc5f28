/**
 * The Veeam Backup for Microsoft 365 connector: jobs, incremental session reads and job logs, over
 * the shared OAuth login (../oauth-session.ts). Requests are built in vb365-requests.ts, answers
 * parsed in vb365-parser.ts, and the read's cursor kept in vb365-cursor.ts.
 */
import type { Job, JobLogPage, Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpRequest } from '../../http/http-client.js';
import { onceLogger } from '../../logger.js';
import { ApiVersion } from '../api-version.js';
import type { ActiveRefresh, Connector, ConnectorContext, KnownSessions, ObjectRead, SessionBatch, SessionCursor } from '../connector.js';
import type { Grant } from '../oauth-session.js';
import { OAuthSession } from '../oauth-session.js';
import { nullOn404, refreshEach } from '../read-by-id.js';
import { clocksOf } from '../reading.js';
import { withSignal } from '../session-calls.js';
import type { Vb365Cursor } from './vb365-cursor.js';
import type { Vb365ObjectCalls } from './vb365-objects.js';
import { Vb365ObjectReader } from './vb365-objects.js';
import { endBoundOf, ms, newestFirst, nextVb365Cursor, readVb365Cursor } from './vb365-cursor.js';
import { endedBefore, nextVb365OlderPosition, readVb365OlderPosition } from './vb365-older.js';
import type { Vb365Page, Vb365ParseContext } from './vb365-parser.js';
import { parseVb365Jobs, parseVb365LogItems, parseVb365SessionPage, parseVb365SingleSession, parseVb365Token } from './vb365-parser.js';
import type { Vb365Version } from './vb365-requests.js';
import {
  VB365_VERSIONS,
  allSessionsRequest,
  endedBeforeRequest,
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

/** Creates the VB365 connector of one appliance. */
export function createVb365Connector(ctx: ConnectorContext, tuning: Vb365Tuning = VB365_TUNING): Connector {
  return new Vb365Connector(ctx, tuning);
}

class Vb365Connector implements Connector, Vb365ObjectCalls {
  readonly vendor = 'vb365';
  private readonly log;
  readonly parse: Vb365ParseContext;
  private readonly version: ApiVersion<Vb365Version>;
  private readonly session: OAuthSession;
  private readonly jobNames = new Map<string, string>();
  private readonly unnamedJobs = new Set<string>();
  private jobs: Job[] | null = null;
  private readonly objects: Vb365ObjectReader;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly tuning: Vb365Tuning,
  ) {
    this.log = onceLogger(ctx.log);
    this.parse = { applianceId: ctx.appliance.id, log: this.log, jobName: (id) => this.jobNames.get(id) };
    const names = { vendor: 'VB365', word: 'API version', known: VB365_VERSIONS, read: readVb365Version };
    this.version = new ApiVersion(names, this.log, ctx.appliance.options.apiVersion);
    this.session = new OAuthSession(ctx, {
      name: 'VB365',
      refreshMarginMs: tuning.refreshMarginMs,
      singleUseRefresh: false,
      loginBackoffMs: tuning.tokenBackoffMs,
      sendGrant: async (req, signal) => parseVb365Token(await ctx.http.json(withSignal(req, signal)), ctx.now()),
      logIn: (grant, password) => this.logIn(grant, password),
      refreshRequest: (refreshToken) => (this.version.current ? refreshTokenRequest(this.version.current, refreshToken) : null),
      logoutRequest: () => (this.version.current ? logoutRequest(this.version.current) : null),
    });
    this.objects = new Vb365ObjectReader(ctx.appliance.id, this, ctx.now, this.log);
  }

  currentVersion(): Vb365Version {
    return this.version.get();
  }

  async readObjects(signal?: AbortSignal): Promise<ObjectRead> {
    await this.session.accessToken(signal);
    return this.objects.read(signal);
  }

  /** Password grant; without a user-set version, tries v8 down to v5 (older servers answer 404). */
  private logIn(grant: Grant, password: string) {
    const held = this.version.current;
    const candidates = held ? [held] : VB365_VERSIONS;
    const user = this.ctx.appliance.username;
    return this.version.negotiate(
      candidates[0]!,
      (v) => grant(passwordTokenRequest(v, user, password)),
      (e, _tried, attempts) => {
        if (!(isConnectorError(e) && e.kind === 'http' && e.extra.status === 404 && candidates.length > 1)) return null;
        const next = candidates[attempts];
        if (next) return next;
        throw new ConnectorError('http', `${this.ctx.http.baseUrl} answers none of the VB365 REST API versions ${candidates.join(', ')}.`, {
          status: 404,
        });
      },
    );
  }

  private call(req: HttpRequest, signal?: AbortSignal): Promise<unknown> {
    return this.session.json(req, signal);
  }

  private sessionPage(body: unknown): Vb365Page<Session> {
    return parseVb365SessionPage(body, this.parse);
  }

  /** Follows `_links.next` until it ends, `max` items were read, or `maxPages`. */
  async readPages<T>(
    first: HttpRequest,
    parsePage: (body: unknown) => Vb365Page<T>,
    max: number,
    signal?: AbortSignal,
  ): Promise<{ items: T[]; complete: boolean }> {
    const items: T[] = [];
    let req: HttpRequest | null = first;
    for (let n = 0; req && n < this.tuning.maxPages && items.length < max; n++) {
      const page = parsePage(await this.call(req, signal));
      items.push(...page.items);
      req = page.nextHref && page.received > 0 ? nextPageRequest(this.version.get(), page.nextHref) : null;
    }
    return { items: items.slice(0, max), complete: req === null && items.length <= max };
  }

  /** Sessions that ended at or after `since`, from `offset` on, in whatever order the server lists them. */
  private endedSince(since: string, offset: number, max: number, signal?: AbortSignal) {
    const req = allSessionsRequest(this.version.get(), { offset, limit: this.tuning.pageSize }, { endTimeLowerBound: since });
    return this.readPages(req, (b) => this.sessionPage(b), max, signal);
  }

  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.session.accessToken(signal);
  }

  async listJobs(signal?: AbortSignal): Promise<Job[]> {
    await this.session.accessToken(signal);
    const first = jobsRequest(this.version.get(), { offset: 0, limit: this.tuning.pageSize });
    const read = await this.readPages(first, (b) => parseVb365Jobs(b, this.parse), Infinity, signal);
    this.jobs = read.items;
    for (const j of read.items) this.jobNames.set(j.id, j.name);
    return read.items;
  }

  /** Sessions carry only job ids: read the jobs again once when a new id shows up. */
  private async named(sessions: Session[], signal?: AbortSignal): Promise<Session[]> {
    const missing = sessions.filter((s) => s.jobId && !this.jobNames.has(s.jobId) && !this.unnamedJobs.has(s.jobId));
    if (missing.length === 0) return sessions;
    await this.listJobs(signal);
    for (const s of missing) if (!this.jobNames.has(s.jobId)) this.unnamedJobs.add(s.jobId);
    return sessions.map((s) => ({ ...s, jobName: this.jobNames.get(s.jobId) ?? s.jobName }));
  }

  /**
   * The newest sessions, to see runs that started since the last poll. The order is not
   * documented: a page is sorted here, and a further page is read only when everything on this
   * one is newer than the cursor (a burst), so an oldest-first server costs one page and its new
   * runs show up when they end (through `endedSince`).
   */
  private async newest(cursor: Vb365Cursor | null, signal?: AbortSignal): Promise<Session[]> {
    const found: Session[] = [];
    const limit = this.tuning.newestPageSize;
    for (let offset = 0; offset < this.tuning.pollLimit; offset += limit) {
      const page = this.sessionPage(await this.call(allSessionsRequest(this.version.get(), { offset, limit }), signal));
      const sorted = [...page.items].sort(newestFirst);
      if (sorted.some((s, i) => s !== page.items[i])) this.log.warn('VB365: the server does not list job sessions newest first');
      found.push(...sorted);
      const newestKnown = ms(cursor?.newestStart ?? null);
      const allNew = newestKnown !== null && page.items.length > 0 && page.items.every((s) => (ms(s.start) ?? -Infinity) > newestKnown);
      if (!allNew || page.received < limit) break;
    }
    return found;
  }

  /** First poll: the last session of each job that ran before the window, by the job's `lastRun`. */
  private async quietJobsLastSessions(seen: ReadonlySet<string>, signal?: AbortSignal): Promise<Session[]> {
    const all = this.jobs ?? (await this.listJobs(signal));
    const found: Session[] = [];
    const quiet = all.flatMap((j) => (j.lastRun && !seen.has(j.id) ? [{ id: j.id, lastRun: j.lastRun }] : []));
    for (const { id, lastRun } of quiet.slice(0, this.tuning.quietJobLookups)) {
      const paging = { offset: 0, limit: this.tuning.newestPageSize };
      const req = jobSessionsRequest(this.version.get(), id, paging, { endTimeLowerBound: lastRun });
      found.push(...this.sessionPage(await this.call(req, signal)).items);
    }
    return found;
  }

  async listSessions(cursor: SessionCursor | null, known: KnownSessions, signal?: AbortSignal): Promise<SessionBatch> {
    await this.session.accessToken(signal);
    const previous = readVb365Cursor(cursor);
    const clocks = clocksOf(this.ctx);
    const since = endBoundOf(previous, clocks, this.tuning.firstWindowMs);
    const budget = previous ? this.tuning.pollLimit : this.tuning.firstWindow;
    const ended = await this.endedSince(since, previous?.offset ?? 0, budget, signal);
    const found = new Map<string, Session>(ended.items.map((s) => [s.id, s]));
    const add = (list: readonly Session[]) => list.forEach((s) => found.set(s.id, s));
    if (!previous) add(await this.quietJobsLastSessions(new Set([...found.values()].map((s) => s.jobId)), signal));
    // An active session missing from both lists (a long run that ended, or one deleted) is the
    // poller's to ask for, through refreshActive.
    add(await this.newest(previous, signal));
    // Lists overlap (the bound is inclusive, the newest page repeats): leave out what stayed finished.
    const activeIds = new Set(known.active.map((s) => s.id));
    const changed = [...found.values()].filter((s) => !known.has(s.id) || activeIds.has(s.id) || isActiveStatus(s.status));
    const sessions = await this.named(changed, signal);
    const next = nextVb365Cursor(previous, { since, ended, found: found.values() }, clocks, this.tuning.pageSize);
    return { sessions, cursor: { ...next.cursor }, behind: next.behind };
  }

  async refreshActive(active: readonly Session[], signal?: AbortSignal): Promise<ActiveRefresh> {
    const read = (id: string) => nullOn404(this.call(sessionRequest(this.version.get(), id), signal));
    const { updated, gone } = await refreshEach(active, async (id) => {
      const body = await read(id);
      return body === null ? null : parseVb365SingleSession(body, this.parse);
    });
    return { updated: await this.named([...updated], signal), gone };
  }

  /** One page of the sessions that ended before the bound the incremental read reads from (see vb365-older.ts). */
  async readOlder(position: SessionCursor | null, cursor: SessionCursor, signal?: AbortSignal) {
    const at = readVb365OlderPosition(position, cursor);
    if (!at) return { sessions: [], position: null };
    await this.session.accessToken(signal);
    const limit = this.tuning.pageSize;
    const req = endedBeforeRequest(this.version.get(), { offset: at.offset, limit }, at.endBefore);
    const page = this.sessionPage(await this.call(req, signal));
    return { sessions: await this.named(endedBefore(page.items, at), signal), position: nextVb365OlderPosition(at, page, limit) };
  }

  async jobLog(sessionId: string, page: number, signal?: AbortSignal): Promise<JobLogPage> {
    const limit = this.tuning.logPageSize;
    await this.session.accessToken(signal);
    const req = logItemsRequest(this.version.get(), sessionId, { offset: page * limit, limit });
    const parsed = parseVb365LogItems(await this.call(req, signal), this.parse);
    return { entries: parsed.items, more: parsed.nextHref !== null || parsed.received === limit };
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
