/**
 * The Veeam Backup & Replication connector: jobs, incremental session reads of every kind of run
 * that protects data, session logs and per-VM task sessions, over the shared OAuth login
 * (../oauth-session.ts) with single-use refresh tokens. Requests are built in vbr-requests.ts and
 * answers parsed in vbr-parser.ts.
 */
import type { Job, JobLogPage, ResourceProgress, Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import type { HttpRequest } from '../../http/http-client.js';
import { onceLogger } from '../../logger.js';
import { ApiVersion } from '../api-version.js';
import type { Connector, ConnectorContext, KnownSessions, SessionBatch, SessionCursor } from '../connector.js';
import type { Grant } from '../oauth-session.js';
import { OAuthSession, refusedGrant } from '../oauth-session.js';
import { nullOn404, refreshEach } from '../read-by-id.js';
import { applianceNow, readOlderByTime, readSessionsByTime } from '../reading.js';
import { withSignal } from '../session-calls.js';
import type { VbrPage, VbrParseContext } from './vbr-parser.js';
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
import { fallbackRevision, revisionRefusal, unsupportedRevisions } from './vbr-revision-refusal.js';
import type { VbrObjectCalls } from './vbr-object-calls.js';
import { VbrObjectReader } from './vbr-objects.js';
import { newVbrZone } from './vbr-values.js';
import { VBR_RUNNING_STATE } from './vbr-status.js';
import type { VbrTuning } from './vbr-tuning.js';
import { VBR_TUNING } from './vbr-tuning.js';

export type { VbrTuning } from './vbr-tuning.js';
export { VBR_TUNING } from './vbr-tuning.js';

type Build = (revision: VbrRevision) => HttpRequest;

/** Creates the VBR connector of one appliance. */
export function createVbrConnector(ctx: ConnectorContext, tuning: VbrTuning = VBR_TUNING): Connector {
  return new VbrConnector(ctx, tuning);
}

class VbrConnector implements Connector, VbrObjectCalls {
  readonly vendor = 'vbr';
  readonly parse: VbrParseContext;
  private readonly revision: ApiVersion<VbrRevision>;
  private readonly session: OAuthSession;
  private readonly lastSessionIds = new Map<string, string>();
  private readonly objects: VbrObjectReader;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly tuning: VbrTuning,
  ) {
    const log = onceLogger(ctx.log);
    this.parse = { applianceId: ctx.appliance.id, log, zone: newVbrZone() };
    const names = { vendor: 'VBR', word: 'REST API revision', known: VBR_REVISIONS, read: readVbrRevision };
    this.revision = new ApiVersion(names, log, ctx.appliance.options.apiVersion);
    this.session = new OAuthSession(ctx, {
      name: 'VBR',
      refreshMarginMs: tuning.refreshMarginMs,
      singleUseRefresh: true,
      sendGrant: async (req, signal) => {
        const response = await ctx.http.request(withSignal(req, signal));
        const refusal = revisionRefusal(response);
        if (refusal) throw refusal;
        return parseVbrToken(ctx.http.decode(response), ctx.now());
      },
      logIn: (grant, password) => this.logIn(grant, password),
      refreshRequest: (refreshToken) => (this.revision.current ? refreshTokenRequest(this.revision.current, refreshToken) : null),
      logoutRequest: () => (this.revision.current ? logoutRequest(this.revision.current) : null),
      refusedLogin: (e) => !unsupportedRevisions(e) && refusedGrant(e),
    });
    this.objects = new VbrObjectReader(ctx.appliance.id, this, ctx.now);
  }

  /** Password grant; asks for the newest revision (or the one held) and steps down once to what the server lists. */
  private logIn(grant: Grant, password: string) {
    const user = this.ctx.appliance.username;
    const first = this.revision.current ?? VBR_REVISIONS[0];
    return this.revision.negotiate(
      first,
      (r) => grant(passwordTokenRequest(r, user, password)),
      (e, tried, attempts) => {
        const listed = unsupportedRevisions(e);
        return listed && attempts === 1 ? fallbackRevision(tried, listed, this.revision.forced) : null;
      },
    );
  }

  currentRevision(): VbrRevision {
    return this.revision.get();
  }

  /** GETs JSON with the token, at the negotiated revision. */
  call(build: Build, signal?: AbortSignal): Promise<unknown> {
    return this.session.json(build(this.revision.get()), signal);
  }

  private sessionPage(body: unknown): VbrPage<Session> {
    return parseVbrSessionPage(body, this.parse);
  }

  /** Pages by `skip`/`limit` until `pagination.total`, a short page, `max` items or `maxPages`. */
  async readPages<T>(
    request: (paging: VbrPaging) => Build,
    parsePage: (body: unknown) => VbrPage<T>,
    max: number,
    signal?: AbortSignal,
    pageSize = this.tuning.pageSize,
  ): Promise<{ items: T[]; left: number }> {
    const items: T[] = [];
    let skip = 0;
    let total: number | null = null;
    for (let n = 0; n < this.tuning.maxPages && items.length < max; n++) {
      const limit = Math.min(pageSize, max - items.length);
      const page = parsePage(await this.call(request({ skip, limit }), signal));
      items.push(...page.items);
      skip += page.received;
      total = page.total;
      if (page.received === 0 || (page.total !== null ? skip >= page.total : page.received < limit)) return { items, left: 0 };
    }
    return { items, left: Math.max(1, (total ?? 0) - skip) };
  }

  private sessions(filter: Parameters<typeof sessionsRequest>[2], max: number, signal?: AbortSignal) {
    return this.readPages(
      (p) => (r) => sessionsRequest(r, p, filter),
      (b) => this.sessionPage(b),
      max,
      signal,
    );
  }

  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.session.accessToken(signal);
  }

  async listJobs(signal?: AbortSignal): Promise<Job[]> {
    await this.session.accessToken(signal);
    const read = await this.readPages(
      (p) => (r) => jobStatesRequest(r, p),
      (b) => parseVbrJobStates(b, this.parse),
      Infinity,
      signal,
    );
    for (const { job, lastSessionId } of read.items) if (lastSessionId) this.lastSessionIds.set(job.id, lastSessionId);
    return read.items.map((s) => s.job);
  }

  /** Each job's newest run id, by job id. */
  async lastRuns(signal?: AbortSignal): Promise<ReadonlyMap<string, string>> {
    await this.listJobs(signal);
    return this.lastSessionIds;
  }

  async readObjects(signal?: AbortSignal) {
    await this.session.accessToken(signal);
    return this.objects.read(signal);
  }

  /** One session; null when the server answers 404 (deleted, or cleaned up from its history). */
  private async readSession(id: string, signal?: AbortSignal): Promise<Session | null> {
    const body = await nullOn404(this.call((r) => sessionRequest(r, id), signal));
    return body === null ? null : parseVbrSingleSession(body, this.parse);
  }

  /** First poll: the latest session of each job that did not run in the window, by `/jobs/states`' session id. */
  private async quietJobsLastSessions(seenJobs: ReadonlySet<string>, signal?: AbortSignal): Promise<Session[]> {
    const jobs = await this.listJobs(signal);
    const quiet = jobs.flatMap((j) => {
      const id = this.lastSessionIds.get(j.id);
      return id && !seenJobs.has(j.id) ? [id] : [];
    });
    const found: Session[] = [];
    for (const id of quiet.slice(0, this.tuning.quietJobLookups)) {
      const s = await this.readSession(id, signal);
      if (s) found.push(s);
    }
    return found;
  }

  /** Sessions created in [fromMs, toMs), oldest first, at most `max`. */
  private readRange(fromMs: number, toMs: number | null, max: number, signal?: AbortSignal): Promise<{ items: Session[]; left: number }> {
    // 1 ms back: whether the filter is inclusive is undocumented, and two runs may share a millisecond.
    const filter = {
      createdAfter: new Date(fromMs - 1).toISOString(),
      oldestFirst: true,
      ...(toMs === null ? {} : { createdBefore: new Date(toMs).toISOString() }),
    };
    return this.sessions(filter, max, signal);
  }

  /** First poll: the newest sessions of the first window. */
  private async readFirstWindow(signal?: AbortSignal): Promise<Session[]> {
    const createdAfter = new Date(applianceNow(this.ctx) - this.tuning.firstWindowMs).toISOString();
    return (await this.sessions({ createdAfter }, this.tuning.firstWindow, signal)).items;
  }

  async listSessions(cursor: SessionCursor | null, known: KnownSessions, signal?: AbortSignal): Promise<SessionBatch> {
    await this.session.accessToken(signal);
    const first = cursor === null;
    const read = await readSessionsByTime(
      this.ctx,
      cursor,
      this.tuning.pollLimit,
      () => this.readFirstWindow(signal),
      (from, to, max) => this.readRange(from, to, max, signal),
    );
    const found = new Map<string, Session>(read.items.map((s) => [s.id, s]));
    const add = (list: readonly Session[]) => list.forEach((s) => found.set(s.id, s));
    if (first) add(await this.quietJobsLastSessions(new Set(read.items.map((s) => s.jobId)), signal));
    // Known runs that still work; one that stopped or vanished is the poller's to ask for (refreshActive).
    if (known.active.length > 0) add((await this.sessions({ state: VBR_RUNNING_STATE }, this.tuning.pollLimit, signal)).items);
    const activeIds = new Set(known.active.map((s) => s.id));
    // Reads overlap at the mark: leave out what stayed finished, and runs of kinds not watched (read to move the mark).
    const fresh = (s: Session) => !known.has(s.id) || activeIds.has(s.id) || isActiveStatus(s.status);
    const sessions = [...found.values()].filter((s) => isWatchedVbrSession(s) && fresh(s));
    return { sessions, cursor: { ...read.cursor }, behind: read.behind };
  }

  refreshActive(active: readonly Session[], signal?: AbortSignal) {
    return refreshEach(active, (id) => this.readSession(id, signal));
  }

  async readOlder(position: SessionCursor | null, cursor: SessionCursor, signal?: AbortSignal) {
    const page = await readOlderByTime(position, cursor, applianceNow(this.ctx), this.tuning.pageSize, async (at, limit) => {
      await this.session.accessToken(signal);
      // The filter reads "before": 1 ms on takes in every run dated within the millisecond of the position.
      const filter = { createdBefore: new Date(at.atMs + 1).toISOString() };
      return this.sessionPage(await this.call((r) => sessionsRequest(r, { skip: at.skip, limit }, filter), signal)).items;
    });
    // Runs of kinds not watched still move the position back.
    return { ...page, sessions: page.sessions.filter(isWatchedVbrSession) };
  }

  async jobLog(sessionId: string, page: number, signal?: AbortSignal): Promise<JobLogPage> {
    const limit = this.tuning.logPageSize;
    const skip = page * limit;
    await this.session.accessToken(signal);
    const parsed = parseVbrSessionLog(await this.call((r) => sessionLogRequest(r, sessionId, { skip, limit }), signal), this.parse);
    return { entries: parsed.entries, more: parsed.total !== null ? skip + parsed.received < parsed.total : parsed.received === limit };
  }

  async resourceProgress(sessionId: string, signal?: AbortSignal): Promise<ResourceProgress[]> {
    await this.session.accessToken(signal);
    if (!hasTaskSessions(this.revision.get())) return [];
    const parseTasks = (b: unknown) => parseVbrTaskSessions(b, this.parse);
    return (await this.readPages((p) => (r) => taskSessionsRequest(r, sessionId, p), parseTasks, Infinity, signal)).items;
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
