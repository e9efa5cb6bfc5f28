/**
 * Pure parsing of SPP answers into the domain model. No I/O.
 *
 * An element that cannot be read (not an object, no id) is skipped and the oddity logged; an odd
 * field becomes null or `unknown`. Only a body of the wrong overall shape throws (`malformed`).
 * Log through `onceLogger` so each kind of oddity is logged once per connector, not per poll.
 */
import type { Job, JobLogEntry, Progress, ResourceProgress, Session } from '../../../common/model.js';
import { readSppTaskStatistics, type SppDetails, type SppTaskStatistic as TaskStatistic } from '../../../common/vendors/spp/spp-details.js';
import { isActiveStatus } from '../../../common/model.js';
import { ConnectorError } from '../../http/errors.js';
import type { Logger } from '../../logger.js';
import type { JsonRecord } from '../../../common/read-fields.js';
import { asRecord, readArray, readCount, readEpochIso, readNumber, readString } from '../../../common/read-fields.js';
import { mapSppLogLevel, mapSppStatus, mapSppSummaryStatus } from './spp-status.js';

export interface SppParseContext {
  readonly applianceId: string;
  /** Receives one warning per kind of oddity (use `onceLogger`). */
  readonly log: Logger;
}

/** One page of a paged SPP list: what was read, plus what paging needs. */
export interface SppPage<T> {
  readonly items: T[];
  /** Elements the server sent, readable or not: page on this, never on `total` alone (defect). */
  readonly received: number;
  /** The server's `total`; may be 0 while items came back. */
  readonly total: number | null;
  readonly nextHref: string | null;
}

const oddity = (ctx: SppParseContext, kind: string, fields?: Record<string, unknown>): void => ctx.log.warn(`SPP: ${kind}`, fields);

/** Reads `{ sessionid, user }` from the login answer. */
export function parseLogin(body: unknown): string {
  const token = readString(asRecord(body)?.['sessionid']);
  if (!token) throw new ConnectorError('malformed', 'SPP login answer has no "sessionid"');
  return token;
}

/** `GET /api/endeavour/jobsession` → sessions. */
export function parseSessionPage(body: unknown, ctx: SppParseContext): SppPage<Session> {
  return parseSppPage(body, 'sessions', 'job session', parseSession, ctx);
}

/** `GET /api/endeavour/jobsession/{id}` → one session. */
export function parseSingleSession(body: unknown, ctx: SppParseContext): Session {
  const session = parseSession(body, ctx);
  if (!session) throw new ConnectorError('malformed', 'SPP job session answer is not a job session');
  return session;
}

/** `GET /api/endeavour/job` → jobs. */
export function parseJobPage(body: unknown, ctx: SppParseContext): SppPage<Job> {
  return parseSppPage(body, 'jobs', 'job', parseJob, ctx);
}

/** `GET /api/progress` → one entry per protected resource. */
export function parseProgressPage(body: unknown, ctx: SppParseContext): SppPage<ResourceProgress> {
  return parseSppPage(body, 'summaries', 'progress summary', (raw) => parseResourceProgress(raw, ctx), ctx);
}

/** `GET /api/endeavour/log/job` → log entries. */
export function parseJobLogPage(body: unknown, ctx: SppParseContext): SppPage<JobLogEntry> {
  return parseSppPage(body, 'logs', 'log entry', (raw) => parseLogEntry(raw, ctx), ctx);
}

/** A page of `key` (a list under that name), each element read by `parseItem` (null: unreadable, left out). */
export function parseSppPage<T>(
  body: unknown,
  key: string,
  what: string,
  parseItem: (raw: JsonRecord, ctx: SppParseContext) => T | null,
  ctx: SppParseContext,
): SppPage<T> {
  const record = asRecord(body);
  const list = readArray(record?.[key]);
  if (!record || !list) throw new ConnectorError('malformed', `SPP answer has no "${key}" list`);
  const items: T[] = [];
  for (const raw of list) {
    const element = asRecord(raw);
    const item = element ? parseItem(element, ctx) : null;
    if (item) items.push(item);
    else if (!element) oddity(ctx, `skipped a ${what} that is not an object`);
  }
  const links = asRecord(record['links']);
  return {
    items,
    received: list.length,
    total: readCount(record['total']),
    nextHref: readString(asRecord(links?.['nextPage'])?.['href']),
  };
}

/** One job session object → Session, or null (logged) when it has no id. */
export function parseSession(raw: unknown, ctx: SppParseContext): Session | null {
  const r = asRecord(raw);
  const id = readString(r?.['id']);
  if (!r || !id) {
    oddity(ctx, 'skipped a job session without an id');
    return null;
  }
  const vendorStatus = readString(r['status']) ?? '';
  const status = mapSppStatus(vendorStatus);
  if (status === 'unknown') oddity(ctx, 'unknown job session status word, kept as unknown', { word: vendorStatus });
  const jobId = readString(r['jobId']) ?? '';
  const start = readEpochIso(r['start']);
  const end = isActiveStatus(status) ? null : readEpochIso(r['end']);
  const taskStatistics = readTaskStatistics(r);
  const links = asRecord(r['links']);
  const details: SppDetails | undefined = taskStatistics.length > 0 ? { taskStatistics } : undefined;
  return {
    id,
    applianceId: ctx.applianceId,
    vendor: 'spp',
    jobId,
    jobName: readString(r['jobName']) ?? (jobId ? `Job ${jobId}` : 'Unnamed job'),
    type: readString(r['type']),
    status,
    vendorStatus,
    start,
    end,
    durationMs: end ? readDuration(r['duration'], start, end) : null,
    progress: sessionProgress(r, status, taskStatistics),
    message: failureMessage(taskStatistics),
    logLink: readString(asRecord(links?.['log'])?.['href']),
    ...(details ? { details } : {}),
  };
}

function readDuration(v: unknown, start: string | null, end: string): number | null {
  const given = readNumber(v);
  if (given !== null && given >= 0) return given;
  return start ? Date.parse(end) - Date.parse(start) : null;
}

/** `properties.statistics[]` (documented) or a top-level `statistics[]` (seen null in the seed). */
function readTaskStatistics(r: JsonRecord): TaskStatistic[] {
  return readSppTaskStatistics(readArray(asRecord(r['properties'])?.['statistics']) ?? r['statistics']);
}

/** A percent only while active (the seed shows `percent: 0` on finished sessions); counts from statistics. */
function sessionProgress(r: JsonRecord, status: Session['status'], stats: readonly TaskStatistic[]): Progress {
  const percent = isActiveStatus(status) ? clampPercent(readNumber(r['percent'])) : null;
  const total = sumOf(stats, 'total');
  const done = [sumOf(stats, 'success'), sumOf(stats, 'failed'), sumOf(stats, 'skipped')];
  const completed = done.every((n) => n === null) ? null : done.reduce<number>((a, n) => a + (n ?? 0), 0);
  return { percent, completed, total, unit: stats.length > 0 ? 'resources' : null };
}

function sumOf(stats: readonly TaskStatistic[], key: 'total' | 'success' | 'failed' | 'skipped'): number | null {
  const values = stats.map((s) => s[key]).filter((n): n is number => n !== null);
  return values.length === 0 ? null : values.reduce((a, n) => a + n, 0);
}

function clampPercent(n: number | null): number | null {
  return n === null ? null : Math.min(100, Math.max(0, n));
}

function failureMessage(stats: readonly TaskStatistic[]): string | null {
  const failed = stats.filter((s) => (s.failed ?? 0) > 0);
  if (failed.length === 0) return null;
  return failed.map((s) => `${s.failed} of ${s.total ?? '?'} ${s.resourceType} failed`).join(', ');
}

/** One job object (`/api/endeavour/job`) → Job, or null (logged) when it has no id. */
export function parseJob(raw: unknown, ctx: SppParseContext): Job | null {
  const r = asRecord(raw);
  const id = readString(r?.['id']);
  if (!r || !id) {
    oddity(ctx, 'skipped a job without an id');
    return null;
  }
  const status = (readString(r['status']) ?? '').toUpperCase();
  return {
    id,
    applianceId: ctx.applianceId,
    name: readString(r['name']) ?? readString(r['policyName']) ?? `Job ${id}`,
    type: readString(r['type']),
    nextRun: readEpochIso(r['nextFireTime']),
    lastRun: readEpochIso(r['lastRunTime']) ?? readEpochIso(asRecord(r['lastrun'])?.['start']),
    // A held job keeps its schedule but does not fire.
    enabled: status !== 'HELD' && status !== 'DISABLED',
  };
}

/** One `/api/progress` summary → ResourceProgress, or null (logged) when it names no resource. */
export function parseResourceProgress(raw: unknown, ctx: SppParseContext): ResourceProgress | null {
  const r = asRecord(raw);
  const name = readString(r?.['resourceName']) ?? readString(r?.['name']);
  if (!r || !name) {
    oddity(ctx, 'skipped a progress summary without a resource name');
    return null;
  }
  const vendorStatus = readString(r['summaryStatus']) ?? '';
  const status = mapSppSummaryStatus(vendorStatus);
  if (status === 'unknown') oddity(ctx, 'unknown progress summaryStatus word, kept as unknown', { word: vendorStatus });
  const message = readString(r['message'])?.trim();
  return {
    resourceName: name,
    type: readString(r['type']),
    status,
    vendorStatus,
    percent: clampPercent(readNumber(r['percentageCompleted'])),
    transferredText: readString(r['totalDataTransferred']),
    throughputBytesPS: readCount(r['throughput']),
    elapsedSec: readCount(r['elapsedTime']),
    ...(message ? { message } : {}),
  };
}

function parseLogEntry(r: JsonRecord, ctx: SppParseContext): JobLogEntry | null {
  const message = readString(r['message']);
  if (message === null) {
    oddity(ctx, 'skipped a log entry without a message');
    return null;
  }
  const word = readString(r['type']) ?? '';
  const level = mapSppLogLevel(word);
  if (!level) oddity(ctx, 'unknown log entry type, shown as info', { word });
  return { time: readEpochIso(r['logTime']), level: level ?? 'info', message };
}
