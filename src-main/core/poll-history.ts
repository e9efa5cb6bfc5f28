/**
 * What the poller keeps of each appliance beyond one process: its sessions, jobs and read position,
 * in the history database. A restart resumes from the stored position, so sessions that ended
 * while Backwatch was closed are still read; the window opens with the stored history.
 */
import type { HistoryStore } from './history/history-store.js';

/** The poller's part of the history database. */
export type PollHistory = Pick<HistoryStore, 'loadAppliance' | 'hasSession' | 'recordPoll'>;

/** Runs each job keeps in the window at least: the 30-run strips and success rates read them. */
export const RUNS_PER_JOB = 30;
