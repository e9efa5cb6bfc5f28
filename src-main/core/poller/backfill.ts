/**
 * The background backfill: after the first read of an appliance (a bounded window of recent
 * history), older sessions are read one bounded page a poll. Until every job has its last 30 runs
 * they join the window; then, where a history database keeps them, reading goes on for compliance
 * until the appliance lists nothing older or what it lists is older than the history keeps. It
 * never delays a status: it runs only on polls after the first good one, and never while a
 * backlog of new sessions is being caught up.
 */
import type { Job, Session } from '../../common/model.js';
import { toMs } from '../../common/time.js';
import type { Connector, SessionCursor } from '../connectors/connector.js';
import { RUNS_PER_JOB } from './poll-history.js';

/** Where the backfill stands: a connector's position, null before it began, `done` once nothing older is left. */
export type BackfillPosition = SessionCursor | null | 'done';

/** The key the backfill position is stored under, beside the connector's own cursor. */
const STORED_KEY = 'backfill';

export function storedBackfill(cursor: SessionCursor | null | undefined): BackfillPosition {
  const value = cursor?.[STORED_KEY];
  if (value === 'done') return 'done';
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SessionCursor) : null;
}

/** The cursor to store: the connector's, with the backfill position beside it. */
export function withBackfill(cursor: SessionCursor, position: BackfillPosition): SessionCursor {
  return position === null ? cursor : { ...cursor, [STORED_KEY]: position };
}

/** Whether some job has fewer than its last 30 runs among `sessions`. */
function someJobShort(jobs: readonly Job[], sessions: Iterable<Session>): boolean {
  const runs = new Map<string, number>();
  for (const s of sessions) runs.set(s.jobId, (runs.get(s.jobId) ?? 0) + 1);
  return jobs.some((job) => (runs.get(job.id) ?? 0) < RUNS_PER_JOB);
}

/** What one backfill step knows of the appliance. */
export interface BackfillState {
  readonly connector: Connector;
  /** The incremental read's cursor: the backfill reads only what lies before it. */
  readonly cursor: SessionCursor | null;
  readonly jobs: readonly Job[];
  readonly sessions: ReadonlyMap<string, Session>;
  readonly position: BackfillPosition;
}

/** Where older history goes: into the window while some job lacks its 30 runs, else only to the database. */
export interface BackfillKeeping {
  /** A history database keeps what the window does not. */
  readonly stored: boolean;
  /** Epoch ms before which the database keeps nothing (its retention): reading stops there. */
  readonly keepFromMs: number;
}

export interface BackfillStep {
  readonly older: Session[];
  /** Whether `older` joins the window, or only the database. */
  readonly forWindow: boolean;
  readonly position: BackfillPosition;
}

/** One page of older sessions (none when the backfill is done or not wanted), and the next position. */
export async function backfillStep(state: BackfillState, keeping: BackfillKeeping, signal?: AbortSignal): Promise<BackfillStep> {
  const { connector, position } = state;
  if (position === 'done' || !connector.readOlder || !state.cursor) return { older: [], forWindow: false, position };
  const forWindow = someJobShort(state.jobs, state.sessions.values());
  if (!forWindow && !keeping.stored) return { older: [], forWindow, position: 'done' };
  const page = await connector.readOlder(position, state.cursor, signal);
  const older = page.sessions.filter((s) => !state.sessions.has(s.id));
  const pastRetention = page.sessions.length > 0 && page.sessions.every((s) => (toMs(s.start) ?? 0) < keeping.keepFromMs);
  return { older, forWindow, position: page.position === null || pastRetention ? 'done' : page.position };
}
