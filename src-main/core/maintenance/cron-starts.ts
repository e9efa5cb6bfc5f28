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

/** The local-time starts of `expression` in [fromMs, toMs); none for an expression that cannot be read. */
export const cronStarts: CronStarts = (expression, fromMs, toMs) => {
  if (cronProblem(expression) !== null || !(toMs > fromMs)) return [];
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
