/**
 * What every connector's incremental read shares: where a time cursor may move. A cursor that
 * followed the newest date an appliance reported would be blinded by one session dated in the
 * future (a skewed clock, a wrong time zone, an imported catalog): every later session would sort
 * below it. So a cursor moves with what was read, but never past the appliance's own clock.
 */
import type { ConnectorContext } from './connector.js';

/**
 * The appliance's clock, epoch ms: the `Date` header of its newest answer, which within a poll is
 * moments old (ours before any answer). It counts whole seconds, which only makes a mark earlier.
 */
export function applianceNow(ctx: Pick<ConnectorContext, 'now' | 'http'>): number {
  return ctx.http.serverDateMs() ?? ctx.now();
}

/**
 * The position a time cursor moves to after a read: the newest of `previous` and `times` (epoch
 * ms, on the appliance's clock), held at `now` (the appliance's clock). Held means a cursor also
 * steps back when the appliance's clock was set back, so what it dates next is read. A later read
 * starts at the mark again: sessions that share its instant are read once more and told apart by id.
 */
export function settledMark(previous: number | null, times: Iterable<number | null>, now: number): number | null {
  let mark = previous;
  for (const t of times) {
    if (t !== null && Number.isFinite(t) && (mark === null || t > mark)) mark = t;
  }
  return mark === null ? null : Math.min(mark, now);
}
