/**
 * The overview's summary band and problem rows: every job counted once by its protection, the
 * failures and runs beside them, and where each problem row leads. Pure.
 */
import type { ApplianceView, JobState, ProblemView, StatusSnapshot } from '../../src-main/common/snapshot.js';

export interface FleetCounts {
  /** Every job the watched appliances list (protected + at risk + disabled + new). */
  readonly jobs: number;
  readonly protected: number;
  /** Acknowledged breaches included: an acknowledgement quiets the tray, the job is still past its RPO. */
  readonly atRisk: number;
  readonly acknowledged: number;
  readonly disabled: number;
  readonly new: number;
  readonly failed: number;
  readonly running: number;
}

/** Counted from the jobs themselves: the appliances' protection counts leave acknowledged breaches out. */
export function fleetCounts(snapshot: StatusSnapshot): FleetCounts {
  const jobs = snapshot.appliances.filter((a) => a.enabled).flatMap((a) => a.jobs);
  const count = (test: (job: JobState) => boolean) => jobs.filter(test).length;
  return {
    jobs: jobs.length,
    protected: count((j) => j.protection === 'protected'),
    atRisk: count((j) => j.protection === 'at_risk'),
    acknowledged: count((j) => j.protection === 'at_risk' && j.breachAcknowledged),
    disabled: count((j) => j.protection === 'disabled'),
    new: count((j) => j.protection === 'new'),
    failed: snapshot.failedJobs,
    running: count((j) => j.running),
  };
}

/** Where a problem row leads: its session, its job (a job at risk), or its appliance's card. */
export type ProblemTarget =
  | { readonly kind: 'session'; readonly applianceId: string; readonly sessionId: string }
  | { readonly kind: 'job'; readonly applianceId: string; readonly jobId: string }
  | { readonly kind: 'appliance'; readonly applianceId: string };

export function problemTarget(problem: ProblemView, appliances: readonly ApplianceView[]): ProblemTarget {
  const { applianceId } = problem;
  if (problem.sessionId !== null) return { kind: 'session', applianceId, sessionId: problem.sessionId };
  if (problem.severity === 'at_risk') {
    const jobs = appliances.find((a) => a.id === applianceId)?.jobs ?? [];
    const job = jobs.find((j) => j.protection === 'at_risk' && j.atRiskSince === problem.at);
    if (job) return { kind: 'job', applianceId, jobId: job.jobId };
  }
  return { kind: 'appliance', applianceId };
}
