/**
 * Missed runs: a scheduled run that did not start. Pure; `now` (epoch ms) is passed in. The RPO
 * rule (protection.ts) catches what has no schedule; this one names the run that was due.
 */
import { indexSessions } from './job-history.js';
import type { ApplianceHistory } from './job-history.js';
import { isActiveStatus, isUnhealthy } from './model.js';
import type { Session } from './model.js';
import type { ApplianceState, MissedRun } from './snapshot.js';
import { timeKey, toMs } from './time.js';

/** A session that started a little before its due time (clock skew) still counts as the run. */
export const MISSED_RUN_SLACK_MS = 60_000;

/** Whether a session is a run of a schedule due at `due` (epoch ms). */
export function startedSince(session: Session, due: number): boolean {
  const start = toMs(session.start);
  return start === null ? isActiveStatus(session.status) : start >= due - MISSED_RUN_SLACK_MS;
}

/** Jobs whose current scheduled run is overdue by more than `graceMs`, with no session since. */
export function missedRuns(state: ApplianceState, graceMs: number, now: number): MissedRun[] {
  return missedRunsOf(state, indexSessions(state.sessions), graceMs, now);
}

/** `missedRuns` over sessions already indexed by job. */
export function missedRunsOf(state: ApplianceState, history: ApplianceHistory, graceMs: number, now: number): MissedRun[] {
  // While the appliance cannot be read its sessions are stale: the run may well have happened.
  if (!state.appliance.enabled || isUnhealthy(state.health)) return [];
  // Compared as time keys: only the overdue runs (few) are parsed.
  const overdueKey = new Date(now - graceMs).toISOString();
  return state.jobs.flatMap((job) => {
    const nextRunKey = timeKey(job.nextRun);
    if (nextRunKey === null || nextRunKey >= overdueKey || !job.enabled) return [];
    const due = toMs(nextRunKey) ?? 0;
    if (due + graceMs >= now) return [];
    const runs = history.byJob.get(job.id);
    const sinceKey = timeKey(new Date(due - MISSED_RUN_SLACK_MS).toISOString()) ?? '';
    if (runs !== undefined && (runs.activeWithoutStart || (runs.latestStartKey !== '' && runs.latestStartKey >= sinceKey))) return [];
    return [{ jobId: job.id, jobName: job.name, dueAt: new Date(due).toISOString() }];
  });
}
