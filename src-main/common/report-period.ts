/**
 * The period a compliance report covers, in whole UTC days: the ledgers count runs per UTC day,
 * and an auditor reads a date the same wherever the report was made. Pure; `now` is passed in.
 */
import { DAY_MS } from './compliance-ledger.js';
import type { Interval } from './intervals.js';

/** The last N days (and today so far), or from one date to another (both included). */
export type ReportPeriod = { readonly lastDays: number } | { readonly from: string; readonly to: string };

/** The periods the window offers and the compliance column uses. */
export const COMPLIANCE_DAYS = [7, 30, 90, 365] as const;

/** The longest period a report covers: ten years, the longest history kept. */
export const REPORT_DAYS_MAX = 3660;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a `YYYY-MM-DD` date's UTC midnight, or null for anything else (or a date that does not exist). */
export function utcDateMs(text: string): number | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text.trim() ? ms : null;
}

/** The period as an interval, or a sentence saying what is wrong with it. */
export function periodInterval(period: ReportPeriod, nowMs: number): Interval | string {
  if ('lastDays' in period) {
    const days = period.lastDays;
    if (!Number.isInteger(days) || days < 1 || days > REPORT_DAYS_MAX) return `A period is 1 to ${REPORT_DAYS_MAX} days.`;
    const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
    return { startMs: today - days * DAY_MS, endMs: nowMs };
  }
  const from = utcDateMs(period.from);
  const to = utcDateMs(period.to);
  if (from === null || to === null) return 'Dates are written YYYY-MM-DD, e.g. 2026-11-01.';
  if (to < from) return `The period ends (${period.to}) before it starts (${period.from}).`;
  if ((to - from) / DAY_MS >= REPORT_DAYS_MAX) return `A period is 1 to ${REPORT_DAYS_MAX} days.`;
  if (from > nowMs) return `The period starts (${period.from}) after today.`;
  return { startMs: from, endMs: to + DAY_MS };
}
