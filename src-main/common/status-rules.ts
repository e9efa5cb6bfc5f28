/**
 * The status rules: what state each job is in, and the one overall status the tray shows.
 * Pure functions over a FleetState; `now` (epoch ms) is always passed in.
 */
import { STATUS_LABELS } from './format.js';
import { isActiveStatus, SESSION_STATUSES } from './model.js';
import type { ApplianceHealth, Session, SessionStatus } from './model.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { jobKey, OVERALL_STATUSES } from './snapshot.js';
import type {
  ApplianceState,
  ApplianceView,
  FleetState,
  JobState,
  MissedRun,
  OverallStatus,
  ProblemView,
  StatusCounts,
  StatusSnapshot,
} from './snapshot.js';
import { isInEffect, toMs } from './time.js';

/** The settings the status rules read. */
export type StatusSettings = Pick<Settings, 'acknowledged' | 'mutedJobs'>;

/** How much a session in each status weighs in the overall status. */
export const SESSION_STATUS_SEVERITY: Readonly<Record<SessionStatus, OverallStatus>> = {
  queued: 'running',
  paused: 'running',
  running: 'running',
  succeeded: 'ok',
  warning: 'warning',
  failed: 'failed',
  // A canceled run or an unrecognised vendor word means no confirmed backup: worth a look, not red.
  canceled: 'warning',
  unknown: 'warning',
};

/** Rank of an overall status: 0 is the worst (failed), higher is better. */
export function severityRank(status: OverallStatus): number {
  return OVERALL_STATUSES.indexOf(status);
}

/** The worst of some statuses; `no_data` when there are none. */
export function worstOf(statuses: Iterable<OverallStatus>): OverallStatus {
  let worst: OverallStatus = 'no_data';
  for (const s of statuses) if (severityRank(s) < severityRank(worst)) worst = s;
  return worst;
}

/** True when the appliance's health is a problem (anything but ok). */
export function isUnhealthy(health: Pick<ApplianceHealth, 'state'>): boolean {
  return health.state !== 'ok';
}

/** When a session ended, for ordering: its end, else its start, else never. */
export function sessionEndMs(s: Session): number {
  return toMs(s.end) ?? toMs(s.start) ?? Number.NEGATIVE_INFINITY;
}

/** Orders sessions oldest-finished first; ties by start, then by id so the order is stable. */
export function compareByFinish(a: Session, b: Session): number {
  return (
    sessionEndMs(a) - sessionEndMs(b) || (toMs(a.start) ?? 0) - (toMs(b.start) ?? 0) || a.id.localeCompare(b.id, 'en', { numeric: true })
  );
}

/** The latest finished (not active) session among some sessions, or null. */
export function latestFinished(sessions: Iterable<Session>): Session | null {
  let latest: Session | null = null;
  for (const s of sessions) {
    if (isActiveStatus(s.status)) continue;
    if (latest === null || compareByFinish(s, latest) > 0) latest = s;
  }
  return latest;
}

/** A job's state together with the sessions it was derived from. */
interface JobSummary extends JobState {
  readonly lastSession: Session | null;
  /** The newest active session of the job, if any. */
  readonly activeSession: Session | null;
}

function newestActive(sessions: readonly Session[]): Session | null {
  const active = sessions.filter((s) => isActiveStatus(s.status));
  return active.reduce<Session | null>((best, s) => (best === null || compareByStart(s, best) > 0 ? s : best), null);
}

function compareByStart(a: Session, b: Session): number {
  return (toMs(a.start) ?? 0) - (toMs(b.start) ?? 0) || a.id.localeCompare(b.id, 'en', { numeric: true });
}

function groupByJob(sessions: readonly Session[]): Map<string, Session[]> {
  const byJob = new Map<string, Session[]>();
  for (const s of sessions) {
    const list = byJob.get(s.jobId);
    if (list) list.push(s);
    else byJob.set(s.jobId, [s]);
  }
  return byJob;
}

function summarizeJobs(state: ApplianceState, settings: StatusSettings, now: number): JobSummary[] {
  const applianceId = state.appliance.id;
  const byJob = groupByJob(state.sessions);
  const names = new Map<string, string>(state.jobs.map((j) => [j.id, j.name]));
  // Jobs known only from their sessions (deleted or not listed by the vendor) still count.
  for (const [jobId, sessions] of byJob) if (!names.has(jobId)) names.set(jobId, sessions[0]?.jobName ?? jobId);

  return [...names].map(([jobId, jobName]) => {
    const sessions = byJob.get(jobId) ?? [];
    const lastSession = latestFinished(sessions);
    const activeSession = newestActive(sessions);
    const key = jobKey(applianceId, jobId);
    const ack = settings.acknowledged[key];
    const mute = settings.mutedJobs[key];
    return {
      applianceId,
      jobId,
      jobName,
      lastOutcome: lastSession?.status ?? null,
      lastOutcomeSessionId: lastSession?.id ?? null,
      running: activeSession !== null,
      acknowledged: lastSession?.status === 'failed' && ack !== undefined && ack.sessionId === lastSession.id && isInEffect(ack.until, now),
      muted: mute !== undefined && isInEffect(mute.until, now),
      lastSession,
      activeSession,
    };
  });
}

/** The current state of every job of one appliance (jobs known only from sessions included). */
export function jobStates(appliance: ApplianceState, settings: StatusSettings, now: number): JobState[] {
  return summarizeJobs(appliance, settings, now).map(({ lastSession: _last, activeSession: _active, ...state }) => state);
}

/** True when the job's current outcome is a failure nobody acknowledged. */
function isOpenFailure(job: JobState): boolean {
  return job.lastOutcome === 'failed' && !job.acknowledged;
}

/** What one job contributes to the overall status. */
function jobSeverity(job: JobState): OverallStatus {
  // An acknowledged failure no longer turns the tray red: it weighs as a finished run.
  const outcome: OverallStatus = job.lastOutcome === null ? 'no_data' : job.acknowledged ? 'ok' : SESSION_STATUS_SEVERITY[job.lastOutcome];
  // The last finished outcome is kept while a retry runs, so a retry never hides a failure.
  return job.running ? worstOf([outcome, 'running']) : outcome;
}

/** Worst status of one appliance alone; `no_data` for a disabled appliance (it is not watched). */
export function applianceStatus(state: ApplianceState, settings: StatusSettings, now: number): OverallStatus {
  return statusOf(state, summarizeJobs(state, settings, now));
}

function statusOf(state: ApplianceState, jobs: readonly JobState[]): OverallStatus {
  if (!state.appliance.enabled) return 'no_data';
  const severities = jobs.map(jobSeverity);
  return worstOf(isUnhealthy(state.health) ? [...severities, 'appliance_problem'] : severities);
}

/** The one status the tray shows: worst over all enabled appliances. */
export function overallStatus(fleet: FleetState, settings: StatusSettings, now: number): OverallStatus {
  return worstOf(fleet.appliances.map((a) => applianceStatus(a, settings, now)));
}

function zeroCounts(): Record<SessionStatus, number> {
  return Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>;
}

/**
 * Jobs of one appliance counted by their current outcome; a job with an active session is also
 * counted under that session's status (queued, paused or running). Acknowledged failures are
 * left out, so "2 failed" always means two failures still waiting for the admin.
 */
export function countJobs(state: ApplianceState, settings: StatusSettings, now: number): StatusCounts {
  return countOf(summarizeJobs(state, settings, now));
}

function countOf(jobs: readonly JobSummary[]): StatusCounts {
  const counts = zeroCounts();
  for (const job of jobs) {
    if (job.lastOutcome !== null && !job.acknowledged) counts[job.lastOutcome] += 1;
    if (job.activeSession) counts[job.activeSession.status] += 1;
  }
  return counts;
}

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

function problemsOf(state: ApplianceState, jobs: readonly JobSummary[]): ProblemView[] {
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
  for (const job of jobs) {
    if (!job.lastSession || job.acknowledged) continue;
    const severity = SESSION_STATUS_SEVERITY[job.lastSession.status];
    if (severity !== 'failed' && severity !== 'warning') continue;
    problems.push({
      ...base,
      sessionId: job.lastSession.id,
      title: problemTitle(job, job.lastSession.status),
      at: job.lastSession.end ?? job.lastSession.start,
      severity,
    });
  }
  return problems;
}

const MAX_PROBLEMS = 20;

function newestFirst(a: ProblemView, b: ProblemView): number {
  return (toMs(b.at) ?? Number.NEGATIVE_INFINITY) - (toMs(a.at) ?? Number.NEGATIVE_INFINITY) || 0;
}

function latestIso(times: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const t of times) if ((toMs(t) ?? Number.NEGATIVE_INFINITY) > (toMs(best) ?? Number.NEGATIVE_INFINITY)) best = t;
  return best;
}

/** A session that started a little before its due time (clock skew) still counts as the run. */
export const MISSED_RUN_SLACK_MS = 60_000;

/** Whether a session is a run of a schedule due at `due` (epoch ms). */
export function startedSince(session: Session, due: number): boolean {
  const start = toMs(session.start);
  return start === null ? isActiveStatus(session.status) : start >= due - MISSED_RUN_SLACK_MS;
}

/** Jobs whose current scheduled run is overdue by more than `graceMs`, with no session since. */
export function missedRuns(state: ApplianceState, graceMs: number, now: number): MissedRun[] {
  // While the appliance cannot be read its sessions are stale: the run may well have happened.
  if (!state.appliance.enabled || isUnhealthy(state.health)) return [];
  return state.jobs.flatMap((job) => {
    const due = toMs(job.nextRun);
    if (due === null || !job.enabled || due + graceMs >= now) return [];
    if (state.sessions.some((s) => s.jobId === job.id && startedSince(s, due))) return [];
    return [{ jobId: job.id, jobName: job.name, dueAt: new Date(due).toISOString() }];
  });
}

function applianceView(
  state: ApplianceState,
  jobs: readonly JobSummary[],
  hasSecret: boolean,
  missed: readonly MissedRun[],
): ApplianceView {
  const { appliance } = state;
  return {
    id: appliance.id,
    name: appliance.name,
    vendor: appliance.vendor,
    baseUrl: appliance.baseUrl,
    username: appliance.username,
    credential: appliance.credential,
    hasSecret,
    certificateFingerprint: appliance.certificate?.fingerprint256 ?? null,
    options: appliance.options,
    enabled: appliance.enabled,
    health: state.health,
    status: statusOf(state, jobs),
    jobCounts: countOf(jobs),
    runningSessionIds: state.sessions.filter((s) => isActiveStatus(s.status)).map((s) => s.id),
    missedRuns: missed,
  };
}

/**
 * The status summary pushed to the tray and the window after every poll.
 * `hasSecret` tells whether a password is stored for an appliance (never the password).
 */
export function buildStatusSnapshot(
  fleet: FleetState,
  settings: StatusSettings & Pick<Settings, 'notificationsPausedUntil'> & Partial<Pick<Settings, 'missedRunGraceMin'>>,
  now: number,
  hasSecret: (applianceId: string) => boolean,
): StatusSnapshot {
  const graceMs = (settings.missedRunGraceMin ?? DEFAULT_SETTINGS.missedRunGraceMin) * 60_000;
  const summaries = fleet.appliances.map((state) => ({ state, jobs: summarizeJobs(state, settings, now) }));
  const watched = summaries.filter(({ state }) => state.appliance.enabled);
  const paused = settings.notificationsPausedUntil;
  return {
    at: fleet.at,
    overall: worstOf(summaries.map(({ state, jobs }) => statusOf(state, jobs))),
    failedJobs: watched.flatMap(({ jobs }) => jobs).filter(isOpenFailure).length,
    appliances: summaries.map(({ state, jobs }) =>
      applianceView(state, jobs, hasSecret(state.appliance.id), missedRuns(state, graceMs, now)),
    ),
    problems: watched
      .flatMap(({ state, jobs }) => problemsOf(state, jobs))
      .sort(newestFirst)
      .slice(0, MAX_PROBLEMS),
    lastPoll: latestIso(fleet.appliances.map((a) => a.health.lastPoll)),
    notificationsPausedUntil: paused !== null && isInEffect(paused, now) ? paused : null,
  };
}
