/**
 * Maintenance windows: planned downtime during which a scope's notifications are held and its
 * time is left out of compliance. Times of recurring windows are local wall-clock times, so a
 * window at 01:00–05:00 stays at 01:00–05:00 across a daylight-saving change (and lasts an
 * hour less or more that night). Pure; the range asked for is passed in.
 */
import { normalize } from './intervals.js';
import type { Interval } from './intervals.js';
import { parseClock } from './time.js';

export type MaintenanceScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'appliance'; readonly applianceId: string }
  | { readonly kind: 'job'; readonly applianceId: string; readonly jobId: string };

export type MaintenanceSchedule =
  | { readonly kind: 'once'; readonly fromMs: number; readonly toMs: number }
  /** Days of the week (0 = Sunday) and a local `HH:MM` range; an end at or before the start ends the next day. */
  | { readonly kind: 'weekly'; readonly days: readonly number[]; readonly start: string; readonly end: string };

export interface MaintenanceWindow {
  readonly id: string;
  readonly label: string;
  readonly scope: MaintenanceScope;
  readonly schedule: MaintenanceSchedule;
}

const DAY_MS = 86_400_000;

/** Whether a window applies to a job of an appliance (or, with no job, to the appliance as a whole). */
export function coversScope(scope: MaintenanceScope, applianceId: string, jobId: string | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.applianceId !== applianceId) return false;
  return scope.kind === 'appliance' || scope.jobId === jobId;
}

/** A local wall-clock time, `dayOffset` calendar days after `day`; the runtime moves a time a DST change skips. */
function localTime(day: Date, dayOffset: number, minutes: number): number {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + dayOffset, 0, minutes).getTime();
}

function weeklyIntervals(schedule: Extract<MaintenanceSchedule, { kind: 'weekly' }>, range: Interval): Interval[] {
  const start = parseClock(schedule.start);
  const end = parseClock(schedule.end);
  if (start === null || end === null || !Number.isFinite(range.startMs) || !Number.isFinite(range.endMs)) return [];
  const days = new Set(schedule.days);
  const out: Interval[] = [];
  // Calendar day by calendar day (days are 23 to 25 hours long), from the day before the range,
  // whose window may run past midnight into it.
  const first = new Date(range.startMs);
  for (let offset = -1; localTime(first, offset, 0) < range.endMs; offset++) {
    const day = new Date(localTime(first, offset, 0));
    if (!days.has(day.getDay())) continue;
    const startMs = localTime(day, 0, start);
    const endMs = localTime(day, end > start ? 0 : 1, end);
    if (endMs > range.startMs && startMs < range.endMs) out.push({ startMs, endMs });
  }
  return out;
}

/** The stretches of one window inside `range`. */
export function windowIntervals(window: MaintenanceWindow, range: Interval): Interval[] {
  const { schedule } = window;
  const raw = schedule.kind === 'once' ? [{ startMs: schedule.fromMs, endMs: schedule.toMs }] : weeklyIntervals(schedule, range);
  const clipped = raw.map((i) => ({ startMs: Math.max(i.startMs, range.startMs), endMs: Math.min(i.endMs, range.endMs) }));
  return normalize(clipped);
}

/** All maintenance time of one job (or appliance, with `jobId` null) inside `range`. */
export function maintenanceTime(
  windows: readonly MaintenanceWindow[],
  applianceId: string,
  jobId: string | null,
  range: Interval,
): Interval[] {
  return normalize(windows.filter((w) => coversScope(w.scope, applianceId, jobId)).flatMap((w) => windowIntervals(w, range)));
}

/** The maintenance window open for a job at `nowMs` and when the maintenance ends, or null. */
export function openMaintenance(
  windows: readonly MaintenanceWindow[],
  applianceId: string,
  jobId: string | null,
  nowMs: number,
): { readonly window: MaintenanceWindow; readonly endsAtMs: number } | null {
  // Looking a week ahead finds the end of back-to-back windows that carry on past midnight.
  const ahead: Interval = { startMs: nowMs, endMs: nowMs + 8 * DAY_MS };
  const open = windows.find(
    (w) => coversScope(w.scope, applianceId, jobId) && windowIntervals(w, ahead).some((i) => i.startMs <= nowMs && nowMs < i.endMs),
  );
  if (open === undefined) return null;
  const time = maintenanceTime(windows, applianceId, jobId, ahead);
  const current = time.find((i) => i.startMs <= nowMs && nowMs < i.endMs);
  return { window: open, endsAtMs: current?.endMs ?? nowMs };
}
