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

/** Both clocks a read is placed by: the appliance's and ours. */
export function clocksOf(ctx: Pick<ConnectorContext, 'now' | 'http'>): { readonly server: number; readonly ours: number } {
  return { server: applianceNow(ctx), ours: ctx.now() };
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

/** A session dated more than this past the appliance's clock is ahead of it: read, never a mark. */
export const AHEAD_TOLERANCE_MS = 3_600_000;

/**
 * Where a time-ordered read stands: the mark (sessions dated from it on are read every poll), and
 * while the sessions dated ahead of the appliance's clock are more than one poll reads, how far
 * into them the reading got.
 */
export interface TimeCursor {
  readonly sinceMs: number | null;
  readonly aheadMs: number | null;
  /** When the cursor was written, epoch ms on this computer's clock. */
  readonly readAtMs: number | null;
}

export function readTimeCursor(cursor: Readonly<Record<string, unknown>>): TimeCursor {
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return { sinceMs: num(cursor['sinceMs']), aheadMs: num(cursor['aheadMs']), readAtMs: num(cursor['readAtMs']) };
}

/** A fresh cursor after a first read of `starts`. */
export function firstTimeCursor(
  starts: readonly (number | null)[],
  clocks: { readonly server: number; readonly ours: number },
): TimeCursor {
  return { sinceMs: settledMark(null, starts, clocks.server), aheadMs: null, readAtMs: clocks.ours };
}

/** Sessions dated in [fromMs, toMs) (toMs null: no end), oldest first, at most `max`; `left` counts the rest. */
export type RangeRead<S> = (fromMs: number, toMs: number | null, max: number) => Promise<{ items: S[]; left: number }>;

/**
 * One poll's read of a time-ordered session list, oldest first within a budget. The mark moves with
 * what was read but is held at the appliance's clock, so a session dated years ahead never hides
 * what comes after it, and a clock set back is followed. Sessions dated ahead of the clock that
 * one poll cannot read all are cycled through over the next polls, apart from the current ones.
 */
export async function readByTime<S>(
  cursor: TimeCursor,
  clocks: { readonly server: number; readonly ours: number },
  budget: number,
  startOf: (s: S) => number | null,
  read: RangeRead<S>,
): Promise<{ items: S[]; cursor: TimeCursor; behind: number }> {
  const serverNow = clocks.server;
  // A clock set back since the last read dates new sessions below the mark: read from where the
  // appliance's clock may have stood at the last read.
  const elapsed = Math.max(0, clocks.ours - (cursor.readAtMs ?? clocks.ours));
  const since = Math.min(cursor.sinceMs ?? 0, serverNow - elapsed);
  const edge = serverNow + AHEAD_TOLERANCE_MS;
  const readAtMs = clocks.ours;
  const current = await read(since, cursor.aheadMs === null ? null : edge, budget);
  const starts = current.items.map(startOf);
  const lastRead = starts.at(-1) ?? null;
  if (current.left > 0 && lastRead !== null && lastRead <= edge) {
    // Out of budget among current sessions: the next poll goes on from the last one read.
    return {
      items: current.items,
      cursor: { sinceMs: Math.min(lastRead, serverNow), aheadMs: cursor.aheadMs, readAtMs },
      behind: current.left,
    };
  }
  const sinceMs = settledMark(
    since,
    starts.filter((t) => t !== null && t <= edge),
    serverNow,
  );
  if (cursor.aheadMs === null) {
    const aheadMs = current.left > 0 ? lastRead : null;
    return { items: current.items, cursor: { sinceMs, aheadMs, readAtMs }, behind: current.left };
  }
  const ahead = await read(Math.max(cursor.aheadMs, edge), null, Math.max(1, budget - current.items.length));
  const aheadMs = ahead.left > 0 ? (ahead.items.map(startOf).at(-1) ?? cursor.aheadMs) : null;
  return { items: [...current.items, ...ahead.items], cursor: { sinceMs, aheadMs, readAtMs }, behind: ahead.left };
}

/** Where the backfill of a time-ordered list stands: runs dated after `atMs` are read, and `skip` of those dated at it. */
export type OlderTimePosition = { readonly atMs: number; readonly skip: number };

/** The stored position, or where the backfill begins: at the incremental read's mark, else the appliance's now. */
function olderTimePosition(
  position: Readonly<Record<string, unknown>> | null,
  cursor: Readonly<Record<string, unknown>>,
  serverNow: number,
) {
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  // `beforeMs` is what earlier versions stored: asked again from that instant, only its runs are read twice.
  const atMs = num(position?.['atMs']) ?? num(position?.['beforeMs']);
  const skip = num(position?.['skip']);
  if (atMs !== null) return { atMs, skip: skip !== null && Number.isSafeInteger(skip) && skip > 0 ? skip : 0 };
  return { atMs: readTimeCursor(cursor).sinceMs ?? serverNow, skip: 0 };
}

/**
 * One page back in time, for the background backfill: sessions that started at or before the
 * position's instant, newest first, past the `skip` first ones (what the poller already holds is
 * passed over by id; the runs at the incremental read's mark are read twice). Runs sharing the
 * oldest instant of a page may not all fit on it: the next page asks for that instant again and
 * skips the ones read, which holds as long as the appliance lists runs of one instant in one order.
 * Null once a page comes back short.
 */
export async function readOlderByTime<S extends { readonly start: string | null }>(
  position: Readonly<Record<string, unknown>> | null,
  cursor: Readonly<Record<string, unknown>>,
  serverNow: number,
  pageSize: number,
  read: (at: OlderTimePosition, limit: number) => Promise<S[]>,
): Promise<{ sessions: S[]; position: OlderTimePosition | null }> {
  const at = olderTimePosition(position, cursor, serverNow);
  const sessions = await read(at, pageSize);
  const starts = sessions.map((s) => (s.start ? Date.parse(s.start) : NaN)).filter(Number.isFinite);
  const oldest = starts.length > 0 ? Math.min(...starts) : null;
  // A full page dated after the position is an answer that ignored the filter: reading stops there.
  if (sessions.length < pageSize || oldest === null || oldest > at.atMs) return { sessions, position: null };
  // The skip counts places in the appliance's list: a page all of one instant moves on by its length.
  const skip = oldest === at.atMs ? at.skip + sessions.length : starts.filter((t) => t === oldest).length;
  return { sessions, position: { atMs: oldest, skip } };
}

/** When a session started, epoch ms; null when the appliance gave no start. */
export const sessionStartMs = (s: { readonly start: string | null }): number | null => (s.start ? Date.parse(s.start) : null);

/**
 * One poll's read of sessions by start time: the first poll takes its window (`readFirst`, the
 * newest sessions) and marks where the next one goes on; a later poll goes on from the cursor
 * within `budget` (`readByTime`).
 */
export async function readSessionsByTime<S extends { readonly start: string | null }>(
  ctx: Pick<ConnectorContext, 'now' | 'http'>,
  cursor: Readonly<Record<string, unknown>> | null,
  budget: number,
  readFirst: () => Promise<S[]>,
  readRange: RangeRead<S>,
): Promise<{ items: S[]; cursor: TimeCursor; behind: number }> {
  if (cursor !== null) return readByTime(readTimeCursor(cursor), clocksOf(ctx), budget, sessionStartMs, readRange);
  const items = await readFirst();
  return { items, cursor: firstTimeCursor(items.map(sessionStartMs), clocksOf(ctx)), behind: 0 };
}
