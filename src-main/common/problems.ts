/**
 * The problems worth listing in the tray menu and the window, newest first: appliance health,
 * failed and warned jobs, jobs at risk. Pure; `now` (epoch ms) is passed in for ages.
 */
import { formatRpo } from './duration.js';
import { formatRelative, HEALTH_LABELS, jobOnAppliance, STATUS_LABELS } from './format.js';
import { isUnhealthy } from './model.js';
import type { Session, SessionStatus } from './model.js';
import type { ApplianceHistory } from './job-history.js';
import type { ApplianceState, JobState, ProblemView } from './snapshot.js';
import { SESSION_STATUS_SEVERITY } from './severity.js';
import { timeKey, toMs } from './time.js';

const MAX_PROBLEMS = 20;

/** "Backup failed: SQL Nightly — Dallas lab", "Warning: SQL Nightly — Dallas lab". */
function problemTitle(job: string, status: SessionStatus): string {
  return `${status === 'failed' ? 'Backup failed' : STATUS_LABELS[status]}: ${job}`;
}

/** "last success 31 h ago" or "never succeeded". */
export function lastSuccessWords(lastSuccess: string | null, now: number): string {
  return lastSuccess === null ? 'never succeeded' : `last success ${ageWords(lastSuccess, now)}`;
}

/** "last success 31 h ago, RPO 26 h" or "never succeeded, RPO 26 h". */
export function breachWords(job: Pick<JobState, 'lastSuccess' | 'rpoSec'>, now: number): string {
  return `${lastSuccessWords(job.lastSuccess, now)}, RPO ${formatRpo(job.rpoSec)}`;
}

/** How long ago an ISO time was, never in the future ("31 h ago", "just now", "never"). */
export function ageWords(iso: string | null, now: number): string {
  const ms = toMs(iso);
  return formatRelative(iso, ms !== null && ms > now ? ms : now);
}

/** A problem before its words: thousands may exist, only the newest 20 get a title. */
type Candidate = { readonly key: string; readonly appliance: ApplianceState['appliance'] } & (
  | { readonly kind: 'health'; readonly health: ApplianceState['health'] }
  | { readonly kind: 'at_risk'; readonly job: JobState }
  | { readonly kind: 'session'; readonly job: JobState; readonly session: Session }
);

function candidatesOf({ state, history, jobs }: ApplianceJobs, into: Candidate[]): void {
  const { appliance, health } = state;
  if (isUnhealthy(health)) into.push({ kind: 'health', key: timeKey(health.lastPoll) ?? '', appliance, health });
  for (const job of jobs) {
    if (job.protection === 'disabled') continue;
    if (job.protection === 'at_risk' && !job.breachAcknowledged) {
      into.push({ kind: 'at_risk', key: timeKey(job.atRiskSince) ?? '', appliance, job });
    }
    const session = job.acknowledged ? null : (history.byJob.get(job.jobId)?.latestFinished ?? null);
    const severity = session === null ? null : SESSION_STATUS_SEVERITY[session.status];
    if (session !== null && (severity === 'failed' || severity === 'warning')) {
      into.push({ kind: 'session', key: timeKey(session.end ?? session.start) ?? '', appliance, job, session });
    }
  }
}

function problemOf(c: Candidate, now: number): ProblemView {
  const base = { applianceId: c.appliance.id, applianceName: c.appliance.name };
  const job = c.kind === 'health' ? '' : jobOnAppliance(c.job.jobName, c.appliance.name);
  switch (c.kind) {
    case 'health':
      return {
        ...base,
        sessionId: null,
        title: `${c.appliance.name}: ${HEALTH_LABELS[c.health.state]}`,
        at: c.health.lastPoll,
        severity: 'appliance_problem',
      };
    case 'at_risk': {
      const title = `At risk: ${job}, ${lastSuccessWords(c.job.lastSuccess, now)}`;
      return { ...base, sessionId: null, title, at: c.job.atRiskSince, severity: 'at_risk' };
    }
    case 'session': {
      const { session } = c;
      const severity = SESSION_STATUS_SEVERITY[session.status];
      return { ...base, sessionId: session.id, title: problemTitle(job, session.status), at: session.end ?? session.start, severity };
    }
  }
}

/** One appliance: its state, its jobs' states and the session index they came from. */
interface ApplianceJobs {
  readonly state: ApplianceState;
  readonly history: ApplianceHistory;
  readonly jobs: readonly JobState[];
}

/** The newest problems of the watched appliances (at most 20). */
export function problemsOf(appliances: readonly ApplianceJobs[], now: number): ProblemView[] {
  const candidates: Candidate[] = [];
  for (const appliance of appliances) candidatesOf(appliance, candidates);
  // Newest first on keys computed once (a stable sort keeps the listing order on ties).
  candidates.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return candidates.slice(0, MAX_PROBLEMS).map((c) => problemOf(c, now));
}
