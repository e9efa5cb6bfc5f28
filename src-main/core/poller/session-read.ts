/**
 * One poll's read of an appliance's sessions, the same for every vendor: the connector's
 * incremental read, then the active sessions it left out, asked for by id. This is the one place
 * that chases stale active sessions: one the appliance no longer reports ends here as `unknown`,
 * so it stops costing requests and stops holding its appliance on the fast poll interval.
 */
import type { Session } from '../../common/model.js';
import { isActiveStatus } from '../../common/model.js';
import { toMs } from '../../common/time.js';
import type { Connector, SessionCursor } from '../connectors/connector.js';

/** The message of a session that was active and is no longer reported by its appliance. */
export const VANISHED_MESSAGE = 'no longer reported by the appliance';

/** What the poller knows of an appliance before a read. */
export interface KnownState {
  readonly sessions: ReadonlyMap<string, Session>;
  readonly cursor: SessionCursor | null;
  /** Whether a session was seen before, though no longer in `sessions` (the stored history). */
  readonly seenBefore?: (sessionId: string) => boolean;
}

export interface SessionRead {
  /** Sessions new or changed in this read, vanished ones included (ended as `unknown`). */
  readonly sessions: readonly Session[];
  readonly cursor: SessionCursor;
  /** Sessions left for the next poll (0 when caught up). */
  readonly behind: number;
  /** Ids of the active sessions the appliance no longer reports. */
  readonly vanished: readonly string[];
}

/** `session` ended at `at` (epoch ms) because its appliance no longer reports it; the rest is kept. */
export function endedAsVanished(session: Session, at: number): Session {
  const start = toMs(session.start);
  return {
    ...session,
    status: 'unknown',
    end: new Date(at).toISOString(),
    durationMs: start === null ? session.durationMs : Math.max(0, at - start),
    message: VANISHED_MESSAGE,
  };
}

/** Reads what changed since `known`; `now` stamps the end of vanished sessions. */
export async function readSessions(connector: Connector, known: KnownState, now: () => number, signal?: AbortSignal): Promise<SessionRead> {
  const active = [...known.sessions.values()].filter((s) => isActiveStatus(s.status));
  const batch = await connector.listSessions(
    known.cursor,
    { active, has: (id) => known.sessions.has(id) || (known.seenBefore?.(id) ?? false) },
    signal,
  );
  const fresh = new Map(batch.sessions.map((s) => [s.id, s]));
  const stale = active.filter((s) => !fresh.has(s.id));
  const vanished: string[] = [];
  if (stale.length > 0) {
    const { updated, gone } = await connector.refreshActive(stale, signal);
    for (const s of updated) fresh.set(s.id, s);
    const goneIds = new Set(gone);
    for (const s of stale) {
      if (!goneIds.has(s.id) || fresh.has(s.id)) continue;
      fresh.set(s.id, endedAsVanished(s, now()));
      vanished.push(s.id);
    }
  }
  return { sessions: [...fresh.values()], cursor: batch.cursor, behind: batch.behind, vanished };
}
