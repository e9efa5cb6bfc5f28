/**
 * Where the VB365 incremental read stands between polls: the newest `endTime` read from a bounded
 * list (the next `endTimeLowerBound`), how far into that list a read that ran out of budget got,
 * and the newest `creationTime` seen. Times are ISO on the server's clock, held at it (see
 * ../reading.ts).
 */
import type { Session } from '../../../common/model.js';
import type { SessionCursor } from '../connector.js';
import { settledMark } from '../reading.js';

export interface Vb365Cursor {
  readonly endBound: string;
  readonly offset: number;
  readonly newestStart: string | null;
  /** When it was written, epoch ms on this computer's clock. */
  readonly readAtMs: number | null;
}

export function readVb365Cursor(cursor: SessionCursor | null): Vb365Cursor | null {
  const endBound = cursor?.['endBound'];
  const offset = cursor?.['offset'];
  const newestStart = cursor?.['newestStart'];
  const readAtMs = cursor?.['readAtMs'];
  if (typeof endBound !== 'string' || Number.isNaN(Date.parse(endBound))) return null;
  return {
    endBound,
    offset: typeof offset === 'number' && Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
    newestStart: typeof newestStart === 'string' ? newestStart : null,
    readAtMs: typeof readAtMs === 'number' && Number.isFinite(readAtMs) ? readAtMs : null,
  };
}

export const ms = (iso: string | null): number | null => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : null;
};
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export const newestFirst = (a: Session, b: Session): number => (ms(b.start) ?? -Infinity) - (ms(a.start) ?? -Infinity);

/** Both clocks a read is placed by: the appliance's and ours. */
interface Clocks {
  readonly server: number;
  readonly ours: number;
}

/** The `endTimeLowerBound` of this poll's bounded read. */
export function endBoundOf(previous: Vb365Cursor | null, clocks: Clocks, firstWindowMs: number): string {
  if (!previous) return new Date(clocks.server - firstWindowMs).toISOString();
  if (previous.offset > 0) return previous.endBound;
  // A clock set back since the last read dates new ends below the bound (see reading.ts).
  const elapsed = Math.max(0, clocks.ours - (previous.readAtMs ?? clocks.ours));
  return iso(Math.min(ms(previous.endBound) ?? 0, clocks.server - elapsed)) ?? previous.endBound;
}

/** What this poll read: its bound, the sessions of the bounded list, and every session found. */
export interface Vb365Read {
  readonly since: string;
  readonly ended: { readonly items: readonly Session[]; readonly complete: boolean };
  readonly found: Iterable<Session>;
}

/** The cursor after a read, and how many sessions it left for the next poll (at least). */
export function nextVb365Cursor(
  previous: Vb365Cursor | null,
  read: Vb365Read,
  clocks: Clocks,
  pageSize: number,
): { cursor: Vb365Cursor; behind: number } {
  const { since, ended } = read;
  const newestStart = iso(
    settledMark(
      ms(previous?.newestStart ?? null),
      [...read.found].map((s) => ms(s.start)),
      clocks.server,
    ),
  );
  if (previous && !ended.complete) {
    // Out of budget: the bound stays, and the next poll reads on from where this one stopped.
    // The envelope has no total: the next page is what is known to be left.
    return {
      cursor: { endBound: since, offset: previous.offset + ended.items.length, newestStart, readAtMs: clocks.ours },
      behind: pageSize,
    };
  }
  // Only ends read from the bounded list advance the bound: a session seen elsewhere may have
  // ended after others that the bounded list has not shown yet.
  const endBound =
    iso(
      settledMark(
        ms(since),
        ended.items.map((s) => ms(s.end)),
        clocks.server,
      ),
    ) ?? since;
  return { cursor: { endBound, offset: 0, newestStart, readAtMs: clocks.ours }, behind: 0 };
}
