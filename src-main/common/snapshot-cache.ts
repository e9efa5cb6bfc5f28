/**
 * What the status snapshot may remember between two calls, so that a snapshot after one poll costs
 * little more than the appliance that poll changed. Nothing here changes a result: an entry is used
 * only while everything it was computed from is the same (the same objects, and `now` before the
 * first instant at which a job's state could change).
 */
import { indexSessions } from './job-history.js';
import type { ApplianceHistory } from './job-history.js';
import type { Job, Session } from './model.js';
import type { JobState } from './snapshot.js';

/** The job states of one appliance and until when (epoch ms, exclusive) they hold. */
export interface TimedJobStates {
  readonly states: readonly JobState[];
  readonly validUntil: number;
}

/** What job states are computed from, compared by identity. */
export interface JobStateInputs {
  readonly history: ApplianceHistory;
  readonly jobs: readonly Job[];
  /** The settings object the states read (the same object while settings are unchanged). */
  readonly settings: object;
}

export interface SnapshotCache {
  /** The index of an appliance's sessions, read again only when they changed. */
  index(applianceId: string, sessions: readonly Session[]): ApplianceHistory;
  /** An appliance's job states, computed again only when their inputs changed or their time ran out. */
  jobStates(applianceId: string, inputs: JobStateInputs, now: number, compute: () => TimedJobStates): readonly JobState[];
  /** Forgets appliances not in `applianceIds` (removed from the fleet). */
  keepOnly(applianceIds: ReadonlySet<string>): void;
}

/** The monitor replaces a session object when it changes: the same objects in order are the same sessions. */
function sameSessions(a: readonly Session[], b: readonly Session[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface StatesEntry extends TimedJobStates {
  readonly inputs: JobStateInputs;
  readonly computedAt: number;
}

/** A cache for one snapshot producer (give the same one to every `buildStatusSnapshot` call). */
export function createSnapshotCache(): SnapshotCache {
  const indexes = new Map<string, ApplianceHistory>();
  const states = new Map<string, StatesEntry>();
  return {
    index(applianceId, sessions) {
      const hit = indexes.get(applianceId);
      if (hit !== undefined && sameSessions(hit.sessions, sessions)) return hit;
      const fresh = indexSessions(sessions);
      indexes.set(applianceId, fresh);
      return fresh;
    },
    jobStates(applianceId, inputs, now, compute) {
      const hit = states.get(applianceId);
      const same =
        hit !== undefined &&
        hit.inputs.history === inputs.history &&
        hit.inputs.jobs === inputs.jobs &&
        hit.inputs.settings === inputs.settings;
      // A clock that went back (now before computedAt) recomputes too.
      if (same && now >= hit.computedAt && now < hit.validUntil) return hit.states;
      const fresh = compute();
      states.set(applianceId, { ...fresh, inputs, computedAt: now });
      return fresh.states;
    },
    keepOnly(applianceIds) {
      for (const map of [indexes, states]) for (const id of map.keys()) if (!applianceIds.has(id)) map.delete(id);
    },
  };
}

/** Remembers nothing: every call computes afresh. */
export const NO_SNAPSHOT_CACHE: SnapshotCache = {
  index: (_id, sessions) => indexSessions(sessions),
  jobStates: (_id, _inputs, _now, compute) => compute().states,
  keepOnly: () => {},
};
