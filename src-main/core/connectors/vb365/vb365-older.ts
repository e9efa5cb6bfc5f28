/**
 * Where the VB365 backfill stands. The session list has no start-time filter and no documented
 * order, so the backfill pages by offset through the sessions that ended before a bound fixed when
 * it began: the incremental read's `endTimeLowerBound` then, from which on that read finds every
 * end. New runs end after the bound, so they never shift the pages; only the appliance deleting
 * its oldest runs may, on a server that lists oldest first.
 */
import type { Session } from '../../../common/model.js';
import { isActiveStatus } from '../../../common/model.js';
import type { SessionCursor } from '../connector.js';
import { ms, newestFirst, readVb365Cursor } from './vb365-cursor.js';

/** `endBefore` (ISO): the backfill reads sessions that ended before it; `offset`: how far into that list it got. */
export type Vb365OlderPosition = { readonly endBefore: string; readonly offset: number };

/** The stored position, else the incremental read's bound with nothing read; null when neither can be read. */
export function readVb365OlderPosition(position: SessionCursor | null, cursor: SessionCursor): Vb365OlderPosition | null {
  const endBefore = position?.['endBefore'];
  const offset = position?.['offset'];
  if (typeof endBefore === 'string' && ms(endBefore) !== null) {
    return { endBefore, offset: typeof offset === 'number' && Number.isSafeInteger(offset) && offset > 0 ? offset : 0 };
  }
  const incremental = readVb365Cursor(cursor);
  return incremental ? { endBefore: incremental.endBound, offset: 0 } : null;
}

/**
 * Of a page, newest first, the sessions that are the backfill's: those that ended before the bound,
 * or finished without saying when. Active ones and later ends are the incremental read's (v5 and
 * v6 filter nothing, and a server that reads the bound as a creation time lists them too).
 */
export function endedBefore(sessions: readonly Session[], at: Vb365OlderPosition): Session[] {
  const bound = ms(at.endBefore) ?? -Infinity;
  return sessions.filter((s) => !isActiveStatus(s.status) && (ms(s.end) ?? -Infinity) < bound).sort(newestFirst);
}

/**
 * The next page's position; null once the list has nothing further: an empty page, or one that
 * came back short with no `_links.next` (a server that caps the page size still links the next).
 */
export function nextVb365OlderPosition(
  at: Vb365OlderPosition,
  page: { readonly received: number; readonly nextHref: string | null },
  limit: number,
): Vb365OlderPosition | null {
  const more = page.received > 0 && (page.received >= limit || page.nextHref !== null);
  return more ? { endBefore: at.endBefore, offset: at.offset + page.received } : null;
}
