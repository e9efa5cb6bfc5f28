/**
 * The protection rule: has a job had a successful backup within its RPO? Pure; `now` (epoch ms)
 * is always passed in. Works on the session index (job-history.ts), so a fleet costs one pass.
 */
import { sessionEndMs } from './job-history.js';
import type { ApplianceHistory, JobHistory, KnownJob } from './job-history.js';
import { runKindOf } from './vendors/index.js';
import type { Appliance, Session, SessionStatus } from './model.js';
import type { Settings } from './settings.js';
import type { ProtectionState } from './snapshot.js';
import { jobKey } from './snapshot.js';
import { CLOCK_SKEW_TOLERANCE_MS } from './time.js';

/** The settings the protection rule reads. */
export type ProtectionSettings = Pick<Settings, 'rpoSec' | 'jobRpo' | 'warningsAreUnprotected'>;

/** The breach reference of a job that never succeeded. */
export const NEVER_SUCCEEDED = 'never';

/**
 * The RPO of one job, seconds: the admin's for this job if any (null = off), else the default of
 * its kind (a log backup's is far shorter than a nightly backup's), else the global one.
 */
export function rpoSecOf(
  settings: Pick<ProtectionSettings, 'rpoSec' | 'jobRpo'>,
  appliance: Pick<Appliance, 'id' | 'vendor'>,
  job: Pick<KnownJob, 'id' | 'type'>,
): number | null {
  const override = settings.jobRpo[jobKey(appliance.id, job.id)];
  if (override !== undefined) return override.rpoSec;
  return runKindOf(appliance.vendor, job.type)?.defaultRpoSec ?? settings.rpoSec;
}

/** Whether a session with this outcome counts as a successful backup. */
export function isProtecting(status: SessionStatus, warningsAreUnprotected: boolean): boolean {
  return status === 'succeeded' || (status === 'warning' && !warningsAreUnprotected);
}

export interface Protection {
  readonly state: ProtectionState;
  /** The newest session that counts as protection, null if none. */
  readonly lastSuccess: Session | null;
  /** Identity of the current breach (the last success's session id, or `never`); null unless at risk. */
  readonly rpoBreach: string | null;
  /** Epoch ms the job became at risk; null unless at risk. */
  readonly atRiskSinceMs: number | null;
  /** The first instant (epoch ms) at which this answer may change with the same sessions; Infinity if never. */
  readonly changesAtMs: number;
}

/** The newest protecting session that ended by `latestMs`, read from the sessions themselves. */
function lastSuccessBy(sessions: readonly Session[], jobId: string, latestMs: number, warningsAreUnprotected: boolean): Session | null {
  let best: Session | null = null;
  for (const s of sessions) {
    if (s.jobId !== jobId || !isProtecting(s.status, warningsAreUnprotected)) continue;
    const end = sessionEndMs(s);
    // A run without a readable time never protects (as in the session index).
    if (Number.isFinite(end) && end <= latestMs && (best === null || end > sessionEndMs(best))) best = s;
  }
  return best;
}

/** The newest protecting session of a job that does not end past the clock tolerance, and its end. */
function lastSuccessOf(
  appliance: ApplianceHistory,
  job: JobHistory,
  warningsAreUnprotected: boolean,
  now: number,
): { session: Session | null; endMs: number; changesAtMs: number } | null {
  const useWarning =
    !warningsAreUnprotected && job.lastWarning !== null && (job.lastSucceeded === null || job.lastWarningKey > job.lastSucceededKey);
  const session = useWarning ? job.lastWarning : job.lastSucceeded;
  if (session === null) return null;
  const latestMs = now + CLOCK_SKEW_TOLERANCE_MS;
  const endMs = (useWarning ? job.lastWarningMs : job.lastSucceededMs) ?? sessionEndMs(session);
  if (endMs <= latestMs) return { session, endMs, changesAtMs: Number.POSITIVE_INFINITY };
  // A clock fault (an end far ahead): the rare slow path reads this job's sessions again.
  const fallback = lastSuccessBy(appliance.sessions, job.jobId, latestMs, warningsAreUnprotected);
  const changesAtMs = endMs - CLOCK_SKEW_TOLERANCE_MS;
  return fallback === null ? { session: null, endMs: 0, changesAtMs } : { session: fallback, endMs: sessionEndMs(fallback), changesAtMs };
}

/**
 * The protection state of one job at `now`. An RPO of null (off) never puts a job at risk: any
 * success protects it. A job known only since less than its RPO and never successful is `new`;
 * so is a job without any session (nothing says since when it exists, and red for a job just
 * created would be a false alarm: its first run decides).
 */
export function protectionOf(
  appliance: ApplianceHistory,
  jobId: string,
  enabled: boolean,
  rpoSec: number | null,
  warningsAreUnprotected: boolean,
  now: number,
): Protection {
  const job = appliance.byJob.get(jobId);
  const found = job === undefined ? null : lastSuccessOf(appliance, job, warningsAreUnprotected, now);
  const lastSuccess = found?.session ?? null;
  const fixedUntil = found?.changesAtMs ?? Number.POSITIVE_INFINITY;
  const calm = { lastSuccess, rpoBreach: null, atRiskSinceMs: null };
  if (!enabled) return { ...calm, state: 'disabled', changesAtMs: fixedUntil };
  if (rpoSec === null) return { ...calm, state: lastSuccess === null ? 'new' : 'protected', changesAtMs: fixedUntil };
  const rpoMs = rpoSec * 1000;
  if (found !== null && lastSuccess !== null) {
    const riskFrom = found.endMs + rpoMs;
    if (now <= riskFrom) return { ...calm, state: 'protected', changesAtMs: Math.min(fixedUntil, riskFrom + 1) };
    return { state: 'at_risk', lastSuccess, rpoBreach: lastSuccess.id, atRiskSinceMs: riskFrom, changesAtMs: fixedUntil };
  }
  const firstSeenMs = job?.firstSeenMs ?? null;
  if (firstSeenMs === null) return { ...calm, state: 'new', changesAtMs: fixedUntil };
  const riskFrom = firstSeenMs + rpoMs;
  if (now <= riskFrom) return { ...calm, state: 'new', changesAtMs: Math.min(fixedUntil, riskFrom + 1) };
  return { state: 'at_risk', lastSuccess, rpoBreach: NEVER_SUCCEEDED, atRiskSinceMs: riskFrom, changesAtMs: fixedUntil };
}

/** Share (0..1) of the job's last 30 finished sessions that count as protection; null before any. */
export function successRate(job: JobHistory | undefined, warningsAreUnprotected: boolean): number | null {
  if (job === undefined) return null;
  return warningsAreUnprotected ? job.successRate : job.successOrWarningRate;
}
