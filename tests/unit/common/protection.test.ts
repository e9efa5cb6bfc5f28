import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/common/model.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { JobState } from '../../../src-main/common/snapshot.js';
import { acknowledgementOf, buildStatusSnapshot, JOB_VIEW_LIMIT, jobStates } from '../../../src-main/common/status-rules.js';
import {
  at,
  HOUR,
  makeApplianceState,
  makeFleet,
  makeJob,
  makeRunning,
  makeSession,
  makeSettings,
  MINUTE,
  T0,
  snapshotOf,
} from './factories.js';

const RPO = 26 * HOUR;

/** The state of job j1 of an appliance with these sessions (and job list), at `now`. */
function job(sessions: readonly Session[], options: { settings?: Partial<Settings>; now?: number; enabled?: boolean } = {}): JobState {
  const state = makeApplianceState({ jobs: [makeJob({ enabled: options.enabled ?? true })], sessions });
  const [j1] = jobStates(state, makeSettings(options.settings), options.now ?? T0);
  if (!j1) throw new Error('no job');
  return j1;
}

/** A session of j1 that ended `agoMs` before T0. */
const ended = (agoMs: number, status: Session['status'] = 'succeeded') =>
  makeSession({ status, start: at(-agoMs - 30 * MINUTE), end: at(-agoMs) });

describe('protection of a job', () => {
  it('is protected by a success within the RPO, and at risk once it is older', () => {
    const success = ended(31 * HOUR);
    expect(job([ended(HOUR)])).toMatchObject({ protection: 'protected', rpoSec: RPO / 1000, rpoBreach: null });
    expect(job([success, ended(HOUR, 'failed')])).toMatchObject({
      protection: 'at_risk',
      lastSuccess: success.end,
      lastSuccessSessionId: success.id,
      rpoBreach: success.id,
      atRiskSince: at(-31 * HOUR + RPO),
      lastOutcome: 'failed',
    });
  });

  it('lists a run whose time cannot be read, but never counts it as protection nor turns it into a date', () => {
    const timeless = makeSession({ id: 'timeless', status: 'succeeded', start: null, end: null });
    const warned = makeSession({ id: 'timeless-warning', status: 'warning', start: null, end: null });
    for (const sessions of [[timeless], [warned], [timeless, ended(40 * HOUR, 'failed')]]) {
      const state = job(sessions, { now: T0 });
      expect(state.lastSuccessSessionId).toBeNull();
      expect(state.protection).not.toBe('protected');
      expect(state.atRiskSince === null || Number.isFinite(Date.parse(state.atRiskSince))).toBe(true);
    }
    expect(job([timeless]).lastOutcomeSessionId).toBe('timeless');
    // An older success with a time still protects, and the timeless one is not preferred to it.
    const dated = ended(HOUR);
    expect(job([dated, timeless])).toMatchObject({ protection: 'protected', lastSuccessSessionId: dated.id });
    const fleet = makeFleet([makeApplianceState({ jobs: [makeJob()], sessions: [timeless] })]);
    expect(() => buildStatusSnapshot(fleet, makeSettings(), T0, () => true)).not.toThrow();
  });

  it('counts a success that ended exactly at the RPO, not a millisecond later', () => {
    const success = ended(RPO);
    expect(job([success]).protection).toBe('protected');
    expect(job([success], { now: T0 + 1 }).protection).toBe('at_risk');
  });

  it('keys a job that never succeeded on "never", once its first session is older than the RPO', () => {
    const failures = [ended(30 * HOUR, 'failed'), ended(2 * HOUR, 'failed')];
    expect(job(failures)).toMatchObject({ protection: 'at_risk', lastSuccess: null, rpoBreach: 'never' });
    expect(job([ended(2 * HOUR, 'failed')])).toMatchObject({ protection: 'new', rpoBreach: null });
  });

  it('measures "known since" from the first session start, a running one included', () => {
    const running = makeRunning(-27 * HOUR);
    expect(job([running])).toMatchObject({ protection: 'at_risk', rpoBreach: 'never', running: true });
    expect(job([makeRunning(-HOUR)]).protection).toBe('new');
  });

  it('treats a job without any session as new', () => {
    expect(job([])).toMatchObject({ protection: 'new', lastSuccess: null, successRate: null });
  });

  it('counts warnings as protection unless the setting says they are not', () => {
    const warned = ended(HOUR, 'warning');
    const oldSuccess = ended(40 * HOUR);
    expect(job([oldSuccess, warned])).toMatchObject({ protection: 'protected', lastSuccessSessionId: warned.id });
    const strict = job([oldSuccess, warned], { settings: { warningsAreUnprotected: true } });
    expect(strict).toMatchObject({ protection: 'at_risk', lastSuccessSessionId: oldSuccess.id, rpoBreach: oldSuccess.id });
    const onlyWarnings = [ended(30 * HOUR, 'warning'), ended(HOUR, 'warning')];
    expect(job(onlyWarnings).protection).toBe('protected');
    expect(job(onlyWarnings, { settings: { warningsAreUnprotected: true } })).toMatchObject({ protection: 'at_risk', rpoBreach: 'never' });
  });

  it('does not count canceled, failed or unknown sessions as protection', () => {
    for (const status of ['canceled', 'failed', 'unknown'] as const) {
      expect(job([ended(30 * HOUR, status), ended(HOUR, status)]).protection).toBe('at_risk');
    }
  });

  it('is disabled when the vendor says the job is off, whatever its history', () => {
    expect(job([ended(40 * HOUR, 'failed')], { enabled: false })).toMatchObject({ protection: 'disabled', rpoBreach: null });
  });

  it('follows a per-job override, and never puts a job with the RPO off at risk', () => {
    const success = ended(13 * HOUR);
    expect(job([success]).protection).toBe('protected');
    expect(job([success], { settings: { jobRpo: { 'a1/j1': { rpoSec: 12 * 3600 } } } })).toMatchObject({
      protection: 'at_risk',
      rpoSec: 12 * 3600,
    });
    expect(job([success], { settings: { jobRpo: { 'a1/other': { rpoSec: 3600 } } } }).protection).toBe('protected');
    const off = { jobRpo: { 'a1/j1': { rpoSec: null } } };
    expect(job([ended(400 * HOUR)], { settings: off })).toMatchObject({ protection: 'protected', rpoSec: null });
    expect(job([ended(400 * HOUR, 'failed')], { settings: off }).protection).toBe('new');
    expect(job([ended(30 * HOUR)], { settings: { rpoSec: 48 * 3600 } }).protection).toBe('protected');
  });

  it('survives a clock jump: no negative age, and a far-future end does not protect', () => {
    // The local clock went back 30 minutes: the success "ends in the future" yet counts.
    const soon = makeSession({ start: at(-HOUR), end: at(30 * MINUTE) });
    expect(job([soon])).toMatchObject({ protection: 'protected', lastSuccessSessionId: soon.id });
    // An end a year ahead is a clock fault: it would keep the job green for a year.
    const bogus = makeSession({ start: at(-HOUR), end: at(365 * 24 * HOUR) });
    const older = ended(30 * HOUR);
    expect(job([older, bogus])).toMatchObject({ protection: 'at_risk', lastSuccessSessionId: older.id });
    expect(job([bogus])).toMatchObject({ protection: 'new', lastSuccess: null });
    // Once real time passes that end, the session counts as usual.
    expect(job([bogus], { now: T0 + 365 * 24 * HOUR + MINUTE }).protection).toBe('protected');
  });

  it('reads times in any ISO form the same way', () => {
    const offset = makeSession({ start: '2024-03-01T09:00:00+02:00', end: '2024-03-01T09:30:00+02:00' });
    expect(job([offset])).toMatchObject({ protection: 'protected', lastSuccessSessionId: offset.id });
    expect(job([ended(6 * HOUR, 'failed'), offset])).toMatchObject({ lastOutcome: 'succeeded' });
    expect(job([ended(4 * HOUR, 'failed'), offset])).toMatchObject({ lastOutcome: 'failed' });
  });

  it('rates success over the last 30 finished sessions only', () => {
    const old = Array.from({ length: 20 }, (_, i) => ended((100 + i) * HOUR, 'failed'));
    const recent = Array.from({ length: 30 }, (_, i) => ended((i + 1) * HOUR, i % 3 === 0 ? 'warning' : 'succeeded'));
    expect(job([...old, ...recent]).successRate).toBe(1);
    expect(job([...old, ...recent], { settings: { warningsAreUnprotected: true } }).successRate).toBeCloseTo(20 / 30);
    expect(job([ended(HOUR), ended(2 * HOUR, 'failed'), makeRunning(-MINUTE)]).successRate).toBe(0.5);
  });

  it('carries the next run the vendor announced', () => {
    const state = makeApplianceState({ jobs: [makeJob({ nextRun: at(HOUR) })] });
    expect(jobStates(state, makeSettings(), T0)[0]?.nextRun).toBe(at(HOUR));
  });
});

describe('at risk in the overall status, counts and acknowledgements', () => {
  const success = ended(31 * HOUR);
  const atRisk = makeApplianceState({ jobs: [makeJob()], sessions: [success] });

  it('turns the tray red below failed, above an appliance problem', () => {
    const settings = makeSettings();
    expect(snapshotOf(makeFleet([atRisk]), settings, T0).overall).toBe('at_risk');
    const down = makeApplianceState({ appliance: { id: 'a2' }, health: { state: 'unreachable' } });
    expect(snapshotOf(makeFleet([atRisk, down]), settings, T0).overall).toBe('at_risk');
    const failed = makeApplianceState({ appliance: { id: 'a3' }, sessions: [makeSession({ applianceId: 'a3', status: 'failed' })] });
    expect(snapshotOf(makeFleet([atRisk, failed]), settings, T0).overall).toBe('failed');
  });

  it('never lets a disabled job colour the tray, even a failed one', () => {
    const off = makeApplianceState({ jobs: [makeJob({ enabled: false })], sessions: [ended(40 * HOUR, 'failed')] });
    const snap = buildStatusSnapshot(makeFleet([off]), makeSettings(), T0, () => true);
    expect(snap).toMatchObject({ overall: 'no_data', failedJobs: 0, atRiskJobs: 0, jobsNeedingAttention: 0, problems: [] });
    expect(snap.appliances[0]?.protectionCounts).toEqual({ protected: 0, at_risk: 0, disabled: 1, new: 0 });
    expect(snap.appliances[0]?.jobCounts.failed).toBe(0);
  });

  it('counts jobs by protection, and a failed job at risk once in the badge', () => {
    const sessions = [
      makeSession({ jobId: 'A', status: 'failed', start: at(-40 * HOUR), end: at(-39 * HOUR) }),
      makeSession({ jobId: 'B', status: 'succeeded' }),
      makeSession({ jobId: 'C', status: 'failed' }),
      makeSession({ jobId: 'D', status: 'succeeded', start: at(-50 * HOUR), end: at(-49 * HOUR) }),
    ];
    const state = makeApplianceState({ jobs: [makeJob({ id: 'E', name: 'Off', enabled: false })], sessions });
    const snap = buildStatusSnapshot(makeFleet([state]), makeSettings(), T0, () => true);
    expect(snap.appliances[0]?.protectionCounts).toEqual({ protected: 1, at_risk: 2, disabled: 1, new: 1 });
    expect(snap).toMatchObject({ failedJobs: 2, atRiskJobs: 2, jobsNeedingAttention: 3, overall: 'failed' });
    expect(snap.appliances[0]?.jobs.map((j) => [j.jobId, j.protection])).toEqual([
      ['E', 'disabled'],
      ['A', 'at_risk'],
      ['B', 'protected'],
      ['C', 'new'],
      ['D', 'at_risk'],
    ]);
  });

  it('clears the red when the breach is acknowledged, until the next breach', () => {
    const [state] = jobStates(atRisk, makeSettings(), T0);
    const ack = state && acknowledgementOf(state, null);
    expect(ack).toEqual({ sessionId: null, rpoBreach: success.id, until: null });
    const acked = makeSettings({ acknowledged: { 'a1/j1': ack! } });
    const snap = buildStatusSnapshot(makeFleet([atRisk]), acked, T0, () => true);
    expect(snap).toMatchObject({ overall: 'ok', atRiskJobs: 0, jobsNeedingAttention: 0, problems: [] });
    expect(snap.appliances[0]?.jobs[0]).toMatchObject({ protection: 'at_risk', breachAcknowledged: true });
    // A newer success ends this breach; when that one grows old too, the tray is red again.
    const next = makeSession({ start: at(-10 * HOUR), end: at(-9 * HOUR) });
    const later = makeApplianceState({ jobs: [makeJob()], sessions: [success, next] });
    expect(snapshotOf(makeFleet([later]), acked, T0).overall).toBe('ok');
    expect(snapshotOf(makeFleet([later]), acked, T0 + 20 * HOUR).overall).toBe('at_risk');
  });

  it('acknowledges a failure and a breach of the same job at once, and expires like any acknowledgement', () => {
    const failedAtRisk = makeApplianceState({ jobs: [makeJob()], sessions: [success, ended(HOUR, 'failed')] });
    const [state] = jobStates(failedAtRisk, makeSettings(), T0);
    const ack = acknowledgementOf(state!, at(HOUR));
    expect(ack).toMatchObject({ sessionId: state?.lastOutcomeSessionId, rpoBreach: success.id });
    const acked = makeSettings({ acknowledged: { 'a1/j1': ack! } });
    expect(snapshotOf(makeFleet([failedAtRisk]), acked, T0).overall).toBe('ok');
    expect(snapshotOf(makeFleet([failedAtRisk]), acked, T0 + 2 * HOUR).overall).toBe('failed');
    // An acknowledgement of the failure alone leaves the job at risk.
    const failureOnly = makeSettings({ acknowledged: { 'a1/j1': { sessionId: state!.lastOutcomeSessionId, until: null } } });
    expect(snapshotOf(makeFleet([failedAtRisk]), failureOnly, T0).overall).toBe('at_risk');
  });

  it('has nothing to acknowledge on a protected job', () => {
    const [state] = jobStates(makeApplianceState({ sessions: [ended(HOUR)] }), makeSettings(), T0);
    expect(acknowledgementOf(state!, null)).toBeNull();
  });

  it('keeps a muted job at risk in the tray (mute silences notifications only)', () => {
    const muted = makeSettings({ mutedJobs: { 'a1/j1': { until: null } } });
    expect(jobStates(atRisk, muted, T0)[0]).toMatchObject({ muted: true, protection: 'at_risk' });
  });

  it('lists an at-risk job as a problem with its own words, opening its appliance', () => {
    const never = makeSession({ jobId: 'N', jobName: 'SQL Logs', status: 'failed', start: at(-30 * HOUR), end: at(-29 * HOUR) });
    const state = makeApplianceState({ jobs: [makeJob({ name: 'SQL Nightly' })], sessions: [success, never] });
    const snap = buildStatusSnapshot(makeFleet([state]), makeSettings(), T0, () => true);
    // Newest first: SQL Logs became at risk an hour after SQL Nightly.
    expect(snap.problems.filter((p) => p.severity === 'at_risk')).toEqual([
      {
        applianceId: 'a1',
        applianceName: 'SPP prod',
        sessionId: null,
        title: 'At risk: SQL Logs — SPP prod, never succeeded',
        at: at(-4 * HOUR),
        severity: 'at_risk',
      },
      {
        applianceId: 'a1',
        applianceName: 'SPP prod',
        sessionId: null,
        title: 'At risk: SQL Nightly — SPP prod, last success 31 h ago',
        at: at(-5 * HOUR),
        severity: 'at_risk',
      },
    ]);
  });
});

describe('the job list in the snapshot', () => {
  it('stays bounded, keeping the jobs that need attention', () => {
    const many = Array.from({ length: JOB_VIEW_LIMIT + 40 }, (_, i) =>
      makeSession({ jobId: `j${i}`, status: i % 100 === 7 ? 'failed' : 'succeeded', start: at(-2 * HOUR), end: at(-HOUR) }),
    );
    const snap = buildStatusSnapshot(makeFleet([makeApplianceState({ sessions: many })]), makeSettings(), T0, () => true);
    const view = snap.appliances[0];
    expect(view?.jobs).toHaveLength(JOB_VIEW_LIMIT);
    expect(view?.jobsOmitted).toBe(40);
    expect(view?.jobs.filter((j) => j.lastOutcome === 'failed')).toHaveLength(6);
    expect(view?.jobs[0]?.lastOutcome).toBe('failed');
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });
});
