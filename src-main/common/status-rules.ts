/**
 * The status rules: what state each job is in, and the one overall status the tray shows.
 * Pure functions over a FleetState; `now` (epoch ms) is always passed in.
 */
import { knownJobs } from './job-history.js';
import type { ApplianceHistory, KnownJob } from './job-history.js';
import { missedRunsOf } from './missed-runs.js';
import { isUnhealthy, SESSION_STATUSES } from './model.js';
import { typeWords } from './vendors/index.js';
import type { SessionStatus } from './model.js';
import { problemsOf } from './problems.js';
import { SESSION_STATUS_SEVERITY, severityRank, worstOf } from './severity.js';
import { NO_SNAPSHOT_CACHE } from './snapshot-cache.js';
import type { SnapshotCache, TimedJobStates } from './snapshot-cache.js';
import { protectionOf, rpoSecOf, successRate } from './protection.js';
import type { ProtectionSettings } from './protection.js';
import { DEFAULT_SETTINGS } from './settings.js';
import type { Acknowledgement, Settings } from './settings.js';
import { jobKey, PROTECTION_STATES } from './snapshot.js';
import type {
  ApplianceState,
  ApplianceView,
  FleetState,
  JobState,
  MissedRun,
  OverallStatus,
  ProtectionCounts,
  ProtectionState,
  StatusCounts,
  StatusSnapshot,
} from './snapshot.js';
import { isInEffect, toMs } from './time.js';

/** The settings the status rules read. */
type StatusSettings = Pick<Settings, 'acknowledged' | 'mutedJobs'> & ProtectionSettings;

/** An appliance's jobs summarised, with the session index they came from. */
export interface ApplianceSummary {
  readonly state: ApplianceState;
  readonly history: ApplianceHistory;
  readonly jobs: readonly JobState[];
}

/** When a flag's expiry could change a job's state: its `until`, if still ahead. */
function expiryAfter(flag: { readonly until: string | null } | undefined, now: number): number {
  const until = flag === undefined ? null : toMs(flag.until);
  return until !== null && until > now ? until : Number.POSITIVE_INFINITY;
}

function summarizeJob(
  state: ApplianceState,
  job: KnownJob,
  history: ApplianceHistory,
  settings: StatusSettings,
  now: number,
): { job: JobState; validUntil: number } {
  const applianceId = state.appliance.id;
  const key = jobKey(applianceId, job.id);
  const sessions = history.byJob.get(job.id);
  const lastSession = sessions?.latestFinished ?? null;
  const rpoSec = rpoSecOf(settings, state.appliance, job);
  const protection = protectionOf(history, job.id, job.enabled, rpoSec, settings.warningsAreUnprotected, now);
  const ack = settings.acknowledged[key];
  const mute = settings.mutedJobs[key];
  const validUntil = Math.min(protection.changesAtMs, expiryAfter(ack, now), expiryAfter(mute, now));
  const summary: JobState = {
    applianceId,
    jobId: job.id,
    jobName: job.name,
    kind: typeWords(state.appliance.vendor, job.type),
    lastOutcome: lastSession?.status ?? null,
    lastOutcomeSessionId: lastSession?.id ?? null,
    lastOutcomeAt: lastSession === null ? null : (lastSession.end ?? lastSession.start),
    activeSessionId: sessions?.newestActive?.id ?? null,
    progressPercent: sessions?.newestActive?.progress.percent ?? null,
    running: (sessions?.newestActive ?? null) !== null,
    acknowledged: lastSession?.status === 'failed' && ack?.sessionId === lastSession.id && isInEffect(ack.until, now),
    muted: mute !== undefined && isInEffect(mute.until, now),
    protection: protection.state,
    lastSuccess: protection.lastSuccess === null ? null : (protection.lastSuccess.end ?? protection.lastSuccess.start),
    lastSuccessSessionId: protection.lastSuccess?.id ?? null,
    rpoSec,
    rpoBreach: protection.rpoBreach,
    atRiskSince: protection.atRiskSinceMs === null ? null : new Date(protection.atRiskSinceMs).toISOString(),
    breachAcknowledged: protection.rpoBreach !== null && ack?.rpoBreach === protection.rpoBreach && isInEffect(ack.until, now),
    nextRun: job.nextRun,
    successRate: successRate(sessions, settings.warningsAreUnprotected),
  };
  return { job: summary, validUntil };
}

function summarizeJobs(state: ApplianceState, history: ApplianceHistory, settings: StatusSettings, now: number): TimedJobStates {
  let validUntil = Number.POSITIVE_INFINITY;
  const states = knownJobs(state, history).map((known) => {
    const { job, validUntil: until } = summarizeJob(state, known, history, settings, now);
    if (until < validUntil) validUntil = until;
    return job;
  });
  return { states, validUntil };
}

function summarizeAppliance(
  state: ApplianceState,
  settings: StatusSettings,
  now: number,
  cache: SnapshotCache = NO_SNAPSHOT_CACHE,
): ApplianceSummary {
  const id = state.appliance.id;
  const history = cache.index(id, state.sessions);
  const jobs = cache.jobStates(id, { history, jobs: state.jobs, settings }, now, () => summarizeJobs(state, history, settings, now));
  return { state, history, jobs };
}

/**
 * The current state of every job of one appliance (jobs known only from sessions included); with
 * the snapshot's `cache`, an appliance whose sessions did not change since is not read again.
 */
export function jobStates(
  appliance: ApplianceState,
  settings: StatusSettings,
  now: number,
  cache: SnapshotCache = NO_SNAPSHOT_CACHE,
): JobState[] {
  return [...summarizeAppliance(appliance, settings, now, cache).jobs];
}

/**
 * The acknowledgement that clears what turns a job red now: its failure and its RPO breach, so it
 * holds until the next failure or the next breach. Null when there is nothing to acknowledge.
 */
export function acknowledgementOf(job: JobState, until: string | null): Acknowledgement | null {
  const sessionId = job.lastOutcome === 'failed' ? job.lastOutcomeSessionId : null;
  if (sessionId === null && job.rpoBreach === null) return null;
  return job.rpoBreach === null ? { sessionId, until } : { sessionId, rpoBreach: job.rpoBreach, until };
}

/** True when the job's current outcome is a failure nobody acknowledged (disabled jobs never count). */
export function isOpenFailure(job: JobState): boolean {
  return job.protection !== 'disabled' && job.lastOutcome === 'failed' && !job.acknowledged;
}

/** True when the job is at risk and nobody acknowledged this breach. */
export function isOpenBreach(job: JobState): boolean {
  return job.protection === 'at_risk' && !job.breachAcknowledged;
}

/**
 * What one job contributes to the overall status (each job one word: failed before at risk before
 * warning before running); a disabled job contributes nothing (`no_data`).
 */
export function jobSeverity(job: JobState): OverallStatus {
  if (job.protection === 'disabled') return 'no_data';
  // Inside a maintenance window the job shows that, whatever happened: still listed, not red.
  if (job.maintenanceUntil !== undefined) return 'maintenance';
  // An acknowledged failure no longer turns the tray red: it weighs as a finished run.
  const outcome: OverallStatus = job.lastOutcome === null ? 'no_data' : job.acknowledged ? 'ok' : SESSION_STATUS_SEVERITY[job.lastOutcome];
  // The last finished outcome is kept while a retry runs, so a retry never hides a failure.
  return worstOf([outcome, job.running ? 'running' : 'no_data', isOpenBreach(job) ? 'at_risk' : 'no_data']);
}

/** Worst status of one appliance alone; `no_data` for a disabled appliance (it is not watched). */
function statusOf(state: ApplianceState, jobs: readonly JobState[]): OverallStatus {
  if (!state.appliance.enabled) return 'no_data';
  const severities = jobs.map(jobSeverity);
  return worstOf(isUnhealthy(state.health) ? [...severities, 'appliance_problem'] : severities);
}

function zeroCounts(): Record<SessionStatus, number> {
  return Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>;
}

/**
 * Jobs of one appliance counted by their current outcome; a job with an active session is also
 * counted under that session's status (queued, paused or running). Acknowledged failures are
 * left out, so "2 failed" always means two failures still waiting for the admin.
 */
function countOf({ history, jobs }: ApplianceSummary): StatusCounts {
  const counts = zeroCounts();
  for (const job of jobs) {
    if (job.protection === 'disabled') continue;
    if (job.lastOutcome !== null && !job.acknowledged) counts[job.lastOutcome] += 1;
    const active = job.running ? history.byJob.get(job.jobId)?.newestActive : null;
    if (active) counts[active.status] += 1;
  }
  return counts;
}

/** Jobs of one appliance by protection state; an acknowledged breach is not counted at risk. */
export function countProtection(jobs: readonly JobState[]): ProtectionCounts {
  const counts = Object.fromEntries(PROTECTION_STATES.map((s) => [s, 0])) as Record<ProtectionState, number>;
  for (const job of jobs) if (job.protection !== 'at_risk' || !job.breachAcknowledged) counts[job.protection] += 1;
  return counts;
}

/** The view of one appliance's jobs: all of them, or the worst `JOB_VIEW_LIMIT` in a huge fleet. */
function jobViews(jobs: readonly JobState[]): { jobs: readonly JobState[]; omitted: number } {
  if (jobs.length <= JOB_VIEW_LIMIT) return { jobs, omitted: 0 };
  const ranked = jobs.map((job) => ({ job, rank: severityRank(jobSeverity(job)) })).sort((a, b) => a.rank - b.rank);
  return { jobs: ranked.slice(0, JOB_VIEW_LIMIT).map((r) => r.job), omitted: jobs.length - JOB_VIEW_LIMIT };
}

/** Jobs listed per appliance in the snapshot, so it stays bounded whatever an appliance reports. */
export const JOB_VIEW_LIMIT = 500;

function applianceView(summary: ApplianceSummary, hasSecret: boolean, missed: readonly MissedRun[]): ApplianceView {
  const { state, history, jobs } = summary;
  const { appliance } = state;
  const views = jobViews(jobs);
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
    ...(appliance.demo ? { demo: true as const } : {}),
    health: state.health,
    status: statusOf(state, jobs),
    jobCounts: countOf(summary),
    protectionCounts: countProtection(jobs),
    jobs: views.jobs,
    jobsOmitted: views.omitted,
    runningSessionIds: history.activeIds,
    missedRuns: missed,
  };
}

function latestIso(times: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const t of times) if ((toMs(t) ?? Number.NEGATIVE_INFINITY) > (toMs(best) ?? Number.NEGATIVE_INFINITY)) best = t;
  return best;
}

/** The settings the status snapshot reads. */
export type SnapshotSettings = StatusSettings & Pick<Settings, 'notificationsPausedUntil'> & Partial<Pick<Settings, 'missedRunGraceMin'>>;

/**
 * The status summary pushed to the tray and the window after every poll.
 * `hasSecret` tells whether a password is stored for an appliance (never the password).
 * One pass over each appliance's sessions (see job-history.ts); give the same `cache` to every
 * call and only the appliances whose sessions changed since the last call are read again.
 */
export function buildStatusSnapshot(
  fleet: FleetState,
  settings: SnapshotSettings,
  now: number,
  hasSecret: (applianceId: string) => boolean,
  cache: SnapshotCache = NO_SNAPSHOT_CACHE,
): StatusSnapshot {
  const graceMs = (settings.missedRunGraceMin ?? DEFAULT_SETTINGS.missedRunGraceMin) * 60_000;
  const summaries = fleet.appliances.map((state) => summarizeAppliance(state, settings, now, cache));
  cache.keepOnly(new Set(fleet.appliances.map((a) => a.appliance.id)));
  const watchedJobs = summaries.filter(({ state }) => state.appliance.enabled).flatMap(({ jobs }) => jobs);
  const paused = settings.notificationsPausedUntil;
  return {
    at: fleet.at,
    overall: worstOf(summaries.map(({ state, jobs }) => statusOf(state, jobs))),
    failedJobs: watchedJobs.filter(isOpenFailure).length,
    atRiskJobs: watchedJobs.filter(isOpenBreach).length,
    jobsNeedingAttention: watchedJobs.filter((job) => isOpenFailure(job) || isOpenBreach(job)).length,
    appliances: summaries.map((summary) =>
      applianceView(summary, hasSecret(summary.state.appliance.id), missedRunsOf(summary.state, summary.history, graceMs, now)),
    ),
    problems: problemsOf(
      summaries.filter(({ state }) => state.appliance.enabled),
      now,
    ),
    lastPoll: latestIso(fleet.appliances.map((a) => a.health.lastPoll)),
    notificationsPausedUntil: paused !== null && isInEffect(paused, now) ? paused : null,
    setAsideAppliances: fleet.setAside ?? [],
  };
}
