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
  | { readonly kind: 'weekly'; readonly days: readonly number[]; readonly start: string; readonly end: string }
  /** A five-field cron expression in local time for each start, and how long each stays open. */
  | { readonly kind: 'cron'; readonly expression: string; readonly durationMin: number };

/**
 * The starts of a cron expression inside [fromMs, toMs), epoch ms, in local time (the report
 * mail's schedule). A port, as `CronWindows` is.
 */
export type CronStarts = (expression: string, fromMs: number, toMs: number) => readonly number[];

/**
 * Where the windows of a cron expression are open, each `durationMs` from a start in local time,
 * for every window open in `range`: sorted, overlapping windows merged, not cut at the range's
 * edges. A port: the cron library is Node-side, so the caller passes it in as it passes a clock.
 */
export type CronWindows = (expression: string, durationMs: number, range: Interval) => readonly Interval[];

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

function rawIntervals(schedule: MaintenanceSchedule, range: Interval, cronWindows: CronWindows): readonly Interval[] {
  switch (schedule.kind) {
    case 'once':
      return [{ startMs: schedule.fromMs, endMs: schedule.toMs }];
    case 'weekly':
      return weeklyIntervals(schedule, range);
    case 'cron':
      return cronWindows(schedule.expression, schedule.durationMin * 60_000, range);
  }
}

/** The stretches of one window inside `range`. */
export function windowIntervals(window: MaintenanceWindow, range: Interval, cronWindows: CronWindows): Interval[] {
  const raw = rawIntervals(window.schedule, range, cronWindows);
  const clipped = raw.map((i) => ({ startMs: Math.max(i.startMs, range.startMs), endMs: Math.min(i.endMs, range.endMs) }));
  return normalize(clipped);
}

/**
 * Maintenance time for many jobs, from windows of any shape (`scopeOf` says what each covers,
 * `stretchesOf` when it is open): each window's stretches worked out once, and jobs under the same
 * windows share one answer (a fleet's jobs mostly fall under the same few).
 */
export function sharedMaintenanceTimes<W>(
  windows: readonly W[],
  scopeOf: (window: W) => MaintenanceScope,
  stretchesOf: (window: W) => Interval[],
): (applianceId: string, jobId: string | null) => Interval[] {
  const stretches = new Map<number, Interval[]>();
  const byWindows = new Map<string, Interval[]>();
  const stretchesAt = (index: number): Interval[] => {
    let found = stretches.get(index);
    if (found === undefined) {
      found = stretchesOf(windows[index]!);
      stretches.set(index, found);
    }
    return found;
  };
  return (applianceId, jobId) => {
    const covering: number[] = [];
    windows.forEach((w, index) => {
      if (coversScope(scopeOf(w), applianceId, jobId)) covering.push(index);
    });
    const key = covering.join(',');
    let time = byWindows.get(key);
    if (time === undefined) {
      time = covering.length === 1 ? stretchesAt(covering[0]!) : normalize(covering.flatMap(stretchesAt));
      byWindows.set(key, time);
    }
    return time;
  };
}

/** Maintenance time inside `range` for many jobs (see `sharedMaintenanceTimes`). */
export function maintenanceTimes(
  windows: readonly MaintenanceWindow[],
  range: Interval,
  cronWindows: CronWindows,
): (applianceId: string, jobId: string | null) => Interval[] {
  return sharedMaintenanceTimes(
    windows,
    (w) => w.scope,
    (w) => windowIntervals(w, range, cronWindows),
  );
}

/** All maintenance time of one job (or appliance, with `jobId` null) inside `range`. */
export function maintenanceTime(
  windows: readonly MaintenanceWindow[],
  applianceId: string,
  jobId: string | null,
  range: Interval,
  cronWindows: CronWindows,
): Interval[] {
  return maintenanceTimes(windows, range, cronWindows)(applianceId, jobId);
}

/** The maintenance window open for a job at `nowMs` and when the maintenance ends, or null. */
export function openMaintenance(
  windows: readonly MaintenanceWindow[],
  applianceId: string,
  jobId: string | null,
  nowMs: number,
  cronWindows: CronWindows,
): { readonly window: MaintenanceWindow; readonly endsAtMs: number } | null {
  // Looking a week ahead finds the end of back-to-back windows that carry on past midnight.
  const ahead: Interval = { startMs: nowMs, endMs: nowMs + 8 * DAY_MS };
  const open = windows.find(
    (w) =>
      coversScope(w.scope, applianceId, jobId) && windowIntervals(w, ahead, cronWindows).some((i) => i.startMs <= nowMs && nowMs < i.endMs),
  );
  if (open === undefined) return null;
  const time = maintenanceTime(windows, applianceId, jobId, ahead, cronWindows);
  const current = time.find((i) => i.startMs <= nowMs && nowMs < i.endMs);
  return { window: open, endsAtMs: current?.endMs ?? nowMs };
}

/** A window open at some moment, and when that stretch of it closes. */
export interface OpenWindow {
  readonly window: MaintenanceWindow;
  readonly endsAtMs: number;
}

/** The longest one stretch of a window can last, ms (a weekly window at most a day and the DST hour). */
function longestStretchMs(schedule: MaintenanceSchedule, nowMs: number): number {
  if (schedule.kind === 'once') return Math.max(1, schedule.toMs - nowMs);
  return schedule.kind === 'cron' ? schedule.durationMin * 60_000 : DAY_MS + 3_600_000;
}

/**
 * Every window open at `nowMs`, whatever its scope, with the end of its current stretch. One call
 * serves a whole fleet: look each job up with `scopeOpenUntil`. The range read per window is only
 * as long as one stretch, so a cron window that fires often stays cheap.
 */
export function windowsOpenAt(windows: readonly MaintenanceWindow[], nowMs: number, cronWindows: CronWindows): OpenWindow[] {
  const open: OpenWindow[] = [];
  for (const window of windows) {
    const range: Interval = { startMs: nowMs, endMs: nowMs + longestStretchMs(window.schedule, nowMs) };
    const current = windowIntervals(window, range, cronWindows).find((i) => i.startMs <= nowMs && nowMs < i.endMs);
    if (current !== undefined) open.push({ window, endsAtMs: current.endMs });
  }
  return open;
}

/** When the open windows covering a job (or, with `jobId` null, a whole appliance) close, or null when none covers it. */
export function scopeOpenUntil(open: readonly OpenWindow[], applianceId: string, jobId: string | null): number | null {
  let until: number | null = null;
  for (const o of open) if (coversScope(o.window.scope, applianceId, jobId) && (until === null || o.endsAtMs > until)) until = o.endsAtMs;
  return until;
}

/**
 * The next moment after `nowMs` at which a window opens or closes, within `horizonMs`; past the
 * horizon (or with no window), the horizon's end, where the caller looks again.
 */
export function nextMaintenanceBoundary(
  windows: readonly MaintenanceWindow[],
  nowMs: number,
  horizonMs: number,
  cronWindows: CronWindows,
): number {
  const range: Interval = { startMs: nowMs, endMs: nowMs + horizonMs };
  let next = range.endMs;
  for (const window of windows) {
    for (const { startMs, endMs } of windowIntervals(window, range, cronWindows)) {
      if (startMs > nowMs) next = Math.min(next, startMs);
      if (endMs > nowMs) next = Math.min(next, endMs);
    }
  }
  return next;
}
