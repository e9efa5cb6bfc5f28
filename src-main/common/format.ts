/**
 * Human wording for durations, times, sizes and statuses, shared by the tray tooltip, the CLI
 * and the renderer so all three say the same thing. Pure: `now` is always passed in.
 */
import type { HealthState, SessionStatus } from './model.js';
import type { OverallStatus, ProtectionState } from './snapshot.js';
import { toMs } from './time.js';

/** Shown wherever a value is missing or not a sensible number. */
export const NO_VALUE = '—';

/** A job named with its appliance ("SQL Nightly — Dallas lab"): appliances often share job names. */
export function jobOnAppliance(jobName: string, applianceName: string): string {
  return `${jobName} — ${applianceName}`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A duration for an admin: "42 s", "12 min", "1 h 05 min", "2 d 03 h". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return NO_VALUE;
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${pad2(Math.floor((ms % HOUR) / MINUTE))} min`;
  return `${Math.floor(ms / DAY)} d ${pad2(Math.floor((ms % DAY) / HOUR))} h`;
}

/** A running duration to the second, as it ticks: "42 s", "12 min 05 s", "1 h 05 min 12 s"; a day or more as `formatDuration`. */
export function formatTickingDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < MINUTE || ms >= DAY) return formatDuration(ms);
  const seconds = `${pad2(Math.floor((ms % MINUTE) / SECOND))} s`;
  return ms < HOUR ? `${Math.floor(ms / MINUTE)} min ${seconds}` : `${formatDuration(ms)} ${seconds}`;
}

/** Coarse size of a time distance, for relative wording ("42 s", "12 min", "3 h", "2 d"). */
export function coarseDistance(ms: number): string {
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/** A time relative to `now`: "just now", "42 s ago", "12 min ago", "in 3 h"; "never" when absent. */
export function formatRelative(iso: string | null, now: number): string {
  const at = toMs(iso);
  if (at === null) return iso ? NO_VALUE : 'never';
  const diff = now - at;
  // Seconds count under a minute: a failure 50 s old is not "just now" (the window ticks every second).
  if (Math.abs(diff) < SECOND) return 'just now';
  return diff > 0 ? `${coarseDistance(diff)} ago` : `in ${coarseDistance(-diff)}`;
}

// One pattern for dates and times across the window, in the user's locale: "7 Dec 2026, 08:15".
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const DAY_MONTH = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** An exact date and time, the window's one pattern; a dash when absent or malformed. */
export function formatDateTime(iso: string | null): string {
  const at = toMs(iso);
  return at === null ? NO_VALUE : DATE_TIME.format(at);
}

/**
 * The labels of a time axis (ticks in epoch ms): the time of day, with the date on the first tick
 * and wherever a new day starts, so a week of runs reads as dates and an afternoon as times.
 */
export function timeAxisLabels(ticks: readonly number[]): string[] {
  const spansDays = ticks.length > 1 && ticks.at(-1)! - ticks[0]! >= 2 * DAY;
  return ticks.map((tick, i) => {
    const day = DAY_MONTH.format(tick);
    if (spansDays) return day;
    const newDay = i === 0 || DAY_MONTH.format(ticks[i - 1]!) !== day;
    return newDay ? `${day} ${TIME.format(tick)}` : TIME.format(tick);
  });
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A size in decimal units, as the appliances print them: "512 B", "37.6 GB". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return NO_VALUE;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** A transfer rate: "120.5 MB/s". */
export function formatRate(bytesPerSec: number | null): string {
  const size = formatBytes(bytesPerSec);
  return size === NO_VALUE ? NO_VALUE : `${size}/s`;
}

/** A count with thousands separators: "12,345". */
export function formatCount(count: number | null | undefined): string {
  return count === null || count === undefined || !Number.isFinite(count) ? NO_VALUE : count.toLocaleString('en-US');
}

/**
 * A count with its noun, which is given in the plural and said in the singular for one: "1 object",
 * "51 objects". The window's one way to say a count.
 */
export function countOf(count: number | null | undefined, plural: string): string {
  const noun = count === 1 ? plural.replace(/s$/, '') : plural;
  return `${formatCount(count)} ${noun}`;
}

/** Minutes since midnight as a 24 h clock: "07:05". */
export function formatClock(minutesOfDay: number): string {
  const m = ((Math.floor(minutesOfDay) % 1440) + 1440) % 1440;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** One word or two per session status, capitalised; lower-case them inside sentences. */
export const STATUS_LABELS: Readonly<Record<SessionStatus, string>> = {
  queued: 'Queued',
  paused: 'Paused',
  running: 'Running',
  succeeded: 'Succeeded',
  warning: 'Warning',
  failed: 'Failed',
  canceled: 'Canceled',
  unknown: 'Unknown',
};

/** What the tray says for each overall status. */
export const OVERALL_LABELS: Readonly<Record<OverallStatus, string>> = {
  failed: 'Backup failed',
  at_risk: 'Backups at risk',
  appliance_problem: 'Appliance problem',
  warning: 'Backups with warnings',
  maintenance: 'Maintenance window open',
  running: 'Backups running',
  ok: 'All backups OK',
  no_data: 'No data yet',
};

/** One word or two per protection state, capitalised; lower-case them inside sentences. */
export const PROTECTION_LABELS: Readonly<Record<ProtectionState, string>> = {
  protected: 'Protected',
  at_risk: 'At risk',
  disabled: 'Disabled',
  new: 'New',
};

/** An appliance's health in a word or two, lower case (it follows the appliance's name). */
export const HEALTH_LABELS: Readonly<Record<HealthState, string>> = {
  ok: 'OK',
  unreachable: 'unreachable',
  auth_failed: 'sign-in failed',
  local_problem: 'password not available here',
  keychain_locked: 'keychain locked',
  untrusted_certificate: 'certificate not trusted',
  error: 'error',
};
