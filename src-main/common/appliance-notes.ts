/**
 * What an appliance's health says beside its state: a backlog of sessions not read yet, and a
 * clock far ahead of this computer's. The window, the CLI and the log say them in the same words.
 */
import type { ApplianceHealth, Session } from './model.js';
import { toMs } from './time.js';

/** A session dated more than this ahead of this computer's clock says the appliance's clock is wrong. */
export const CLOCK_AHEAD_TOLERANCE_MS = 3_600_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

/** How far the newest of `sessions` is dated ahead of `now`, ms; null within the tolerance. */
export function clockAheadOf(sessions: Iterable<Session>, now: number): number | null {
  let newest = -Infinity;
  for (const s of sessions) newest = Math.max(newest, toMs(s.start) ?? -Infinity);
  const ahead = newest - now;
  return ahead > CLOCK_AHEAD_TOLERANCE_MS ? ahead : null;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "the appliance's clock is 74 years ahead" */
export function describeClockAhead(ms: number): string {
  const amount =
    ms >= YEAR
      ? plural(Math.floor(ms / YEAR), 'year')
      : ms >= DAY
        ? plural(Math.floor(ms / DAY), 'day')
        : plural(Math.floor(ms / HOUR), 'hour');
  return `the appliance's clock is ${amount} ahead`;
}

/** "catching up: 320 sessions behind" */
export function describeBacklog(behind: number): string {
  return `catching up: ${plural(behind, 'session')} behind`;
}

/** Every note of a health, in reading order. */
export function healthNotes(health: Pick<ApplianceHealth, 'behind' | 'clockAheadMs'>): string[] {
  const notes: string[] = [];
  if (health.behind) notes.push(describeBacklog(health.behind));
  if (health.clockAheadMs) notes.push(describeClockAhead(health.clockAheadMs));
  return notes;
}
