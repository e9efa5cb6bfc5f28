/**
 * The protection rule: has a job had a successful backup within its RPO? Pure; `now` (epoch ms)
 * is always passed in. Works on a `JobHistory` (job-history.ts), so a whole fleet costs one pass.
 */
import type { JobHistory } from './job-history.js';
import type { Session, SessionStatus } from './model.js';
import type { Settings } from './settings.js';
import type { ProtectionState } from './snapshot.js';
import { jobKey } from './snapshot.js';
import { toMs } from './time.js';

/** The settings the protection rule reads. */
export type ProtectionSettings = Pick<Settings, 'rpoSec' | 'jobRpo' | 'warningsAreUnprotected'>;

/**
 * How far in the future a session may end and still count (appliance and local clocks drift).
 * A success that ends later than this is a clock fault: it is ignored, so it can never keep a job
 * protected for longer than this tolerance plus the RPO. Ages are never negative.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 60 * 60_000;

/** The breach reference of a job that never succeeded. */
export const NEVER_SUCCEEDED = 'never';

/** Finished sessions the success rate looks back over. */
export const SUCCESS_RATE_WINDOW = 30;

/** The RPO of one job, seconds: its override if any (null = off), else the global one. */
export function rpoSecOf(settings: ProtectionSettings, applianceId: string, jobId: string): number | null {
  const override = settings.jobRpo[jobKey(applianceId, jobId)];
  return override === undefined ? settings.rpoSec : override.rpoSec;
}

/** Whether a session with this outcome counts as a successful backup. */
export function isProtecting(status: SessionStatus, warningsAreUnprotected: boolean): boolean {
  return status === 'succeeded' || (status === 'warning' && !warningsAreUnprotected);
}

/** The `timeKey` up to which a session end counts at `now`. */
export function protectionHorizonKey(now: number): string {
  return new Date(now + CLOCK_SKEW_TOLERANCE_MS).toISOString();
}

export interface Protection {
  readonly state: ProtectionState;
  /** The newest session that counts as protection, null if none. */
  readonly lastSuccess: Session | null;
  /** Identity of the current breach (the last success's session id, or `never`); null unless at risk. */
  readonly rpoBreach: string | null;
  /** Epoch ms the job became at risk; null unless at risk. */
  readonly atRiskSinceMs: number | null;
}

/** The newest protecting session of a job and its end key. */
export function lastSuccessOf(history: JobHistory | undefined, warningsAreUnprotected: boolean): Session | null {
  if (history === undefined) return null;
  const warning = warningsAreUnprotected ? null : history.lastWarning;
  if (warning === null) return history.lastSucceeded;
  if (history.lastSucceeded === null) return warning;
  return history.lastWarningKey > history.lastSucceededKey ? warning : history.lastSucceeded;
}

/**
 * The protection state of one job at `now`. An RPO of null (off) never puts a job at risk: any
 * success protects it. A job known only since less than its RPO and never successful is `new`;
 * so is a job without any session (nothing says since when it exists, and red for a job just
 * created would be a false alarm: its first run decides).
 */
export function protectionOf(
  history: JobHistory | undefined,
  enabled: boolean,
  rpoSec: number | null,
  warningsAreUnprotected: boolean,
  now: number,
): Protection {
  const lastSuccess = lastSuccessOf(history, warningsAreUnprotected);
  const calm = (state: ProtectionState): Protection => ({ state, lastSuccess, rpoBreach: null, atRiskSinceMs: null });
  if (!enabled) return calm('disabled');
  if (rpoSec === null) return calm(lastSuccess === null ? 'new' : 'protected');
  const rpoMs = rpoSec * 1000;
  if (lastSuccess !== null) {
    const endMs = toMs(lastSuccess.end) ?? toMs(lastSuccess.start) ?? Number.NEGATIVE_INFINITY;
    if (now - endMs <= rpoMs) return calm('protected');
    return { state: 'at_risk', lastSuccess, rpoBreach: lastSuccess.id, atRiskSinceMs: endMs + rpoMs };
  }
  const firstSeenMs = toMs(history?.firstSeenKey);
  if (firstSeenMs === null || now - firstSeenMs <= rpoMs) return calm('new');
  return { state: 'at_risk', lastSuccess, rpoBreach: NEVER_SUCCEEDED, atRiskSinceMs: firstSeenMs + rpoMs };
}

/** Share (0..1) of the job's last 30 finished sessions that count as protection; null before any. */
export function successRate(history: JobHistory | undefined, warningsAreUnprotected: boolean): number | null {
  if (history === undefined || history.finished.length === 0) return null;
  const runs =
    history.finished.length <= SUCCESS_RATE_WINDOW
      ? history.finished
      : [...history.finished].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0)).slice(0, SUCCESS_RATE_WINDOW);
  let good = 0;
  for (const run of runs) if (isProtecting(run.status, warningsAreUnprotected)) good += 1;
  return good / runs.length;
}
