/**
 * What the poller keeps of each appliance beyond one process: its sessions, jobs and read position,
 * in the history database. A restart resumes from the stored position, so sessions that ended
 * while Backwatch was closed are still read; the window opens with the stored history.
 */
import type { Appliance } from '../../common/model.js';
import type { HistoryStore, PollRecord, StoredApplianceState } from '../history/history-store.js';
import type { Logger } from '../logger.js';

/** The poller's part of the history database. */
export type PollHistory = Pick<HistoryStore, 'loadAppliance' | 'hasSession' | 'recordPoll'>;

/** Runs each job keeps in the window at least: the 30-run strips and success rates read them. */
export const RUNS_PER_JOB = 30;

/*
 * The history serves the poller, never stops it: a database that fails is logged, and costs only
 * what it could not give back or keep (the appliance is read again).
 */

/** What the history holds of an appliance; null without one, or when it cannot be read. */
export function loadStored(
  history: PollHistory | undefined,
  log: Logger,
  appliance: Appliance,
  windowSize: number,
): StoredApplianceState | null {
  if (!history) return null;
  try {
    return history.loadAppliance(appliance.id, { windowSize, perJob: RUNS_PER_JOB });
  } catch (error) {
    log.error(`Could not read the stored history of ${appliance.name}; it is read again from the appliance.`, {
      error: (error as Error).message,
    });
    return null;
  }
}

/** Whether the history holds a session; an unreadable database holds none. */
export function hasStored(history: PollHistory, applianceId: string, sessionId: string): boolean {
  try {
    return history.hasSession(applianceId, sessionId);
  } catch {
    return false;
  }
}

/** Keeps a good poll in the history. */
export function keepPoll(history: PollHistory | undefined, log: Logger, appliance: Appliance, record: PollRecord): void {
  try {
    history?.recordPoll(appliance.id, record);
  } catch (error) {
    log.error(`Could not store the history of ${appliance.name}`, { error: (error as Error).message });
  }
}
