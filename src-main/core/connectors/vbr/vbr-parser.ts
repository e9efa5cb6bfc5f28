/**
 * Pure parsing of Veeam Backup & Replication REST answers (1.0-rev2..1.3-rev1) into the domain
 * model. No I/O.
 *
 * Revision differences stay here: `activityId` (1.1) vs `jobId` (1.2-rev1+), `Job` vs `BackupJob`,
 * job status casing. Sessions and jobs carry their kind's name as `type` (vbr-kind-words.ts). An
 * element that cannot be read is skipped and the oddity logged once (through `onceLogger`); only a
 * body of the wrong overall shape throws `malformed`.
 */
import type { Job, JobLogEntry, ResourceProgress, Session } from '../../../common/model.js';
import { NO_PROGRESS, isActiveStatus } from '../../../common/model.js';
import { formatBytes } from '../../../common/format.js';
import { ConnectorError } from '../../http/errors.js';
import type { Logger } from '../../logger.js';
import type { OAuthToken } from '../oauth-token.js';
import { parseOAuthToken } from '../oauth-token.js';
import type { JsonRecord } from '../../../common/read-fields.js';
import { asRecord, readArray, readBoolean, readNumber, readString } from '../../../common/read-fields.js';
import { VBR_KINDS } from '../../../common/vendors/vbr/vbr-kinds.js';
import { vbrJobTypeOf, vbrSessionKind } from './vbr-kind-words.js';
import { sessionLogPath } from './vbr-requests.js';
import { isVbrJobDisabled, mapVbrLogLevel, mapVbrStatus, needsVbrAttention } from './vbr-status.js';
import type { VbrZone } from './vbr-values.js';
import { newVbrZone, parseVbrTime, readVbrDurationSec, readVbrQuantity } from './vbr-values.js';

export interface VbrParseContext {
  readonly applianceId: string;
  /** Receives one warning per kind of oddity (use `onceLogger`). */
  readonly log: Logger;
  /** The appliance's zone, for timestamps that name none; default: a fresh one per call. */
  readonly zone?: VbrZone;
}

/** One `{data, pagination}` page. */
export interface VbrPage<T> {
  readonly items: T[];
  /** Elements the server sent, readable or not. */
  readonly received: number;
  /** `pagination.total`: everything the query matches; null when missing. */
  readonly total: number | null;
}

/** A job as `/jobs/states` describes it, with the id of its latest session. */
export interface VbrJobState {
  readonly job: Job;
  readonly lastSessionId: string | null;
}

/** What a session waiting for someone to act says when the server gives no message. */
const NEEDS_ATTENTION = 'Needs attention: the run waits for someone to act on the backup server.';

/** Access tokens live 15 minutes when the answer does not say. */
const DEFAULT_TOKEN_LIFETIME_SEC = 900;

const oddity = (ctx: VbrParseContext, kind: string, fields?: Record<string, unknown>): void => ctx.log.warn(`VBR: ${kind}`, fields);

/** `POST /api/oauth2/token` answer → the token; `nowMs` dates `expires_in`. */
export function parseVbrToken(body: unknown, nowMs: number): OAuthToken {
  return parseOAuthToken(body, nowMs, 'VBR', DEFAULT_TOKEN_LIFETIME_SEC);
}

function parseList<T>(
  list: readonly unknown[] | null,
  what: string,
  parseItem: (raw: unknown) => T | null,
  ctx: VbrParseContext,
): { items: T[]; received: number } {
  if (!list) throw new ConnectorError('malformed', `VBR ${what} answer has no list of ${what}s`);
  const items: T[] = [];
  for (const raw of list) {
    const item = parseItem(raw);
    if (item) items.push(item);
  }
  if (items.length < list.length) oddity(ctx, `skipped unreadable ${what} entries`);
  return { items, received: list.length };
}

/** A `{data, pagination}` page, each element read by `parseItem` (null: unreadable, left out); no list is malformed. */
export function parseVbrPage<T>(body: unknown, what: string, parseItem: (raw: unknown) => T | null, ctx: VbrParseContext): VbrPage<T> {
  const r = asRecord(body);
  const total = readNumber(asRecord(r?.['pagination'])?.['total']);
  return { ...parseList(readArray(r?.['data']), what, parseItem, ctx), total: total !== null && total >= 0 ? total : null };
}

const withZone = (ctx: VbrParseContext): VbrParseContext & { zone: VbrZone } => ({ ...ctx, zone: ctx.zone ?? newVbrZone() });

/** `GET /api/v1/sessions` → sessions. */
export function parseVbrSessionPage(body: unknown, ctx: VbrParseContext): VbrPage<Session> {
  const c = withZone(ctx);
  return parseVbrPage(body, 'session', (raw) => parseVbrSession(raw, c), c);
}

/** `GET /api/v1/sessions/{id}` → one session. */
export function parseVbrSingleSession(body: unknown, ctx: VbrParseContext): Session {
  const session = parseVbrSession(body, ctx);
  if (!session) throw new ConnectorError('malformed', 'VBR session answer is not a session');
  return session;
}

/** `result` is `{result, message, isCanceled}`; a bare word is read too. */
function resultOf(r: JsonRecord): { word: string | null; message: string | null; isCanceled: boolean | null } {
  const result = asRecord(r['result']);
  if (!result) return { word: readString(r['result']), message: null, isCanceled: null };
  return {
    word: readString(result['result']),
    message: readString(result['message'])?.trim() || null,
    isCanceled: readBoolean(result['isCanceled']),
  };
}

/** A session's `type`: its kind's name; a word of no kind (skipped or undocumented) as it is; null when none. */
function sessionTypeOf(word: string | null, ctx: VbrParseContext): string | null {
  const trimmed = word?.trim() ?? '';
  if (trimmed === '') return null;
  const kind = vbrSessionKind(trimmed);
  if (kind === 'unknown') oddity(ctx, 'session type not documented, watched as it is', { word: trimmed });
  return kind === 'unknown' || kind === 'skipped' ? trimmed : VBR_KINDS[kind].label;
}

/**
 * Whether Backwatch watches a session as parsed here: not one of a documented kind that protects
 * no data (a restore, a rescan...). Servers that cannot filter by several types list those too.
 */
export const isWatchedVbrSession = (s: Session): boolean => vbrSessionKind(s.type ?? '') !== 'skipped';

/** One session → Session, or null when it has no id. */
export function parseVbrSession(raw: unknown, ctx: VbrParseContext): Session | null {
  const r = asRecord(raw);
  const id = readString(r?.['id']);
  if (!r || !id) return null;
  const zone = ctx.zone ?? newVbrZone();
  const state = readString(r['state'])?.trim() ?? '';
  const result = resultOf(r);
  const status = mapVbrStatus({ state, result: result.word, isCanceled: result.isCanceled });
  const vendorStatus = state.toLowerCase() === 'stopped' && result.word ? result.word : state;
  if (status === 'unknown') oddity(ctx, 'session state or result not mapped, kept as unknown', { state, result: result.word });
  const jobId = readString(r['jobId']) ?? readString(r['activityId']) ?? '';
  const start = parseVbrTime(r['creationTime'], zone);
  const endTime = parseVbrTime(r['endTime'], zone);
  const end = isActiveStatus(status) ? null : endTime;
  const percent = readNumber(r['progressPercent']);
  return {
    id,
    applianceId: ctx.applianceId,
    vendor: 'vbr',
    jobId,
    jobName: readString(r['name'])?.trim() || (jobId ? `Job ${jobId}` : 'Unnamed job'),
    type: sessionTypeOf(readString(r['sessionType']), ctx),
    status,
    vendorStatus,
    start,
    end,
    durationMs: start && end ? Math.max(0, Date.parse(end) - Date.parse(start)) : null,
    progress: percent === null ? NO_PROGRESS : { percent: Math.min(100, Math.max(0, percent)), completed: null, total: null, unit: null },
    message: result.message ?? (needsVbrAttention(state) ? NEEDS_ATTENTION : null),
    logLink: sessionLogPath(id),
  };
}

/** `GET /api/v1/jobs/states` → jobs with their latest session ids. */
export function parseVbrJobStates(body: unknown, ctx: VbrParseContext): VbrPage<VbrJobState> {
  const c = withZone(ctx);
  return parseVbrPage(body, 'job', (raw) => parseVbrJobState(raw, c), c);
}

function parseVbrJobState(raw: unknown, ctx: VbrParseContext): VbrJobState | null {
  const r = asRecord(raw);
  const id = readString(r?.['id']);
  if (!r || !id) return null;
  const status = readString(r['status']) ?? '';
  const job: Job = {
    id,
    applianceId: ctx.applianceId,
    name: readString(r['name'])?.trim() || `Job ${id}`,
    type: vbrJobTypeOf(readString(r['type'])),
    nextRun: parseVbrTime(r['nextRun'], ctx.zone),
    lastRun: parseVbrTime(r['lastRun'], ctx.zone),
    enabled: !isVbrJobDisabled(status),
  };
  return { job, lastSessionId: readString(r['sessionId']) };
}

/** `GET /api/v1/sessions/{id}/logs` → `{totalRecords, records}`: entries and the record count. */
export function parseVbrSessionLog(
  body: unknown,
  ctx: VbrParseContext,
): { entries: JobLogEntry[]; received: number; total: number | null } {
  const c = withZone(ctx);
  const r = asRecord(body);
  const total = readNumber(r?.['totalRecords']);
  return { ...toEntries(parseList(readArray(r?.['records']), 'log record', (raw) => parseLogRecord(raw, c), c)), total };
}

const toEntries = (list: { items: JobLogEntry[]; received: number }) => ({ entries: list.items, received: list.received });

function parseLogRecord(raw: unknown, ctx: VbrParseContext): JobLogEntry | null {
  const r = asRecord(raw);
  const title = readString(r?.['title'])?.trim();
  if (!r || !title) return null;
  const word = readString(r['status']) ?? 'None';
  const level = mapVbrLogLevel(word);
  if (!level) oddity(ctx, 'log record status not mapped, shown as info', { word });
  const description = readString(r['description'])?.trim();
  return {
    time: parseVbrTime(r['startTime'], ctx.zone) ?? parseVbrTime(r['updateTime'], ctx.zone),
    level: level ?? 'info',
    message: description && description !== title ? `${title}: ${description}` : title,
  };
}

/** `GET /api/v1/sessions/{id}/taskSessions` → per-VM progress. */
export function parseVbrTaskSessions(body: unknown, ctx: VbrParseContext): VbrPage<ResourceProgress> {
  const c = withZone(ctx);
  return parseVbrPage(body, 'task session', (raw) => parseTaskSession(raw, c), c);
}

function parseTaskSession(raw: unknown, ctx: VbrParseContext): ResourceProgress | null {
  const r = asRecord(raw);
  const name = readString(r?.['name'])?.trim();
  if (!r || !name) return null;
  const state = readString(r['state'])?.trim() ?? '';
  const result = resultOf(r);
  const status = mapVbrStatus({ state, result: result.word, isCanceled: result.isCanceled });
  if (status === 'unknown') oddity(ctx, 'task session state or result not mapped, kept as unknown', { state, result: result.word });
  const progress = asRecord(r['progress']);
  const percent = readNumber(progress?.['progressPercent'] ?? r['progressPercent']);
  const transferred = progress?.['transferredSize'];
  return {
    resourceName: name,
    type: readString(r['type']),
    status,
    vendorStatus: state.toLowerCase() === 'stopped' && result.word ? result.word : state,
    percent: percent === null ? null : Math.min(100, Math.max(0, percent)),
    transferredText: typeof transferred === 'number' ? formatBytes(transferred) : readString(transferred),
    throughputBytesPS: readVbrQuantity(progress?.['processingRate']),
    elapsedSec: readVbrDurationSec(progress?.['duration']),
    ...(result.message ? { message: result.message } : {}),
  };
}
