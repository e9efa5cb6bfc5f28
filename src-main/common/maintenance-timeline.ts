/**
 * Maintenance windows over time. Planned downtime counts only while the window was planned: the
 * history store keeps the windows each time they changed, and a window's time is left out of
 * compliance only from when it was added until it was removed. So a one-off window added today
 * with a start last week, or a weekly window removed today, leaves past compliance as it was and a
 * past report can be made again. Pure; the records are passed in.
 */
import type { Interval } from './intervals.js';
import { sharedMaintenanceTimes, windowIntervals, type CronWindows, type MaintenanceWindow } from './maintenance.js';

/** The windows in force from `atMs` until the next record. */
export interface MaintenanceRecord {
  readonly atMs: number;
  readonly windows: readonly MaintenanceWindow[];
}

/** A window and the time it was planned: [addedMs, removedMs), -Infinity and +Infinity where open. */
export interface PlannedWindow {
  readonly window: MaintenanceWindow;
  /** -Infinity for a window kept before windows were recorded: it counts since always. */
  readonly addedMs: number;
  /** +Infinity while it is kept. */
  readonly removedMs: number;
}

/** JSON with keys sorted, so a window reads the same whichever order a hand-edited file gave its keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A window edited in place (same id, another schedule) is another window: the old one removed, the new one added. */
const windowKey = (window: MaintenanceWindow): string => canonical(window);

/** Whether two lists hold the same windows (so a later record of them changes nothing). */
export function sameWindows(a: readonly MaintenanceWindow[], b: readonly MaintenanceWindow[]): boolean {
  const keys = new Set(a.map(windowKey));
  const other = new Set(b.map(windowKey));
  return keys.size === other.size && [...keys].every((key) => other.has(key));
}

/**
 * Each window with the time it was planned, oldest first. The oldest record is taken to hold since
 * always (what was planned before Backwatch kept records is not known); with no record at all,
 * `current` holds since always. A window removed and added again is planned twice.
 */
export function plannedWindows(records: readonly MaintenanceRecord[], current: readonly MaintenanceWindow[]): PlannedWindow[] {
  const ordered = records.length > 0 ? records : [{ atMs: Number.NEGATIVE_INFINITY, windows: current }];
  const planned: PlannedWindow[] = [];
  const open = new Map<string, { window: MaintenanceWindow; addedMs: number }>();
  ordered.forEach((record, index) => {
    const atMs = index === 0 ? Number.NEGATIVE_INFINITY : record.atMs;
    const now = new Map(record.windows.map((w) => [windowKey(w), w]));
    for (const [key, kept] of open) {
      if (now.has(key)) continue;
      planned.push({ ...kept, removedMs: atMs });
      open.delete(key);
    }
    for (const [key, window] of now) if (!open.has(key)) open.set(key, { window, addedMs: atMs });
  });
  for (const kept of open.values()) planned.push({ ...kept, removedMs: Number.POSITIVE_INFINITY });
  return planned.sort((a, b) => a.addedMs - b.addedMs);
}

/** The part of `range` a window was planned in, or null when none. */
function plannedPart(planned: PlannedWindow, range: Interval): Interval | null {
  const startMs = Math.max(range.startMs, planned.addedMs);
  const endMs = Math.min(range.endMs, planned.removedMs);
  return endMs > startMs ? { startMs, endMs } : null;
}

/** One window's time inside `range`, counted only while it was planned. */
export function plannedIntervals(planned: PlannedWindow, range: Interval, cronWindows: CronWindows): Interval[] {
  const part = plannedPart(planned, range);
  return part === null ? [] : windowIntervals(planned.window, part, cronWindows);
}

/** Planned maintenance time inside `range` for many jobs, each window's worked out once (see `sharedMaintenanceTimes`). */
export function plannedMaintenanceTimes(
  planned: readonly PlannedWindow[],
  range: Interval,
  cronWindows: CronWindows,
): (applianceId: string, jobId: string | null) => Interval[] {
  return sharedMaintenanceTimes(
    planned,
    (p) => p.window.scope,
    (p) => plannedIntervals(p, range, cronWindows),
  );
}

/** The windows in force at some moment of `range`. */
export function plannedDuring(planned: readonly PlannedWindow[], range: Interval): PlannedWindow[] {
  return planned.filter((p) => plannedPart(p, range) !== null);
}

/** Whether a one-off schedule starts before `nowMs`: its time before it is added is not left out of compliance. */
export function startsBeforeAdded(schedule: MaintenanceWindow['schedule'], nowMs: number): boolean {
  return schedule.kind === 'once' && schedule.fromMs < nowMs;
}
