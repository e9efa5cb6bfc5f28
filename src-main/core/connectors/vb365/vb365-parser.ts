/**
 * Pure parsing of Veeam Backup for Microsoft 365 answers (v5..v8) into the domain model. No I/O.
 *
 * Version differences stay here: bare-array vs paged lists, `title` vs `type`+`message` log items,
 * numbers sent as text ("99.1 KB/s"). An element that cannot be read is skipped and the oddity
 * logged once (through `onceLogger`); only a body of the wrong overall shape throws `malformed`.
 */
import type { Job, JobLogEntry, Progress, Session } from '../../../common/model.js';
import { readVb365Fields, type Vb365Details } from '../../../common/vendors/vb365/vb365-details.js';
import { NO_PROGRESS, isActiveStatus } from '../../../common/model.js';
import { ConnectorError } from '../../http/errors.js';
import type { Logger } from '../../logger.js';
import type { OAuthToken } from '../oauth-token.js';
import { parseOAuthToken } from '../oauth-token.js';
import type { JsonRecord } from '../../../common/read-fields.js';
import { asRecord, readArray, readBoolean, readCount, readNumber, readString, transferred } from '../../../common/read-fields.js';
import { mapVb365LogLevel, mapVb365Status } from './vb365-status.js';

export interface Vb365ParseContext {
  readonly applianceId: string;
  /** Receives one warning per kind of oddity (use `onceLogger`). */
  readonly log: Logger;
  /** Job names by id: VB365 sessions carry only the job's id. */
  readonly jobName?: (jobId: string) => string | undefined;
}

/** One list answer, bare array (v5–v7 jobs) or `{offset, limit, results, _links}` envelope. */
export interface Vb365Page<T> {
  readonly items: T[];
  /** Elements the server sent, readable or not. */
  readonly received: number;
  /** `_links.next.href`, absolute or relative, as sent. */
  readonly nextHref: string | null;
}

const DEFAULT_TOKEN_LIFETIME_SEC = 3600;

const oddity = (ctx: Vb365ParseContext, kind: string, fields?: Record<string, unknown>): void => ctx.log.warn(`VB365: ${kind}`, fields);

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A VB365 timestamp (`2020-12-13T22:00:00.5852401Z`, `2021-03-01T08:15:00.1234567-07:00`) → ISO
 * UTC with milliseconds. Parsed by hand: `Date.parse` of 7-digit fractions and zone-less text is
 * implementation-defined. Fractions are truncated to ms; a missing zone means UTC, as documented;
 * .NET's `0001-01-01T00:00:00` (unset) is null.
 */
export function parseVb365Time(v: unknown): string | null {
  const text = readString(v)?.trim();
  const m = text ? ISO_TIME.exec(text) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone = 'Z'] = m;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // Date.UTC rolls 2021-02-30 over to March: refuse instead of inventing a date.
  if (Number.isNaN(utc) || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  // .NET writes DateTime.MinValue (0001-01-01) for "not set".
  if (Number(y) < 1970) return null;
  return new Date(utc - zoneOffsetMs(zone)).toISOString();
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
}

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-z]*)\s*(?:\/\s*s(?:ec)?)?$/i;
const UNIT_POWER: Readonly<Record<string, number>> = {
  '': 0,
  b: 0,
  byte: 0,
  bytes: 0,
  item: 0,
  items: 0,
  kb: 1,
  mb: 2,
  gb: 3,
  tb: 4,
  pb: 5,
};

/**
 * A number, numeric text, or text with a unit as old versions sent (`"99.1 KB/s"`, `"60.6 MB"`,
 * `"9 items/s"`) → bytes (binary units, as the VB365 console counts) or a plain count.
 */
export function readVb365Quantity(v: unknown): number | null {
  const plain = readCount(v);
  if (plain !== null || typeof v !== 'string') return plain;
  const m = QUANTITY.exec(v.trim());
  const power = m ? UNIT_POWER[(m[2] ?? '').toLowerCase()] : undefined;
  return m && power !== undefined ? readCount(Math.round(Number(m[1]) * 1024 ** power)) : null;
}

/** `POST /vN/Token` answer → the token; `nowMs` dates `expires_in`. */
export function parseVb365Token(body: unknown, nowMs: number): OAuthToken {
  return parseOAuthToken(body, nowMs, 'VB365', DEFAULT_TOKEN_LIFETIME_SEC);
}

/** A bare list or a page of `results`, each element read by `parseItem` (null: unreadable, left out). */
export function parseVb365List<T>(
  body: unknown,
  what: string,
  parseItem: (raw: unknown) => T | null,
  ctx: Vb365ParseContext,
): Vb365Page<T> {
  const envelope = asRecord(body);
  const list = readArray(body) ?? readArray(envelope?.['results']);
  if (!list) throw new ConnectorError('malformed', `VB365 ${what} answer is neither a list nor a page of "results"`);
  const items: T[] = [];
  for (const raw of list) {
    const item = parseItem(raw);
    if (item) items.push(item);
  }
  if (items.length < list.length) oddity(ctx, `skipped unreadable ${what} entries`);
  return { items, received: list.length, nextHref: linkOf(envelope, 'next') };
}

const linkOf = (r: JsonRecord | null, name: string): string | null => readString(asRecord(asRecord(r?.['_links'])?.[name])?.['href']);

/** `GET /vN/Jobs` (bare array v5–v7, paged v8) → jobs. */
export function parseVb365Jobs(body: unknown, ctx: Vb365ParseContext): Vb365Page<Job> {
  return parseVb365List(body, 'job', (raw) => parseVb365Job(raw, ctx), ctx);
}

/** One job → Job, or null when it has no id. */
export function parseVb365Job(raw: unknown, ctx: Vb365ParseContext): Job | null {
  const r = asRecord(raw);
  const id = readString(r?.['id']);
  if (!r || !id) return null;
  return {
    id,
    applianceId: ctx.applianceId,
    name: readString(r['name']) ?? `Job ${id}`,
    type: readString(r['jobType']) ?? readString(r['type']) ?? 'backup',
    nextRun: parseVb365Time(r['nextRun']),
    lastRun: parseVb365Time(r['lastRun']),
    enabled: readBoolean(r['isEnabled']) ?? true,
  };
}

/** `GET /vN/JobSessions` or `/vN/Jobs/{id}/JobSessions` → sessions. */
export function parseVb365SessionPage(body: unknown, ctx: Vb365ParseContext): Vb365Page<Session> {
  return parseVb365List(body, 'job session', (raw) => parseVb365Session(raw, ctx), ctx);
}

/** `GET /vN/JobSessions/{id}` → one session. */
export function parseVb365SingleSession(body: unknown, ctx: Vb365ParseContext): Session {
  const session = parseVb365Session(body, ctx);
  if (!session) throw new ConnectorError('malformed', 'VB365 job session answer is not a job session');
  return session;
}

/** `%41` → `A`; text that is not valid percent-encoding (a bare `%`) stays as it is. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The job id: `jobId` (v7+), else the last segment of `_links.job.href` (v5, v6). */
function jobIdOf(r: JsonRecord): string {
  const href = linkOf(r, 'job');
  const fromLink = href
    ? decodedSegment(
        href
          .replace(/[?#].*$/, '')
          .split('/')
          .pop() ?? '',
      )
    : '';
  return readString(r['jobId']) ?? fromLink;
}

/** One job session → Session, or null when it has no id. */
export function parseVb365Session(raw: unknown, ctx: Vb365ParseContext): Session | null {
  const r = asRecord(raw);
  const id = readString(r?.['id']);
  if (!r || !id) return null;
  const vendorStatus = readString(r['status']) ?? '';
  const status = mapVb365Status(vendorStatus);
  if (status === 'unknown') oddity(ctx, 'job session status word not mapped, kept as unknown', { word: vendorStatus });
  const jobId = jobIdOf(r);
  const start = parseVb365Time(r['creationTime']);
  const end = isActiveStatus(status) ? null : parseVb365Time(r['endTime']);
  return {
    id,
    applianceId: ctx.applianceId,
    vendor: 'vb365',
    jobId,
    jobName: readString(r['jobName']) ?? ctx.jobName?.(jobId) ?? (jobId ? `Job ${jobId}` : 'Unnamed job'),
    type: 'backup',
    status,
    vendorStatus,
    start,
    end,
    durationMs: start && end ? Date.parse(end) - Date.parse(start) : null,
    progress: objectProgress(r['progress']),
    message: readString(r['details'])?.trim() || null,
    logLink: linkOf(r, 'log'),
    ...transferred(readVb365Quantity(asRecord(r['statistics'])?.['transferredDataBytes'])),
    details: sessionDetails(r),
  };
}

/** `progress` counts processed objects: no percent, as VB365 gives no total. */
function objectProgress(v: unknown): Progress {
  const completed = readNumber(v);
  return completed === null || completed < 0 ? NO_PROGRESS : { percent: null, completed, total: null, unit: 'objects' };
}

function sessionDetails(r: JsonRecord): Vb365Details {
  return readVb365Fields(r, { retryCount: 'retryCount', willBeRetried: 'jobWillBeRetried' }, readVb365Quantity);
}

/** `GET /vN/JobSessions/{id}/LogItems` → log entries (`title` v5–v7, `type`+`message` v8). */
export function parseVb365LogItems(body: unknown, ctx: Vb365ParseContext): Vb365Page<JobLogEntry> {
  return parseVb365List(body, 'log item', (raw) => parseLogItem(raw, ctx), ctx);
}

const BRACKETED = /^\s*\[([^\]]*)\]\s*(.*)$/s;

function parseLogItem(raw: unknown, ctx: Vb365ParseContext): JobLogEntry | null {
  const r = asRecord(raw);
  if (!r) return null;
  const title = readString(r['title']);
  const bracket = title ? BRACKETED.exec(title) : null;
  const word = readString(r['type']) ?? bracket?.[1] ?? 'Info';
  const message = readString(r['message']) ?? (bracket ? bracket[2] : title);
  if (message === null || message === undefined) return null;
  const level = mapVb365LogLevel(word);
  if (!level) oddity(ctx, 'log item type not mapped, shown as info', { word });
  return { time: parseVb365Time(r['creationTime']), level: level ?? 'info', message };
}
