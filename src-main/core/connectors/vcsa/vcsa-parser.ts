/**
 * Pure parsing of vCenter Server Appliance backup answers into the domain model. No I/O.
 *
 * Two API styles: `/rest` wraps every answer in `{"value": ...}` and writes maps as
 * `[{key, value}]`; `/api` answers bare values and writes maps as objects keyed by id. Maps are
 * read in either spelling whatever the style, since versions have been seen to mix them.
 * An element that cannot be read is skipped and logged once (`onceLogger`); an odd field becomes
 * null or `unknown`. Only a body of the wrong overall shape throws (`malformed`).
 */
import type { JobLogEntry, LogLevel, Progress, Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import { ConnectorError } from '../../http/errors.js';
import type { Logger } from '../../logger.js';
import type { JsonRecord } from '../../../common/read-fields.js';
import { asRecord, readArray, readCount, readEpochIso, readNumber, readString, transferred } from '../../../common/read-fields.js';
import type { VcsaDetails } from '../../../common/vendors/vcsa/vcsa-details.js';
import type { VcsaApiStyle } from '../../../common/vendors/vcsa/vcsa-options.js';
import { isKnownVcsaWord, mapVcsaStatus } from './vcsa-status.js';

/** The appliance's one backup "job": every backup run of the appliance is a session of it. */
export const VCSA_JOB_ID = 'vcsa-backup';
export const VCSA_JOB_NAME = 'vCenter backup';
/** The synthetic job's type word, which the vendor descriptor says in Backwatch's words. */
export const VCSA_JOB_TYPE = 'appliance-backup';

export interface VcsaParseContext {
  readonly applianceId: string;
  /** Receives one warning per kind of oddity (use `onceLogger`). */
  readonly log: Logger;
}

export const oddity = (ctx: VcsaParseContext, kind: string, fields?: Record<string, unknown>): void =>
  ctx.log.warn(`vCenter: ${kind}`, fields);

/** The payload of an answer: `/rest` unwraps `value`, `/api` is bare. */
export function unwrapValue(body: unknown, style: VcsaApiStyle): unknown {
  if (style === 'api') return body;
  const record = asRecord(body);
  if (!record || !Object.hasOwn(record, 'value')) throw new ConnectorError('malformed', 'vCenter /rest answer is not wrapped in "value"');
  return record['value'];
}

/** `[{key, value}]` or `{id: value}` → entries; null for any other shape. */
export function readMapEntries(v: unknown): [string, unknown][] | null {
  const list = readArray(v);
  if (list) {
    return list.flatMap((raw): [string, unknown][] => {
      const entry = asRecord(raw);
      const key = readString(entry?.['key']);
      return entry && key !== null ? [[key, entry['value']]] : [];
    });
  }
  const record = asRecord(v);
  return record ? Object.entries(record) : null;
}

/** Login answer: `/api` 201 with a bare JSON string, `/rest` `{"value": token}`. */
export function parseSessionToken(body: unknown, style: VcsaApiStyle): string {
  const token = readString(unwrapValue(body, style));
  if (!token) throw new ConnectorError('malformed', `vCenter /${style} login answer holds no session token`);
  return token;
}

/** `.../appliance/recovery/backup/job` → backup job ids. */
export function parseJobIds(body: unknown, style: VcsaApiStyle, ctx: VcsaParseContext): string[] {
  const list = readArray(unwrapValue(body, style));
  if (!list) throw new ConnectorError('malformed', 'vCenter backup job list is not a list');
  return list.flatMap((raw) => {
    const id = readString(raw);
    if (id === null) oddity(ctx, 'skipped a backup job id that is not text');
    return id === null ? [] : [id];
  });
}

/** `.../appliance/recovery/backup/job/details` → one session per backup job. */
export function parseJobDetails(body: unknown, style: VcsaApiStyle, ctx: VcsaParseContext): Session[] {
  return detailsEntries(body, style).flatMap(([id, raw]) => {
    const session = parseDetailsEntry(id, raw, ctx);
    return session ? [session] : [];
  });
}

function detailsEntries(body: unknown, style: VcsaApiStyle): [string, unknown][] {
  const entries = readMapEntries(unwrapValue(body, style));
  if (!entries) throw new ConnectorError('malformed', 'vCenter backup job details are not a map');
  return entries;
}

/** One backup job's details (`status`, `progress{total, completed, message}`, ...) → Session. */
export function parseDetailsEntry(id: string, raw: unknown, ctx: VcsaParseContext): Session | null {
  const r = asRecord(raw);
  if (!r) {
    oddity(ctx, 'skipped backup job details that are not an object', { id });
    return null;
  }
  return toSession(id, r, readString(r['status']) ?? '', detailsProgress(r['progress']), ctx);
}

/** `.../backup/job/{id}` (`state` INPROGRESS/NONE/..., `progress` as a percent) → Session. */
export function parseJobStatus(id: string, body: unknown, style: VcsaApiStyle, ctx: VcsaParseContext): Session | null {
  const r = asRecord(unwrapValue(body, style));
  if (!r) {
    oddity(ctx, 'skipped a backup job status that is not an object', { id });
    return null;
  }
  const percent = clampPercent(readNumber(r['progress']));
  return toSession(readString(r['id']) ?? id, r, readString(r['state']) ?? '', { percent, completed: null, total: null, unit: null }, ctx);
}

function toSession(id: string, r: JsonRecord, vendorStatus: string, progress: Progress, ctx: VcsaParseContext): Session {
  const status = mapVcsaStatus(vendorStatus);
  if (!isKnownVcsaWord(vendorStatus)) oddity(ctx, 'unknown backup job status word, kept as unknown', { word: vendorStatus });
  const start = readVcsaTime(r['start_time']);
  const end = isActiveStatus(status) ? null : readVcsaTime(r['end_time']);
  const messages = messageTexts(r['messages']);
  const progressMessage = isActiveStatus(status) ? localizableText(asRecord(r['progress'])?.['message']) : null;
  // The error says why a backup failed; the job's messages speak when there is no error.
  const errors = unique(errorMessages(r['error']));
  const said = errors.length > 0 ? errors : unique(messages);
  return {
    id,
    applianceId: ctx.applianceId,
    vendor: 'vcsa',
    jobId: VCSA_JOB_ID,
    jobName: VCSA_JOB_NAME,
    type: readString(r['type']),
    status,
    vendorStatus,
    start,
    end,
    durationMs: durationMs(r['duration'], start, end),
    progress,
    message: said.length > 1 ? said.map(sentence).join(' ') : (said[0] ?? progressMessage),
    logLink: null,
    ...transferred(readCount(r['size'])),
    details: {
      sizeBytes: readCount(r['size']),
      location: readString(r['location']),
      messages,
      user: readString(r['user']),
    } satisfies VcsaDetails,
  };
}

/** ISO text with or without fractions; text without a zone is appliance time, which is UTC. */
export function readVcsaTime(v: unknown): string | null {
  const text = typeof v === 'string' ? v.trim() : null;
  if (text && /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(text)) return readEpochIso(`${text}Z`);
  return readEpochIso(v);
}

const MAX_DURATION_SEC = 10 * 365 * 86_400;

/** `duration` is seconds (elapsed so far while running); without it, end − start. */
function durationMs(v: unknown, start: string | null, end: string | null): number | null {
  const seconds = readNumber(v);
  // A duration beyond any real backup (overflowing to Infinity included) is noise: fall back to the times.
  if (seconds !== null && seconds >= 0 && seconds < MAX_DURATION_SEC) return Math.round(seconds * 1000);
  return start && end ? Date.parse(end) - Date.parse(start) : null;
}

function detailsProgress(v: unknown): Progress {
  const p = asRecord(v);
  const completed = readNumber(p?.['completed']);
  const total = readNumber(p?.['total']);
  const percent = completed !== null && total !== null && total > 0 ? clampPercent(Math.round((completed / total) * 100)) : null;
  return { percent, completed, total, unit: null };
}

function clampPercent(n: number | null): number | null {
  return n === null ? null : Math.min(100, Math.max(0, n));
}

/** A `localizable_message` (`default_message`, else its `id`) or plain text. */
function localizableText(v: unknown): string | null {
  const r = asRecord(v);
  return r ? (readString(r['default_message']) ?? readString(r['id'])) : readString(v);
}

function messageTexts(v: unknown): string[] {
  return (readArray(v) ?? []).flatMap((m) => {
    const text = localizableText(m);
    return text === null ? [] : [text];
  });
}

/**
 * Every `default_message` of an error in any of its shapes: `/rest` `{type, value:{messages}}`,
 * `/api` `{error_type, messages}`, a bare message list, one message, or text.
 */
function errorMessages(v: unknown, depth = 0): string[] {
  if (depth > 4) return [];
  const list = readArray(v);
  if (list) return list.flatMap((x) => errorMessages(x, depth + 1));
  const r = asRecord(v);
  if (!r) return typeof v === 'string' && v.trim() !== '' ? [v.trim()] : [];
  const own = readString(r['default_message']);
  if (own) return [own];
  return [...errorMessages(r['messages'], depth + 1), ...errorMessages(r['value'], depth + 1)];
}

/** The messages of an error body (either style), for the admin. */
export function parseErrorMessages(body: unknown): string[] {
  return unique(errorMessages(body));
}

const unique = (texts: readonly string[]): string[] => [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];

/** Several messages read as one text only when each ends like a sentence. */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** `.../job/details` filtered to one id → that job's messages and error as log entries. */
export function parseJobLog(body: unknown, style: VcsaApiStyle, id: string, ctx: VcsaParseContext): JobLogEntry[] {
  const r = asRecord(detailsEntries(body, style).find(([key]) => key === id)?.[1]);
  if (!r) return [];
  const start = readVcsaTime(r['start_time']);
  const end = readVcsaTime(r['end_time']);
  const entries = (readArray(r['messages']) ?? []).flatMap((m): JobLogEntry[] => {
    const message = localizableText(m);
    return message === null ? [] : [{ time: start, level: levelOf(readString(asRecord(m)?.['id'])), message }];
  });
  const errors = errorMessages(r['error']).map((message): JobLogEntry => ({ time: end, level: 'error', message }));
  if (entries.length === 0 && errors.length === 0) oddity(ctx, 'a backup job has no messages for its log', { id });
  return [...entries, ...errors];
}

/** Message ids read like `com.vmware.applmgmt.backup.job.failed` / `...warning...`. */
function levelOf(messageId: string | null): LogLevel {
  if (messageId && /error|fail/i.test(messageId)) return 'error';
  if (messageId && /warn/i.test(messageId)) return 'warning';
  return 'info';
}
