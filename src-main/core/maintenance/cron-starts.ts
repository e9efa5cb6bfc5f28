/**
 * Cron expressions of recurring maintenance windows, evaluated through `cron-parser` in the
 * process's local time zone, so that "0 1 * * 6" stays at 01:00 across a daylight-saving change.
 */
import { CronExpressionParser } from 'cron-parser';
import type { CronStarts } from '../../common/maintenance.js';

/** Starts read per call at most: an expression that fires every minute over a year stays bounded. */
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

const WEEK_MS = 7 * 86_400_000;
/** Weeks of starts kept; a year of several expressions fits many times over. */
const KEPT_WEEKS = 4096;
const keptWeeks = new Map<string, readonly number[]>();

/** The starts in one week (counted from the epoch), worked out once per time zone, expression and week. */
function weekStarts(zone: string, expression: string, week: number): readonly number[] {
  const key = `${zone}|${expression}|${week}`;
  let starts = keptWeeks.get(key);
  if (starts === undefined) {
    const fromMs = week * WEEK_MS;
    const toMs = fromMs + WEEK_MS;
    // The iteration starts after `currentDate`: one millisecond before the week finds a start on its edge.
    const iterator = CronExpressionParser.parse(expression, { currentDate: new Date(fromMs - 1), endDate: new Date(toMs) });
    const found: number[] = [];
    while (found.length < MAX_CRON_STARTS && iterator.hasNext()) {
      const at = iterator.next().getTime();
      if (at >= toMs) break;
      found.push(at);
    }
    starts = found;
    if (keptWeeks.size >= KEPT_WEEKS) keptWeeks.delete(keptWeeks.keys().next().value!);
    keptWeeks.set(key, starts);
  }
  return starts;
}

/**
 * The local-time starts of `expression` in [fromMs, toMs); none for an expression that cannot be
 * read. Worked out a week at a time and kept: each compliance read asks for the same weeks again,
 * and the cron library takes most of a millisecond a day to step through.
 */
export const cronStarts: CronStarts = (expression, fromMs, toMs) => {
  if (!(toMs > fromMs) || cronProblem(expression) !== null) return [];
  // The zone is part of the key: the same expression starts at other instants in another zone.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const out: number[] = [];
  for (let week = Math.floor(fromMs / WEEK_MS); week * WEEK_MS < toMs && out.length < MAX_CRON_STARTS; week++) {
    for (const at of weekStarts(zone, expression, week)) if (at >= fromMs && at < toMs && out.length < MAX_CRON_STARTS) out.push(at);
  }
  return out;
};
