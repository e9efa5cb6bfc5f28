/**
 * The problems worth listing in the tray menu and the window, newest first: appliance health,
 * failed and warned jobs, jobs at risk. Pure; `now` (epoch ms) is passed in for ages.
 */
import { formatRpo } from './duration.js';
import { formatRelative, STATUS_LABELS } from './format.js';
import { isUnhealthy } from './model.js';
import type { ApplianceHealth, SessionStatus } from './model.js';
import type { ApplianceState, JobState, ProblemView } from './snapshot.js';
import type { JobSummary } from './status-rules.js';
import { SESSION_STATUS_SEVERITY } from './severity.js';
import { toMs } from './time.js';

const MAX_PROBLEMS = 20;

const HEALTH_TITLES: Readonly<Record<ApplianceHealth['state'], string>> = {
  ok: 'OK',
  unreachable: 'unreachable',
  auth_failed: 'login failed',
  untrusted_certificate: 'certificate not trusted',
  error: 'error',
};

function problemTitle(job: JobState, status: SessionStatus): string {
  return status === 'failed' ? `Backup failed: ${job.jobName}` : `${job.jobName}: ${STATUS_LABELS[status].toLowerCase()}`;
}

/** "last success 31 h ago, RPO 26 h" or "never succeeded, RPO 26 h". */
export function breachWords(job: Pick<JobState, 'lastSuccess' | 'rpoSec'>, now: number): string {
  const since = job.lastSuccess === null ? 'never succeeded' : `last success ${ageWords(job.lastSuccess, now)}`;
  return `${since}, RPO ${formatRpo(job.rpoSec)}`;
}

/** How long ago an ISO time was, never in the future ("31 h ago", "just now", "never"). */
export function ageWords(iso: string | null, now: number): string {
  const ms = toMs(iso);
  return formatRelative(iso, ms !== null && ms > now ? ms : now);
}

function jobProblems(base: Pick<ProblemView, 'applianceId' | 'applianceName'>, job: JobSummary, now: number): ProblemView[] {
  if (job.protection === 'disabled') return [];
  const problems: ProblemView[] = [];
  if (job.protection === 'at_risk' && !job.breachAcknowledged) {
    const since = job.lastSuccess === null ? 'never succeeded' : `last success ${ageWords(job.lastSuccess, now)}`;
    problems.push({ ...base, sessionId: null, title: `At risk: ${job.jobName}, ${since}`, at: job.atRiskSince, severity: 'at_risk' });
  }
  const last = job.lastSession;
  if (last === null || job.acknowledged) return problems;
  const severity = SESSION_STATUS_SEVERITY[last.status];
  if (severity === 'failed' || severity === 'warning') {
    problems.push({ ...base, sessionId: last.id, title: problemTitle(job, last.status), at: last.end ?? last.start, severity });
  }
  return problems;
}

function applianceProblems(state: ApplianceState, jobs: readonly JobSummary[], now: number): ProblemView[] {
  const { appliance, health } = state;
  const base = { applianceId: appliance.id, applianceName: appliance.name };
  const problems: ProblemView[] = [];
  if (isUnhealthy(health)) {
    problems.push({
      ...base,
      sessionId: null,
      title: `${appliance.name}: ${HEALTH_TITLES[health.state]}`,
      at: health.lastPoll,
      severity: 'appliance_problem',
    });
  }
  for (const job of jobs) problems.push(...jobProblems(base, job, now));
  return problems;
}

function newestFirst(a: ProblemView, b: ProblemView): number {
  return (toMs(b.at) ?? Number.NEGATIVE_INFINITY) - (toMs(a.at) ?? Number.NEGATIVE_INFINITY) || 0;
}

/** The newest problems of the watched appliances (at most 20). */
export function problemsOf(
  appliances: readonly { readonly state: ApplianceState; readonly jobs: readonly JobSummary[] }[],
  now: number,
): ProblemView[] {
  return appliances
    .flatMap(({ state, jobs }) => applianceProblems(state, jobs, now))
    .sort(newestFirst)
    .slice(0, MAX_PROBLEMS);
}
