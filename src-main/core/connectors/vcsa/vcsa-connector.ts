/**
 * The vCenter Server Appliance file-based backup connector. Prefers the `/api` style and falls
 * back to `/rest` when `/api` answers 404 (or uses `appliance.options.apiStyle`). Requests are
 * built in vcsa-requests.ts and answers parsed in vcsa-parser.ts; this file only does I/O.
 *
 * Incremental reads: the job id list (ids only) is read every poll; details are asked only for
 * the ids not seen yet plus the sessions still active, so an idle poll is one small request and no
 * date (which the appliance's clock writes into every id) decides what is read.
 */
import type { Job, JobLogPage, Session } from '../../../common/model.js';
import { ConnectorError, isConnectorError } from '../../http/errors.js';
import type { HttpRequest, HttpResponse } from '../../http/http-client.js';
import { bodyExcerpt } from '../../http/redact.js';
import { onceLogger } from '../../logger.js';
import type { ActiveRefresh, Connector, ConnectorContext, KnownSessions, SessionBatch, SessionCursor } from '../connector.js';
import { singleFlight, withHeader, withSignal } from '../session-calls.js';
import type { VcsaApiStyle, VcsaParseContext } from './vcsa-parser.js';
import { parseErrorMessages, parseJobDetails, parseJobIds, parseJobLog, parseJobStatus, parseSessionToken } from './vcsa-parser.js';
import { backupJob, compareJobIds, parseSchedules, timestampKey } from './vcsa-job.js';
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

/** Creates the vCenter appliance backup connector of one appliance. */
export function createVcsaConnector(ctx: ConnectorContext, tuning: VcsaTuning = VCSA_TUNING): Connector {
  const log = onceLogger(ctx.log);
  const parse: VcsaParseContext = { applianceId: ctx.appliance.id, log };
  // Known once a login succeeded (or set by the user); null means "probe /api, then /rest".
  let style: VcsaApiStyle | null = ctx.appliance.options.apiStyle ?? null;
  let current: VcsaSession | null = null;

  const send = (req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> => ctx.http.request(withSignal(req, signal));

  async function login(signal?: AbortSignal): Promise<VcsaSession> {
    const password = await ctx.password();
    const { username } = ctx.appliance;
    let s: VcsaApiStyle = style ?? 'api';
    let response = await send(loginRequest(s, username, password), signal);
    if (response.status === 404 && style === null) {
      ctx.log.info('vCenter has no /api; using the older /rest API');
      s = 'rest';
      response = await send(loginRequest(s, username, password), signal);
    }
    if (response.status === 401 || response.status === 403) {
      const said = serverMessage(response.text);
      throw new ConnectorError('auth_failed', `vCenter refused the user name or password of "${username}"${said ? `: ${said}` : '.'}`, {
        status: response.status,
      });
    }
    const token = parseSessionToken(decode(response), s);
    style = s;
    current = { token, style: s };
    return current;
  }

  const loginOnce = singleFlight(login);
  const session = (signal?: AbortSignal): Promise<VcsaSession> => (current ? Promise.resolve(current) : loginOnce(signal));
  const withSession = (req: HttpRequest, s: VcsaSession): HttpRequest => withHeader(req, VCSA_SESSION_HEADER, s.token);

  /** Sends a request of the session's style; on 401 logs in again once (sessions expire when idle). */
  async function call(build: (style: VcsaApiStyle) => HttpRequest, signal?: AbortSignal): Promise<{ body: unknown; style: VcsaApiStyle }> {
    let s = await session(signal);
    let response = await send(withSession(build(s.style), s), signal);
    if (response.status === 401) {
      ctx.log.info('vCenter session expired; logging in again');
      if (current === s) current = null;
      s = await session(signal);
      response = await send(withSession(build(s.style), s), signal);
    }
    return { body: decode(response), style: s.style };
  }

  /** Details of `ids`, in batches; ids the appliance does not answer for are simply absent. */
  async function readDetails(ids: readonly string[], signal?: AbortSignal): Promise<Session[]> {
    const sessions: Session[] = [];
    for (let i = 0; i < ids.length; i += tuning.detailsBatch) {
      const batch = ids.slice(i, i + tuning.detailsBatch);
      const { body, style: s } = await call((st) => jobDetailsRequest(st, batch), signal);
      sessions.push(...parseJobDetails(body, s, parse));
    }
    return sessions;
  }

  /** `/job/{id}`: the fallback for an active job the details answer left out; null once it is gone (404). */
  async function readJobStatus(id: string, signal?: AbortSignal): Promise<Session | null> {
    try {
      const { body, style: s } = await call((st) => jobStatusRequest(st, id), signal);
      return parseJobStatus(id, body, s, parse);
    } catch (e) {
      if (isConnectorError(e) && e.kind === 'http' && e.extra.status === 404) return null;
      throw e;
    }
  }

  /** Ids worth reading details of: the unseen ones from the floor on (oldest first, within the budget) plus active ones. */
  function wantedIds(
    ids: readonly string[],
    floorId: string | null,
    known: KnownSessions,
  ): { fresh: string[]; active: string[]; behind: number } {
    const listed = new Set(ids);
    // An id of an unexpected shape cannot be placed against the floor: it is read once it is unseen.
    const fromFloor = (id: string) => floorId === null || timestampKey(id) === null || compareJobIds(id, floorId) >= 0;
    const unseen = [...listed].filter((id) => !known.has(id) && fromFloor(id)).sort(compareJobIds);
    const fresh = unseen.slice(0, tuning.pollLimit);
    const freshSet = new Set(fresh);
    const active = known.active.map((s) => s.id).filter((id) => listed.has(id) && !freshSet.has(id));
    return { fresh, active, behind: unseen.length - fresh.length };
  }

  return {
    vendor: 'vcsa',

    async authenticate(signal) {
      // A live session is reused (vCenter limits concurrent sessions); a 401 later logs in again.
      await session(signal);
    },

    async listJobs(signal): Promise<Job[]> {
      let schedules: ReturnType<typeof parseSchedules> = [];
      try {
        const { body, style: s } = await call(schedulesRequest, signal);
        schedules = parseSchedules(body, s, parse);
      } catch (e) {
        if (!(isConnectorError(e) && e.kind === 'http' && e.extra.status === 404)) throw e;
        log.info('vCenter: no backup schedules endpoint; next run unknown');
      }
      return [backupJob(ctx.appliance.id, schedules, ctx.now())];
    },

    async listSessions(cursor, known, signal): Promise<SessionBatch> {
      const { body, style: s } = await call(jobIdsRequest, signal);
      const ids = parseJobIds(body, s, parse);
      // The first poll reads the newest window; what lies below it is history.
      const floorId = cursor === null ? ([...new Set(ids)].sort(compareJobIds).at(-tuning.firstWindow) ?? null) : readCursor(cursor);
      const { fresh, active, behind } = wantedIds(ids, floorId, known);
      // A new id the details did not answer for is not seen yet: the next poll asks again.
      const sessions = await readDetails([...fresh, ...active], signal);
      return { sessions, cursor: { floorId }, behind };
    },

    async refreshActive(active, signal): Promise<ActiveRefresh> {
      if (active.length === 0) return { updated: [], gone: [] };
      const updated = await readDetails(
        active.map((s) => s.id),
        signal,
      );
      const got = new Set(updated.map((s) => s.id));
      const gone: string[] = [];
      for (const s of active) {
        if (got.has(s.id)) continue;
        const status = await readJobStatus(s.id, signal);
        if (status) updated.push(status);
        else gone.push(s.id);
      }
      return { updated, gone };
    },

    async jobLog(sessionId, page, signal): Promise<JobLogPage> {
      // A backup job's messages are few and come in one answer: there is only page 0.
      if (page > 0) return { entries: [], more: false };
      const { body, style: s } = await call((st) => jobDetailsRequest(st, [sessionId]), signal);
      return { entries: parseJobLog(body, s, sessionId, parse), more: false };
    },

    async close() {
      const s = current;
      current = null;
      if (!s) return;
      try {
        await ctx.http.request(withSession(logoutRequest(s.style), s));
      } catch (e) {
        ctx.log.debug('vCenter logout failed', { error: (e as Error).message });
      }
    },
  };
}
