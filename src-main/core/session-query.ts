/**
 * Reading sessions out of the fleet state for the window and the CLI: filter, newest first, find.
 * Pure functions over `FleetState`.
 */
import type { SessionQuery } from '../common/ipc-contract.js';
import type { Session } from '../common/model.js';
import type { ApplianceState, FleetState } from '../common/snapshot.js';
import { toMs } from '../common/time.js';

/** Most sessions one query returns: a window or a CLI asks for a page, never the whole history at once. */
export const SESSION_QUERY_LIMIT_MAX = 100_000;

/** Newest start first; sessions without a start last; ties by id so the order is stable. */
export function compareNewestFirst(a: Session, b: Session): number {
  const aStart = toMs(a.start) ?? Number.NEGATIVE_INFINITY;
  const bStart = toMs(b.start) ?? Number.NEGATIVE_INFINITY;
  if (aStart !== bStart) return aStart < bStart ? 1 : -1;
  return b.id.localeCompare(a.id, 'en', { numeric: true });
}

function matcher(query: SessionQuery): (s: Session, state: ApplianceState) => boolean {
  const statuses = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : null;
  const since = query.since === undefined ? null : toMs(query.since);
  const text = query.text?.trim().toLowerCase() || null;
  return (s, state) => {
    if (statuses && !statuses.has(s.status)) return false;
    if (query.jobId !== undefined && s.jobId !== query.jobId) return false;
    if (since !== null && !((toMs(s.start) ?? Number.NEGATIVE_INFINITY) > since)) return false;
    if (text === null) return true;
    return [s.jobName, s.message, s.vendorStatus, state.appliance.name].some((field) => field?.toLowerCase().includes(text));
  };
}

/** The sessions matching a query (appliance, statuses, job, free text, since), newest first, at most `limit`. */
export function querySessions(fleet: FleetState, query: SessionQuery): Session[] {
  const matches = matcher(query);
  const found = fleet.appliances
    .filter((state) => query.applianceId === undefined || state.appliance.id === query.applianceId)
    .flatMap((state) => state.sessions.filter((s) => matches(s, state)))
    .sort(compareNewestFirst);
  return query.limit === undefined ? found : found.slice(0, query.limit);
}

/** One appliance's state and one of its sessions, or null. */
export function findSession(fleet: FleetState, applianceId: string, sessionId: string): { state: ApplianceState; session: Session } | null {
  const state = fleet.appliances.find((a) => a.appliance.id === applianceId);
  const session = state?.sessions.find((s) => s.id === sessionId);
  return state && session ? { state, session } : null;
}
