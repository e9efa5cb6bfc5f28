/**
 * What an open maintenance window does to the status the tray and the window show: each job and
 * appliance it covers shows `maintenance` instead of its problem, and leaves the badge's count.
 * Failures inside a window stay listed (problems, jobs); once it closes, the next snapshot shows
 * them as they are. Pure: the open windows are passed in.
 */
import { scopeOpenUntil, type OpenWindow } from './maintenance.js';
import { isUnhealthy } from './model.js';
import { worstOf } from './severity.js';
import type { ApplianceView, JobState, OverallStatus, StatusSnapshot } from './snapshot.js';
import { isOpenBreach, isOpenFailure, jobSeverity } from './status-rules.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The job with when its covering windows close, or the job itself when none is open. */
export function jobInMaintenance<J extends JobState>(job: J, open: readonly OpenWindow[]): J {
  const until = scopeOpenUntil(open, job.applianceId, job.jobId);
  return until === null ? job : { ...job, maintenanceUntil: iso(until) };
}

function applianceInMaintenance(view: ApplianceView, open: readonly OpenWindow[]): ApplianceView {
  const until = scopeOpenUntil(open, view.id, null);
  const jobs = view.jobs.map((job) => jobInMaintenance(job, open));
  if (until === null && jobs.every((job, i) => job === view.jobs[i])) return view;
  const health: OverallStatus[] = isUnhealthy(view.health) ? [until === null ? 'appliance_problem' : 'maintenance'] : [];
  return {
    ...view,
    jobs,
    status: view.enabled ? worstOf([...jobs.map(jobSeverity), ...health]) : 'no_data',
    ...(until === null ? {} : { maintenanceUntil: iso(until) }),
  };
}

/** The snapshot as the open maintenance windows leave it. */
export function withMaintenance(snapshot: StatusSnapshot, open: readonly OpenWindow[]): StatusSnapshot {
  if (open.length === 0) return snapshot;
  const appliances = snapshot.appliances.map((view) => applianceInMaintenance(view, open));
  const held = appliances.filter((a) => a.enabled).flatMap((a) => a.jobs.filter((job) => job.maintenanceUntil !== undefined));
  const failed = held.filter(isOpenFailure).length;
  const atRisk = held.filter(isOpenBreach).length;
  const attention = held.filter((job) => isOpenFailure(job) || isOpenBreach(job)).length;
  return {
    ...snapshot,
    appliances,
    overall: worstOf(appliances.map((a) => a.status)),
    failedJobs: snapshot.failedJobs - failed,
    atRiskJobs: snapshot.atRiskJobs - atRisk,
    jobsNeedingAttention: snapshot.jobsNeedingAttention - attention,
  };
}
