/**
 * The fleet's jobs in words for the overview: the lead line ("44 jobs: 41 protected · 2 at risk ·
 * 1 disabled · 1 failed · 3 running") and each appliance's problem jobs by name, with their age. Pure.
 */
import { countOf, STATUS_LABELS } from '../../src-main/common/format.js';
import { ageWords, breachWords } from '../../src-main/common/problems.js';
import type { ApplianceView, JobState, StatusSnapshot } from '../../src-main/common/snapshot.js';
import { fleetCounts } from './fleet-summary.js';

/**
 * The overview's first line: every job counted once by its protection (an acknowledged breach is
 * still at risk), then failures and runs; counts that are zero are left out, except the protected ones.
 */
export function fleetLead(snapshot: StatusSnapshot): string {
  const c = fleetCounts(snapshot);
  if (c.jobs === 0) return 'No jobs yet';
  const parts = [
    `${countOf(c.jobs, 'jobs')}: ${c.protected} protected`,
    c.atRisk > 0 ? `${c.atRisk} at risk${c.acknowledged > 0 ? ` (${c.acknowledged} acknowledged)` : ''}` : null,
    c.new > 0 ? `${c.new} without a run yet` : null,
    c.disabled > 0 ? `${c.disabled} disabled` : null,
    c.failed > 0 ? `${c.failed} failed` : null,
    c.running > 0 ? `${c.running} running` : null,
  ];
  return parts.filter((p) => p !== null).join(' · ');
}

export type ProblemKind = 'failed' | 'at_risk' | 'warning';

export interface ProblemJob {
  readonly jobId: string;
  readonly jobName: string;
  readonly kind: ProblemKind;
  /** "failed 3 h ago", "last success 31 h ago, RPO 26 h", or both. */
  readonly words: string;
}

export interface ProblemJobs {
  readonly shown: readonly ProblemJob[];
  /** Problem jobs beyond the shown ones ("N more"). */
  readonly more: number;
}

/** Problem jobs listed per appliance card before "N more". */
export const CARD_PROBLEM_LIMIT = 4;

const KIND_ORDER: readonly ProblemKind[] = ['failed', 'at_risk', 'warning'];

function problemOf(job: JobState, endOf: (sessionId: string) => string | null, now: number): ProblemJob | null {
  if (job.protection === 'disabled') return null;
  const outcome = job.acknowledged ? null : job.lastOutcome;
  const failed = outcome === 'failed';
  const warned = outcome === 'warning' || outcome === 'canceled' || outcome === 'unknown';
  const atRisk = job.protection === 'at_risk' && !job.breachAcknowledged;
  if (!failed && !warned && !atRisk) return null;
  const words: string[] = [];
  if (outcome !== null && (failed || warned)) {
    const end = job.lastOutcomeSessionId === null ? null : endOf(job.lastOutcomeSessionId);
    const word = STATUS_LABELS[outcome].toLowerCase();
    words.push(end === null ? `last run ${word}` : `${word} ${ageWords(end, now)}`);
  }
  if (atRisk) words.push(breachWords(job, now));
  return { jobId: job.jobId, jobName: job.jobName, kind: failed ? 'failed' : atRisk ? 'at_risk' : 'warning', words: words.join('; ') };
}

/**
 * An appliance's failed, at-risk and warned jobs, worst first, at most `limit`.
 * `endOf` finds when a session of this appliance ended (the age of a failure), null if unknown.
 */
export function problemJobs(
  appliance: ApplianceView,
  endOf: (sessionId: string) => string | null,
  now: number,
  limit = CARD_PROBLEM_LIMIT,
): ProblemJobs {
  const all = appliance.jobs
    .map((job) => problemOf(job, endOf, now))
    .filter((p): p is ProblemJob => p !== null)
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.jobName.localeCompare(b.jobName));
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
