/**
 * What the poller keeps of each appliance beyond one process: its sessions, jobs and read position,
 * in the history database. A restart resumes from the stored position, so sessions that ended
 * while Backwatch was closed are still read; the window opens with the stored history.
 */
import type { Job, Session } from '../common/model.js';
import type { SessionCursor } from './connectors/connector.js';

/** An appliance as the history holds it. */
export interface StoredAppliance {
  readonly sessions: readonly Session[];
  readonly jobs: readonly Job[];
  readonly cursor: SessionCursor | null;
  readonly behind: number;
}

/** One good poll, as the history records it. */
export interface PollRecord {
  /** New or changed sessions. */
  readonly sessions: readonly Session[];
  /** The job list, when this poll read it. */
  readonly jobs?: readonly Job[];
  readonly cursor: SessionCursor;
  readonly behind: number;
}

/** The poller's port to the history database. */
export interface PollHistory {
  /** What is stored of an appliance: its newest `windowSize` sessions and at least `perJob` of each job. */
  loadAppliance(applianceId: string, shape: { readonly windowSize: number; readonly perJob: number }): StoredAppliance;
  /** Whether a session of the appliance was ever stored. */
  hasSession(applianceId: string, sessionId: string): boolean;
  recordPoll(applianceId: string, poll: PollRecord): void;
}

/** Runs each job keeps in the window at least: the 30-run strips and success rates read them. */
export const RUNS_PER_JOB = 30;
