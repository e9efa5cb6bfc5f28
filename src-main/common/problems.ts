/**
 * The problems worth listing in the tray menu and the window, newest first: appliance health,
 * failed and warned jobs, jobs at risk. Pure; `now` (epoch ms) is passed in for ages.
 */
import { formatRpo } from './duration.js';
import { formatRelative, STATUS_LABELS } from './format.js';
import { isUnhealthy } from './model.js';
import type { ApplianceHealth, Session, SessionStatus } from './model.js';
import type { ApplianceHistory } from './job-history.js';
import type { ApplianceState, JobState, ProblemView } from './snapshot.js';
import { SESSION_STATUS_SEVERITY } from './severity.js';
import { timeKey, toMs } from './time.js';

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

/** A problem before its words: thousands may exist, only the newest 20 get a title. */
interface Candidate {
  readonly key: string;
  readonly appliance: ApplianceState['appliance'];
  readonly health: ApplianceState['health'] | null;
  readonly job: JobState | null;
  readonly session: Session | null;
}

function candidatesOf({ state, history, jobs }: ApplianceJobs, into: Candidate[]): void {
  const { appliance, health } = state;
  if (isUnhealthy(health)) into.push({ key: timeKey(health.lastPoll) ?? '', appliance, health, job: null, session: null });
  for (const job of jobs) {
    if (job.protection === 'disabled') continue;
    if (job.protection === 'at_risk' && !job.breachAcknowledged) {
      into.push({ key: timeKey(job.atRiskSince) ?? '', appliance, health: null, job, session: null });
    }
    const last = job.acknowledged ? null : (history.byJob.get(job.jobId)?.latestFinished ?? null);
    const severity = last === null ? null : SESSION_STATUS_SEVERITY[last.status];
    if (last !== null && (severity === 'failed' || severity === 'warning')) {
      into.push({ key: timeKey(last.end ?? last.start) ?? '', appliance, health: null, job, session: last });
    }
  }
}

function problemOf(c: Candidate, now: number): ProblemView {
  const base = { applianceId: c.appliance.id, applianceName: c.appliance.name };
  if (c.health !== null) {
    const title = `${c.appliance.name}: ${HEALTH_TITLES[c.health.state]}`;
    return { ...base, sessionId: null, title, at: c.health.lastPoll, severity: 'appliance_problem' };
  }
  const job = c.job as JobState;
  if (c.session === null) {
    const since = job.lastSuccess === null ? 'never succeeded' : `last success ${ageWords(job.lastSuccess, now)}`;
    return { ...base, sessionId: null, title: `At risk: ${job.jobName}, ${since}`, at: job.atRiskSince, severity: 'at_risk' };
  }
  const { session } = c;
  const severity = SESSION_STATUS_SEVERITY[session.status];
  return { ...base, sessionId: session.id, title: problemTitle(job, session.status), at: session.end ?? session.start, severity };
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
