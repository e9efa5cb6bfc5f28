/**
 * What an open maintenance window does to the status the tray and the window show: each job and
 * appliance it covers shows `maintenance` instead of its problem, and leaves the badge's count.
 * Failures inside a window stay listed (problems, jobs). A snapshot marked at another time (a team
 * server's, read before an edge) is marked again: what a closed window held counts once more. Pure:
 * the open windows are passed in.
 */
import { scopeOpenUntil, type OpenWindow } from './maintenance.js';
import { isUnhealthy } from './model.js';
import type { ObjectSummary } from './object-views.js';
import { worstOf } from './severity.js';
import type { ApplianceView, JobState, OverallStatus, StatusSnapshot } from './snapshot.js';
import { isOpenBreach, isOpenFailure, jobSeverity } from './status-rules.js';

/** A job or appliance marked as closing at `until`, or unmarked with null; itself when already so. */
function markedUntil<T extends { readonly maintenanceUntil?: string }>(item: T, until: number | null): T {
  const mark = until === null ? undefined : new Date(until).toISOString();
  if (item.maintenanceUntil === mark) return item;
  const { maintenanceUntil: _earlier, ...rest } = item;
  return (mark === undefined ? rest : { ...rest, maintenanceUntil: mark }) as T;
}

/** The job with when its covering windows close, or without a mark when none is open. */
export function jobInMaintenance<J extends JobState>(job: J, open: readonly OpenWindow[]): J {
  return markedUntil(job, scopeOpenUntil(open, job.applianceId, job.jobId));
}

function applianceInMaintenance(view: ApplianceView, open: readonly OpenWindow[]): ApplianceView {
  const until = scopeOpenUntil(open, view.id, null);
  const jobs = view.jobs.map((job) => jobInMaintenance(job, open));
  const marked = markedUntil(view, until);
  if (marked === view && jobs.every((job, i) => job === view.jobs[i])) return view;
  const health: OverallStatus[] = isUnhealthy(view.health) ? [until === null ? 'appliance_problem' : 'maintenance'] : [];
  return { ...marked, jobs, status: view.enabled ? worstOf([...jobs.map(jobSeverity), ...health]) : 'no_data' };
}

/** The watched jobs a window holds, by what they leave out of the counts. */
function heldCounts(appliances: readonly ApplianceView[]) {
  const held = appliances.filter((a) => a.enabled).flatMap((a) => a.jobs.filter((job) => job.maintenanceUntil !== undefined));
  return {
    failed: held.filter(isOpenFailure).length,
    atRisk: held.filter(isOpenBreach).length,
    attention: held.filter((job) => isOpenFailure(job) || isOpenBreach(job)).length,
  };
}

/** Machines unprotected or at risk that nobody acknowledged (they weigh like a job at risk). */
function objectsWeigh(objects: ObjectSummary | undefined): boolean {
  if (objects === undefined) return false;
  const { counts, acknowledged } = objects;
  return counts.unprotected + counts.at_risk > acknowledged.unprotected + acknowledged.at_risk;
}

/** The snapshot as the open maintenance windows leave it, whatever windows marked it before. */
export function withMaintenance(snapshot: StatusSnapshot, open: readonly OpenWindow[]): StatusSnapshot {
  const appliances = snapshot.appliances.map((view) => applianceInMaintenance(view, open));
  if (appliances.every((view, i) => view === snapshot.appliances[i])) return snapshot;
  const [before, now] = [heldCounts(snapshot.appliances), heldCounts(appliances)];
  const inMaintenance = appliances.some(
    (a) => a.maintenanceUntil !== undefined || a.jobs.some((job) => job.maintenanceUntil !== undefined),
  );
  // While a window holds anything, the tray shows maintenance over the machines' problems too.
  const objects: OverallStatus[] = !inMaintenance && objectsWeigh(snapshot.objects) ? ['at_risk'] : [];
  return {
    ...snapshot,
    appliances,
    overall: worstOf([...appliances.map((a) => a.status), ...objects]),
    failedJobs: snapshot.failedJobs + before.failed - now.failed,
    atRiskJobs: snapshot.atRiskJobs + before.atRisk - now.atRisk,
    jobsNeedingAttention: snapshot.jobsNeedingAttention + before.attention - now.attention,
  };
}
