/**
 * Sessions and jobs as rows of the history database, and back. Writing keeps every field so that a
 * row rebuilds exactly the object stored; reading trusts nothing (another Backwatch version, or a
 * person with the sqlite3 shell, may have written the row): a junk value reads as its default.
 */
import { SESSION_STATUSES, type Job, type Session, type SessionStatus } from '../../common/model.js';
import { toMs } from '../../common/time.js';
import { isVendor } from '../../common/vendors/index.js';

export type Row = Readonly<Record<string, unknown>>;

/** The session columns a write sets, in table order (`updated_at` aside: it says when, not what). */
export const SESSION_COLUMNS = [
  'appliance_id',
  'id',
  'job_id',
  'job_name',
  'vendor',
  'type',
  'status',
  'vendor_status',
  'start_ms',
  'end_ms',
  'start_text',
  'end_text',
  'duration_ms',
  'bytes',
  'message',
  'progress_percent',
  'progress_completed',
  'progress_total',
  'progress_unit',
  'log_link',
  'details',
] as const;

export const JOB_COLUMNS = ['appliance_id', 'id', 'name', 'type', 'next_run', 'last_run', 'enabled', 'position'] as const;

type SessionColumn = (typeof SESSION_COLUMNS)[number];
type JobColumn = (typeof JOB_COLUMNS)[number];

const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null);
const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);

function isoOf(ms: number | null): string | null {
  if (ms === null) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * An ISO time as epoch ms (indexed, sorted, pruned by) plus, only when that would not give back
 * the very text (unreadable, or not in `toISOString` form), the text itself.
 */
function splitTime(iso: string | null): { ms: number | null; text: string | null } {
  const ms = toMs(iso);
  return { ms, text: iso !== null && isoOf(ms) !== iso ? iso : null };
}

export function sessionToRow(applianceId: string, s: Session): Record<SessionColumn, unknown> {
  const start = splitTime(s.start);
  const end = splitTime(s.end);
  return {
    appliance_id: applianceId,
    id: s.id,
    job_id: s.jobId,
    job_name: s.jobName,
    vendor: s.vendor,
    type: s.type,
    status: s.status,
    vendor_status: s.vendorStatus,
    start_ms: start.ms,
    end_ms: end.ms,
    start_text: start.text,
    end_text: end.text,
    duration_ms: s.durationMs,
    bytes: finite(s.transferredBytes),
    message: s.message,
    progress_percent: s.progress.percent,
    progress_completed: s.progress.completed,
    progress_total: s.progress.total,
    progress_unit: s.progress.unit,
    log_link: s.logLink,
    details: s.details === undefined ? null : JSON.stringify(s.details),
  };
}

const readStatus = (v: unknown): SessionStatus => ((SESSION_STATUSES as readonly unknown[]).includes(v) ? (v as SessionStatus) : 'unknown');

/** The session a row holds; null for a vendor this build does not know (nothing could show it). */
export function rowToSession(row: Row): Session | null {
  if (!isVendor(row.vendor)) return null;
  // Kept as the opaque record it is: its vendor's descriptor reads it field by field.
  const details = readJsonObject(row.details) ?? undefined;
  const bytes = finite(row.bytes);
  return {
    id: text(row.id) ?? '',
    applianceId: text(row.appliance_id) ?? '',
    vendor: row.vendor,
    jobId: text(row.job_id) ?? '',
    jobName: text(row.job_name) ?? '',
    type: text(row.type),
    status: readStatus(row.status),
    vendorStatus: text(row.vendor_status) ?? '',
    start: text(row.start_text) ?? isoOf(finite(row.start_ms)),
    end: text(row.end_text) ?? isoOf(finite(row.end_ms)),
    durationMs: finite(row.duration_ms),
    progress: {
      percent: finite(row.progress_percent),
      completed: finite(row.progress_completed),
      total: finite(row.progress_total),
      unit: text(row.progress_unit),
    },
    message: text(row.message),
    logLink: text(row.log_link),
    ...(bytes === null || bytes < 0 ? {} : { transferredBytes: bytes }),
    ...(details === undefined ? {} : { details }),
  };
}

export function rowsToSessions(rows: readonly Row[]): Session[] {
  return rows.flatMap((row) => rowToSession(row) ?? []);
}

export function jobToRow(applianceId: string, job: Job, position: number): Record<JobColumn, unknown> {
  return {
    appliance_id: applianceId,
    id: job.id,
    name: job.name,
    type: job.type,
    next_run: job.nextRun,
    last_run: job.lastRun,
    enabled: job.enabled ? 1 : 0,
    position,
  };
}

export function rowToJob(row: Row): Job {
  return {
    id: text(row.id) ?? '',
    applianceId: text(row.appliance_id) ?? '',
    name: text(row.name) ?? '',
    type: text(row.type),
    nextRun: text(row.next_run),
    lastRun: text(row.last_run),
    enabled: row.enabled !== 0,
  };
}

/** A JSON object stored as text, or null when the text is anything else. */
export function readJsonObject(v: unknown): Record<string, unknown> | null {
  if (typeof v !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const readCount = (v: unknown): number => Math.max(0, Math.trunc(finite(v) ?? 0));
