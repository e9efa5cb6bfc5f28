/**
 * Change detection: what happened between two fleet states, as a pure function.
 *
 * Every event carries a `key` built only from facts the appliance reports (ids, states, due
 * times), never from poll times, so the same real-world event gets the same key after a restart
 * and the notification ledger can drop repeats; a new occurrence gets a new key.
 */
import { compareByFinish, indexSessions, knownJobs, latestFinished, sessionEndMs } from './job-history.js';
import { startedSince } from './missed-runs.js';
import { OVERRUN_FACTOR, OVERRUN_SAMPLES, overrunOf } from './overrun.js';
import { isActiveStatus, isUnhealthy } from './model.js';
import type { Job, Session } from './model.js';
import { isProtecting, protectionOf, rpoSecOf } from './protection.js';
import type { ProtectionSettings } from './protection.js';
import type { ApplianceState, ChangeEvent, FleetState } from './snapshot.js';
import { jobKey, sessionKey } from './snapshot.js';
import { CLOCK_SKEW_TOLERANCE_MS, toMs } from './time.js';

export interface ChangeOptions {
  /** How late a scheduled run may start before it counts as missed. */
  readonly missedRunGraceMs: number;
  /** A running session is overrunning past this many times the median duration (default 2). */
  readonly overrunFactor?: number;
  /** How many recent finished sessions form the median (default 10). */
  readonly overrunHistory?: number;
  /** The RPO settings (global, per job, whether warnings protect). */
  readonly protection: ProtectionSettings;
  readonly now: number;
}

/** Outcomes whose duration says how long a full run takes (failures often abort early). */

/**
 * Events between `prev` and `next`. With `prev` null (first run after install or start) only
 * appliances that are already unhealthy are reported: old session history is the baseline. An
 * appliance new in `next` is baselined the same way.
 */
export function detectChanges(prev: FleetState | null, next: FleetState, options: ChangeOptions): ChangeEvent[] {
  const before = new Map((prev?.appliances ?? []).map((a) => [a.appliance.id, a]));
  const prevAt = toMs(prev?.at) ?? Number.NEGATIVE_INFINITY;
  return next.appliances.flatMap((after) => {
    const old = before.get(after.appliance.id);
    if (!old) return unhealthyEvents(null, after);
    return [
      ...unhealthyEvents(old, after),
      ...sessionEvents(old, after, options),
      ...breachEvents(old, after, prevAt, options),
      ...missedRunEvents(old, after, prevAt, options),
      ...overrunEvents(old, after, prevAt, options),
    ];
  });
}

function unhealthyEvents(old: ApplianceState | null, after: ApplianceState): ChangeEvent[] {
  const { id: applianceId, name: applianceName } = after.appliance;
  const { health } = after;
  const since = health.lastGoodPoll ?? 'never';
  if (isUnhealthy(health)) {
    // A move between two problems (unreachable → certificate changed) is news; the same one is not.
    if (old && old.health.state === health.state) return [];
    const key = `unhealthy:${applianceId}:${health.state}:${since}`;
    return [{ kind: 'appliance_unhealthy', key, applianceId, applianceName, health }];
  }
  if (old && isUnhealthy(old.health)) {
    return [{ kind: 'appliance_healthy', key: `healthy:${applianceId}:${since}`, applianceId, applianceName }];
  }
  return [];
}

function sessionEvents(old: ApplianceState, after: ApplianceState, options: ChangeOptions): ChangeEvent[] {
  const known = new Map(old.sessions.map((s) => [s.id, s]));
  const history = mergeSessions(old.sessions, after.sessions);
  const changed = after.sessions.filter((s) => known.get(s.id)?.status !== s.status);
  return [...changed].sort(compareByFinish).flatMap((s) => {
    const was = known.get(s.id);
    if (isActiveStatus(s.status)) {
      return was === undefined || !isActiveStatus(was.status) ? [startedEvent(s)] : [];
    }
    return finishedEvents(s, history, after, options);
  });
}

function startedEvent(session: Session): ChangeEvent {
  return { kind: 'session_started', key: `started:${sessionKey(session)}`, session };
}

/** A session that reached an end state (or whose end state changed): finished, failed, recovered, restored. */
function finishedEvents(session: Session, history: readonly Session[], after: ApplianceState, options: ChangeOptions): ChangeEvent[] {
  const id = sessionKey(session);
  const events: ChangeEvent[] = [{ kind: 'session_finished', key: `finished:${id}:${session.status}`, session }];
  if (session.status === 'failed') events.push({ kind: 'session_failed', key: `failed:${id}`, session });
  const protection = options.protection;
  if (!isProtecting(session.status, protection.warningsAreUnprotected)) return events;
  const earlier = history.filter((s) => s.jobId === session.jobId && s.id !== session.id && compareByFinish(s, session) < 0);
  const previous = latestFinished(earlier);
  if (session.status === 'succeeded' && previous?.status === 'failed') {
    events.push({ kind: 'job_recovered', key: `recovered:${id}`, session, failedSessionId: previous.id });
  }
  if (endsAfterBreach(session, earlier, after, options)) events.push({ kind: 'protection_restored', key: `restored:${id}`, session });
  return events;
}

/**
 * Whether a protecting session ended after its job had gone without a success for longer than its
 * RPO (measured from the success before it, or from the job's first session if none): the first
 * success after a breach. Judged from the sessions alone, so a restart decides the same way.
 */
function endsAfterBreach(session: Session, earlier: readonly Session[], after: ApplianceState, options: ChangeOptions): boolean {
  const protection = options.protection;
  const job = after.jobs.find((j) => j.id === session.jobId);
  const rpoSec = rpoSecOf(protection, after.appliance, { id: session.jobId, type: job?.type ?? session.type });
  const end = sessionEndMs(session);
  if (rpoSec === null || job?.enabled === false || end > options.now + CLOCK_SKEW_TOLERANCE_MS) return false;
  let measuredFrom = Number.POSITIVE_INFINITY;
  let lastSuccess = Number.NEGATIVE_INFINITY;
  for (const s of earlier) {
    measuredFrom = Math.min(measuredFrom, toMs(s.start) ?? sessionEndMs(s));
    if (isProtecting(s.status, protection.warningsAreUnprotected)) lastSuccess = Math.max(lastSuccess, sessionEndMs(s));
  }
  const from = Number.isFinite(lastSuccess) ? lastSuccess : Math.min(measuredFrom, toMs(session.start) ?? end);
  return Number.isFinite(from) && end - from > rpoSec * 1000;
}

/**
 * Jobs whose RPO ran out between the two states: once per breach, keyed by the job and the last
 * success it is measured from (or `never`), so neither repeated polls nor a restart repeat it.
 * While the appliance cannot be read nothing is said (its sessions are stale); after an outage the
 * breaches that fell inside it are reported on the first good poll.
 */
function breachEvents(old: ApplianceState, after: ApplianceState, prevAt: number, options: ChangeOptions): ChangeEvent[] {
  if (isUnhealthy(after.health) || !after.appliance.enabled) return [];
  const since = isUnhealthy(old.health) ? Math.min(prevAt, toMs(old.health.lastGoodPoll) ?? prevAt) : prevAt;
  const protection = options.protection;
  const applianceId = after.appliance.id;
  const history = indexSessions(after.sessions);
  return knownJobs(after, history).flatMap((job): ChangeEvent[] => {
    const rpoSec = rpoSecOf(protection, after.appliance, job);
    const state = protectionOf(history, job.id, job.enabled, rpoSec, protection.warningsAreUnprotected, options.now);
    if (state.state !== 'at_risk' || rpoSec === null || state.atRiskSinceMs === null || state.atRiskSinceMs <= since) return [];
    const lastSuccess = state.lastSuccess === null ? null : (state.lastSuccess.end ?? state.lastSuccess.start);
    const key = `rpo:${jobKey(applianceId, job.id)}:${state.rpoBreach}`;
    return [{ kind: 'rpo_breached', key, applianceId, jobId: job.id, jobName: job.name, lastSuccess, rpoSec }];
  });
}

/** Sessions of both states, the newer copy of each winning. */
function mergeSessions(older: readonly Session[], newer: readonly Session[]): Session[] {
  const byId = new Map(older.map((s) => [s.id, s]));
  for (const s of newer) byId.set(s.id, s);
  return [...byId.values()];
}

/**
 * A job's run was due (per the previous state's `nextRun`, since the appliance may already have
 * moved `nextRun` on) and the grace period ran out between the two states with no session of the
 * job started since. Fires once: only the poll that crosses the deadline reports it.
 */
function missedRunEvents(old: ApplianceState, after: ApplianceState, prevAt: number, options: ChangeOptions): ChangeEvent[] {
  // While the appliance cannot be read its sessions are stale: a "missed" run may well have run.
  if (isUnhealthy(after.health)) return [];
  const history = mergeSessions(old.sessions, after.sessions);
  const stillEnabled = new Map(after.jobs.map((j) => [j.id, j.enabled]));
  return old.jobs.flatMap((job) => {
    const due = toMs(job.nextRun);
    if (due === null || !job.enabled || stillEnabled.get(job.id) === false) return [];
    const deadline = due + options.missedRunGraceMs;
    if (!(options.now > deadline && prevAt <= deadline)) return [];
    if (history.some((s) => s.jobId === job.id && startedSince(s, due))) return [];
    return [missedRun(after, job, new Date(due).toISOString())];
  });
}

function missedRun(after: ApplianceState, job: Job, dueAt: string): ChangeEvent {
  const applianceId = after.appliance.id;
  return { kind: 'missed_run', key: `missed:${jobKey(applianceId, job.id)}:${dueAt}`, applianceId, job, dueAt };
}

/** Running sessions that crossed `factor × median` between the two states (so once per session). */
function overrunEvents(old: ApplianceState, after: ApplianceState, prevAt: number, options: ChangeOptions): ChangeEvent[] {
  const rule = { factor: options.overrunFactor ?? OVERRUN_FACTOR, samples: options.overrunHistory ?? OVERRUN_SAMPLES };
  const history = mergeSessions(old.sessions, after.sessions);
  const wasRunning = new Set(old.sessions.filter((s) => s.status === 'running').map((s) => s.id));
  return after.sessions.flatMap((session): ChangeEvent[] => {
    const overrun = overrunOf(session, history, rule);
    if (overrun === null) return [];
    const alreadyOver = wasRunning.has(session.id) && prevAt > overrun.atMs;
    if (options.now <= overrun.atMs || alreadyOver) return [];
    return [{ kind: 'overrun', key: `overrun:${sessionKey(session)}`, session, medianMs: overrun.medianMs }];
  });
}
