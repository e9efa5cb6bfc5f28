/**
 * The vCenter Server Appliance file-based backup connector. Prefers the `/api` style and falls
 * back to `/rest` when `/api` answers 404 (or speaks the style the appliance's `apiStyle` option
 * names). Requests are built in vcsa-requests.ts and answers parsed in vcsa-parser.ts; this file only does I/O.
 *
 * Incremental reads: the job id list (ids only) is read every poll; details are asked only for
 * the ids not seen yet plus the sessions still active, so an idle poll is one small request and no
 * date (which the appliance's clock writes into every id) decides what is read. The background
 * backfill reads the details of the ids below the first poll's floor, a batch a poll, newest first.
 */
import type { Job, JobLogPage, Session } from '../../../common/model.js';
import { ConnectorError } from '../../http/errors.js';
import type { HttpRequest, HttpResponse } from '../../http/http-client.js';
import { bodyExcerpt } from '../../http/redact.js';
import { onceLogger } from '../../logger.js';
import { isNotFound, nullOn404, refreshEach } from '../read-by-id.js';
import type { ActiveRefresh, Connector, ConnectorContext, KnownSessions, ObjectRead, SessionBatch, SessionCursor } from '../connector.js';
import { singleFlight, withHeader, withSignal } from '../session-calls.js';
import { vcsaApiStyleOf, type VcsaApiStyle } from '../../../common/vendors/vcsa/vcsa-options.js';
import { VcsaInventoryReader } from './vcsa-inventory.js';
import type { VcsaParseContext } from './vcsa-parser.js';
import { parseErrorMessages, parseJobDetails, parseJobIds, parseJobLog, parseJobStatus, parseSessionToken } from './vcsa-parser.js';
import { backupJob, compareJobIds, olderJobIds, parseSchedules, timestampKey } from './vcsa-job.js';
import {
  VCSA_SESSION_HEADER,
  jobDetailsRequest,
  jobIdsRequest,
  jobStatusRequest,
  loginRequest,
  logoutRequest,
  schedulesRequest,
} from './vcsa-requests.js';

/** Bounds; the defaults suit production, tests may shrink them. */
export interface VcsaTuning {
  /** Newest backup jobs the first poll reads details of. */
  readonly firstWindow: number;
  /** Job ids per details request (keeps the query string short). */
  readonly detailsBatch: number;
  /** Most new jobs a later poll reads details of; the rest is the next poll's backlog. */
  readonly pollLimit: number;
}

export const VCSA_TUNING: VcsaTuning = { firstWindow: 50, detailsBatch: 40, pollLimit: 200 };

/** A logged-in API session and the style it speaks. */
interface VcsaSession {
  readonly token: string;
  readonly style: VcsaApiStyle;
}

/**
 * What the connector keeps between polls: the oldest job id the first poll read. Ids below it are
 * history from before Backwatch watched; every id from it on that was not seen yet is read.
 */
function readCursor(cursor: SessionCursor): string | null {
  const id = cursor['floorId'];
  return typeof id === 'string' ? id : null;
}

/** Where the backfill stands: the oldest id it read (ids below it are left), else the floor. */
function olderBound(position: SessionCursor | null, cursor: SessionCursor): string | null {
  const id = position?.['belowId'];
  return typeof id === 'string' ? id : readCursor(cursor);
}

/** Reads a vCenter answer: JSON on 2xx, else a `ConnectorError` carrying the server's own message. */
function decode(response: HttpResponse): unknown {
  const path = new URL(response.url).pathname;
  if (response.status >= 200 && response.status < 300) {
    if (response.text.trim() === '') return null;
    try {
      return JSON.parse(response.text) as unknown;
    } catch (error) {
      throw new ConnectorError('malformed', `The answer of ${path} is not valid JSON: "${bodyExcerpt(response.text).slice(0, 80)}"`, {
        cause: error,
      });
    }
  }
  const said = serverMessage(response.text);
  const status = response.status;
  if (status === 401 || status === 403)
    throw new ConnectorError('auth_failed', `vCenter refused the request (HTTP ${status})${said ? `: ${said}` : '.'}`, { status });
  if (status === 429) throw new ConnectorError('rate_limited', 'vCenter asked to slow down (HTTP 429).', { status });
  throw new ConnectorError('http', `HTTP ${status} from ${path}${said ? `: ${said}` : ''}`, { status });
}

/** The `default_message`s of an error body (either style), else its short text. */
function serverMessage(text: string): string {
  let body: unknown = null;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // Not JSON (a proxy's HTML page): show its text.
  }
  const messages = parseErrorMessages(body);
  return bodyExcerpt(messages.length > 0 ? messages.join(' ') : text);
}

/** Ids worth reading details of: the unseen ones from the floor on (oldest first, at most `limit`) plus active ones. */
function wantedIds(
  ids: readonly string[],
  floorId: string | null,
  known: KnownSessions,
  limit: number,
): { fresh: string[]; active: string[]; behind: number } {
  const listed = new Set(ids);
  // An id of an unexpected shape cannot be placed against the floor: it is read once it is unseen.
  const fromFloor = (id: string) => floorId === null || timestampKey(id) === null || compareJobIds(id, floorId) >= 0;
  const unseen = [...listed].filter((id) => !known.has(id) && fromFloor(id)).sort(compareJobIds);
  const fresh = unseen.slice(0, limit);
  const freshSet = new Set(fresh);
  const active = known.active.map((s) => s.id).filter((id) => listed.has(id) && !freshSet.has(id));
  return { fresh, active, behind: unseen.length - fresh.length };
}

/** Creates the vCenter appliance backup connector of one appliance. */
export function createVcsaConnector(ctx: ConnectorContext, tuning: VcsaTuning = VCSA_TUNING): Connector {
  return new VcsaConnector(ctx, tuning);
}

class VcsaConnector implements Connector {
  readonly vendor = 'vcsa';
  private readonly log;
  private readonly parse: VcsaParseContext;
  // Known once a login succeeded (or set by the user); null means "probe /api, then /rest".
  private style: VcsaApiStyle | null;
  private current: VcsaSession | null = null;
  private readonly loginOnce = singleFlight((signal) => this.login(signal));
  private readonly inventory: VcsaInventoryReader;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly tuning: VcsaTuning,
  ) {
    this.log = onceLogger(ctx.log);
    this.parse = { applianceId: ctx.appliance.id, log: this.log };
    this.style = vcsaApiStyleOf(ctx.appliance.options);
    this.inventory = new VcsaInventoryReader(ctx.appliance.id, ctx.appliance.baseUrl, this, this.log);
  }

  send(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    return this.ctx.http.request(withSignal(req, signal));
  }

  private async login(signal?: AbortSignal): Promise<VcsaSession> {
    const { ctx } = this;
    const password = await ctx.password();
    const { username } = ctx.appliance;
    let s: VcsaApiStyle = this.style ?? 'api';
    let response = await this.send(loginRequest(s, username, password), signal);
    if (response.status === 404 && this.style === null) {
      ctx.log.info('vCenter has no /api; using the older /rest API');
      s = 'rest';
      response = await this.send(loginRequest(s, username, password), signal);
    }
    if (response.status === 401 || response.status === 403) {
      const said = serverMessage(response.text);
      throw new ConnectorError('auth_failed', `vCenter refused the user name or password of "${username}"${said ? `: ${said}` : '.'}`, {
        status: response.status,
      });
    }
    const token = parseSessionToken(decode(response), s);
    this.style = s;
    this.current = { token, style: s };
    return this.current;
  }

  private session(signal?: AbortSignal): Promise<VcsaSession> {
    return this.current ? Promise.resolve(this.current) : this.loginOnce(signal);
  }

  /** Sends a request of the session's style; on 401 logs in again once (sessions expire when idle). */
  async call(build: (style: VcsaApiStyle) => HttpRequest, signal?: AbortSignal): Promise<{ body: unknown; style: VcsaApiStyle }> {
    let s = await this.session(signal);
    let response = await this.send(withHeader(build(s.style), VCSA_SESSION_HEADER, s.token), signal);
    if (response.status === 401) {
      this.ctx.log.info('vCenter session expired; logging in again');
      if (this.current === s) this.current = null;
      s = await this.session(signal);
      response = await this.send(withHeader(build(s.style), VCSA_SESSION_HEADER, s.token), signal);
    }
    return { body: decode(response), style: s.style };
  }

  /** Details of `ids`, in batches; ids the appliance does not answer for are simply absent. */
  private async readDetails(ids: readonly string[], signal?: AbortSignal): Promise<Session[]> {
    const sessions: Session[] = [];
    const size = this.tuning.detailsBatch;
    for (let i = 0; i < ids.length; i += size) {
      const batch = ids.slice(i, i + size);
      const { body, style: s } = await this.call((st) => jobDetailsRequest(st, batch), signal);
      sessions.push(...parseJobDetails(body, s, this.parse));
    }
    return sessions;
  }

  /** `/job/{id}`: the fallback for an active job the details answer left out; null once it is gone (404). */
  private async readJobStatus(id: string, signal?: AbortSignal): Promise<Session | null> {
    const answer = await nullOn404(this.call((st) => jobStatusRequest(st, id), signal));
    return answer === null ? null : parseJobStatus(id, answer.body, answer.style, this.parse);
  }

  async authenticate(signal?: AbortSignal): Promise<void> {
    // A live session is reused (vCenter limits concurrent sessions); a 401 later logs in again.
    await this.session(signal);
  }

  async listJobs(signal?: AbortSignal): Promise<Job[]> {
    let schedules: ReturnType<typeof parseSchedules> = [];
    try {
      const { body, style: s } = await this.call(schedulesRequest, signal);
      schedules = parseSchedules(body, s, this.parse);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      this.log.info('vCenter: no backup schedules endpoint; next run unknown');
    }
    return [backupJob(this.ctx.appliance.id, schedules, this.ctx.now())];
  }

  async listSessions(cursor: SessionCursor | null, known: KnownSessions, signal?: AbortSignal): Promise<SessionBatch> {
    const { body, style: s } = await this.call(jobIdsRequest, signal);
    const ids = parseJobIds(body, s, this.parse);
    // The first poll reads the newest window; what lies below it is history.
    const floorId = cursor === null ? ([...new Set(ids)].sort(compareJobIds).at(-this.tuning.firstWindow) ?? null) : readCursor(cursor);
    const { fresh, active, behind } = wantedIds(ids, floorId, known, this.tuning.pollLimit);
    // A new id the details did not answer for is not seen yet: the next poll asks again.
    const sessions = await this.readDetails([...fresh, ...active], signal);
    return { sessions, cursor: { floorId }, behind };
  }

  async refreshActive(active: readonly Session[], signal?: AbortSignal): Promise<ActiveRefresh> {
    if (active.length === 0) return { updated: [], gone: [] };
    const detailed = await this.readDetails(
      active.map((s) => s.id),
      signal,
    );
    const got = new Set(detailed.map((s) => s.id));
    const rest = await refreshEach(
      active.filter((s) => !got.has(s.id)),
      (id) => this.readJobStatus(id, signal),
    );
    return { updated: [...detailed, ...rest.updated], gone: rest.gone };
  }

  /** One details batch of the ids below the floor (the id list holds every backup the appliance keeps). */
  async readOlder(position: SessionCursor | null, cursor: SessionCursor, signal?: AbortSignal) {
    const belowId = olderBound(position, cursor);
    if (belowId === null) return { sessions: [], position: null };
    const { body, style: s } = await this.call(jobIdsRequest, signal);
    const { page, more } = olderJobIds(parseJobIds(body, s, this.parse), belowId, this.tuning.detailsBatch);
    const sessions = (await this.readDetails(page, signal)).sort((a, b) => compareJobIds(b.id, a.id));
    const oldest = page.at(-1);
    return { sessions, position: more && oldest !== undefined ? { belowId: oldest } : null };
  }

  readObjects(signal?: AbortSignal): Promise<ObjectRead> {
    return this.inventory.read(signal);
  }

  async jobLog(sessionId: string, page: number, signal?: AbortSignal): Promise<JobLogPage> {
    // A backup job's messages are few and come in one answer: there is only page 0.
    if (page > 0) return { entries: [], more: false };
    const { body, style: s } = await this.call((st) => jobDetailsRequest(st, [sessionId]), signal);
    return { entries: parseJobLog(body, s, sessionId, this.parse), more: false };
  }

  async close(): Promise<void> {
    const s = this.current;
    this.current = null;
    if (!s) return;
    try {
      await this.ctx.http.request(withHeader(logoutRequest(s.style), VCSA_SESSION_HEADER, s.token));
    } catch (e) {
      this.ctx.log.debug('vCenter logout failed', { error: (e as Error).message });
    }
  }
}
