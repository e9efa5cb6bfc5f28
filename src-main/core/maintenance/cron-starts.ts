/**
 * Cron expressions of recurring maintenance windows, evaluated through `cron-parser` in the
 * process's local time zone, so that "0 1 * * 6" stays at 01:00 across a daylight-saving change.
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';
import type { Interval } from '../../common/intervals.js';
import type { CronStarts, CronWindows } from '../../common/maintenance.js';

/** Starts `cronStarts` reads per call at most: the report mail needs only the first; maintenance reads `cronWindows`, which has no cap. */
export const MAX_CRON_STARTS = 10_000;

/** Why an expression cannot open a window (a sentence for the admin), or null when it can. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return 'A cron expression has five fields: minute, hour, day of month, month, day of week (e.g. "0 22 * * 6").';
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return null;
  } catch (error) {
    return `The cron expression cannot be read: ${(error as Error).message}.`.slice(0, 200);
  }
}

/** The local-time starts of `expression` in [fromMs, toMs) (the report mail's schedule); none for an expression that cannot be read. */
export const cronStarts: CronStarts = (expression, fromMs, toMs) => {
  if (!(toMs > fromMs) || cronProblem(expression) !== null) return [];
  // The iteration starts after `currentDate`: one millisecond before the range finds a start on its edge.
  const starts = CronExpressionParser.parse(expression, { currentDate: new Date(fromMs - 1), endDate: new Date(toMs) });
  const out: number[] = [];
  while (out.length < MAX_CRON_STARTS && starts.hasNext()) {
    const at = starts.next().getTime();
    if (at >= toMs) break;
    out.push(at);
  }
  return out;
};

const DAY_MS = 86_400_000;

const localDay = (ms: number, offset: number): number => {
  const day = new Date(ms);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + offset).getTime();
};

/**
 * The local midnight of the first day from `fromMs` on with a start, or null when the expression
 * never starts again. An expression that names no day, month or weekday starts every day.
 */
function nextDayWithStart(schedule: CronExpression, fromMs: number): number | null {
  const { dayOfMonth, month, dayOfWeek } = schedule.fields;
  if (dayOfMonth.isWildcard && month.isWildcard && dayOfWeek.isWildcard) return localDay(fromMs, 0);
  try {
    // The iteration starts after the date it is reset to: one millisecond before finds a start on the edge.
    schedule.reset(new Date(fromMs - 1));
    return localDay(schedule.next().getTime(), 0);
  } catch {
    // An expression that never fires again (the 30th of February) runs out of the library's loop.
    return null;
  }
}

/** A day's starts, ascending, from its local midnight and the minutes of the day the expression lists. */
function startsOfDay(day: number, minutesOfDay: readonly number[]): number[] {
  if (localDay(day, 1) - day === DAY_MS) return minutesOfDay.map((minute) => day + minute * 60_000);
  // A daylight-saving day, placed by the runtime: a start in the hour it skips moves past it.
  const date = new Date(day);
  return minutesOfDay
    .map((minute) => new Date(date.getFullYear(), date.getMonth(), date.getDate(), 0, minute).getTime())
    .sort((a, b) => a - b);
}

/** A small memo: every job of a report asks for the same windows over the same period. */
const recent = new Map<string, Interval[]>();
const RECENT_MAX = 32;

/**
 * The stretches the windows of `expression` (each `durationMs` long) are open, overlapping windows
 * merged, for every window open in `range`; none for an expression that cannot be read. The library
 * is asked only which days have starts (at most once a day, not at all for an expression that
 * starts every day): on such a day the starts are every hour and minute the expression lists, so a
 * year of a quarter-hourly window is 365 days of arithmetic, not 35,000 calls, and no period is cut short.
 */
export const cronWindows: CronWindows = (expression, durationMs, range) => {
  if (!(durationMs > 0) || !(range.endMs > range.startMs) || !Number.isFinite(range.startMs) || !Number.isFinite(range.endMs)) return [];
  // The zone is part of the key: the same expression opens at other instants in another zone.
  const key = `${Intl.DateTimeFormat().resolvedOptions().timeZone}\n${expression}\n${durationMs}\n${range.startMs}\n${range.endMs}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  if (cronProblem(expression) !== null) return [];
  const schedule = CronExpressionParser.parse(expression, { strict: false });
  const minutesOfDay = schedule.fields.hour.values.flatMap((h) => schedule.fields.minute.values.map((m) => Number(h) * 60 + Number(m)));
  // A window that started before the range may still be open in it.
  const fromMs = range.startMs - durationMs;
  const open: { startMs: number; endMs: number }[] = [];
  for (
    let day = nextDayWithStart(schedule, fromMs);
    day !== null && day < range.endMs;
    day = nextDayWithStart(schedule, localDay(day, 1))
  ) {
    for (const startMs of startsOfDay(day, minutesOfDay)) {
      if (startMs <= fromMs || startMs >= range.endMs) continue;
      const last = open.at(-1);
      if (last !== undefined && startMs <= last.endMs) last.endMs = Math.max(last.endMs, startMs + durationMs);
      else open.push({ startMs, endMs: startMs + durationMs });
    }
  }
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(key, open);
  return open;
};
