import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../src-main/common/model.js';
import { OVERALL_STATUSES } from '../../../src-main/common/snapshot.js';
import type { OverallStatus } from '../../../src-main/common/snapshot.js';
import { missedRuns } from '../../../src-main/common/missed-runs.js';
import { severityRank, worstOf } from '../../../src-main/common/severity.js';
import { buildStatusSnapshot, jobStates } from '../../../src-main/common/status-rules.js';
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
  snapshotOf,
  T0,
} from './factories.js';

const settings = makeSettings();

/** One appliance whose only job ended with `status`. */
function oneJob(status: SessionStatus) {
  return makeApplianceState({ sessions: [makeSession({ status })] });
}

describe('worstOf and severityRank', () => {
  it('orders failed › at_risk › appliance_problem › warning › maintenance › running › ok › no_data', () => {
    const ranks = OVERALL_STATUSES.map(severityRank);
    expect(ranks).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(worstOf(['maintenance', 'running', 'ok'])).toBe('maintenance');
    expect(worstOf(['maintenance', 'warning'])).toBe('warning');
    expect(worstOf(['appliance_problem', 'at_risk', 'warning'])).toBe('at_risk');
    expect(worstOf(['at_risk', 'failed'])).toBe('failed');
    expect(worstOf(['ok', 'running', 'warning'])).toBe('warning');
    expect(worstOf(['no_data', 'ok'])).toBe('ok');
    expect(worstOf(['running', 'appliance_problem', 'warning'])).toBe('appliance_problem');
    expect(worstOf(['appliance_problem', 'failed'])).toBe('failed');
  });

  it('is no_data for nothing', () => {
    expect(worstOf([])).toBe('no_data');
  });
});

describe('jobStates', () => {
  it('takes the latest finished session by end time, whatever the list order', () => {
    const newer = makeSession({ status: 'failed', start: at(-3 * HOUR), end: at(-MINUTE) });
    const older = makeSession({ status: 'succeeded', start: at(-2 * HOUR), end: at(-HOUR) });
    const [job] = jobStates(makeApplianceState({ sessions: [newer, older] }), settings, T0);
    expect(job).toMatchObject({ lastOutcome: 'failed', lastOutcomeSessionId: newer.id, running: false });
  });

  it('keeps the finished outcome while a retry runs', () => {
    const failed = makeSession({ status: 'failed' });
    const retry = makeRunning(-5 * MINUTE);
    const [job] = jobStates(makeApplianceState({ sessions: [failed, retry] }), settings, T0);
    expect(job).toMatchObject({ lastOutcome: 'failed', lastOutcomeSessionId: failed.id, running: true });
  });

  it('lists configured jobs without sessions and jobs known only from sessions', () => {
    const state = makeApplianceState({
      jobs: [makeJob({ id: 'j1', name: 'Nightly VMs' })],
      sessions: [makeSession({ jobId: 'gone', jobName: 'Old SQL job', status: 'warning' })],
    });
    const jobs = jobStates(state, settings, T0);
    expect(jobs.map((j) => [j.jobId, j.jobName, j.lastOutcome])).toEqual([
      ['j1', 'Nightly VMs', null],
      ['gone', 'Old SQL job', 'warning'],
    ]);
  });

  it('marks a failure acknowledged only for the acknowledged session and until expiry', () => {
    const failed = makeSession({ status: 'failed' });
    const state = makeApplianceState({ sessions: [failed] });
    const ack = (sessionId: string, until: string | null) =>
      jobStates(state, makeSettings({ acknowledged: { 'a1/j1': { sessionId, until } } }), T0)[0]?.acknowledged;
    expect(ack(failed.id, null)).toBe(true);
    expect(ack(failed.id, at(HOUR))).toBe(true);
    expect(ack(failed.id, at(-1))).toBe(false);
    expect(ack('an-older-failure', null)).toBe(false);
  });

  it('marks a job muted until the mute expires', () => {
    const state = makeApplianceState({ sessions: [makeSession()] });
    const muted = (until: string | null) => jobStates(state, makeSettings({ mutedJobs: { 'a1/j1': { until } } }), T0)[0]?.muted;
    expect(muted(null)).toBe(true);
    expect(muted(at(MINUTE))).toBe(true);
    expect(muted(at(-MINUTE))).toBe(false);
    expect(jobStates(state, settings, T0)[0]?.muted).toBe(false);
  });
});

describe('the overall status of the snapshot', () => {
  const cases: [string, SessionStatus, OverallStatus][] = [
    ['failed', 'failed', 'failed'],
    ['warning', 'warning', 'warning'],
    ['succeeded', 'succeeded', 'ok'],
    ['canceled', 'canceled', 'warning'],
  ];
  it.each(cases)('a job that ended %s gives %s', (_name, status, expected) => {
    expect(snapshotOf(makeFleet([oneJob(status)]), settings, T0).overall).toBe(expected);
  });

  it('takes the worst over appliances and health', () => {
    const unreachable = makeApplianceState({ appliance: { id: 'a2' }, health: { state: 'unreachable' } });
    expect(snapshotOf(makeFleet([oneJob('succeeded'), unreachable]), settings, T0).overall).toBe('appliance_problem');
    expect(snapshotOf(makeFleet([oneJob('warning'), unreachable]), settings, T0).overall).toBe('appliance_problem');
    expect(snapshotOf(makeFleet([oneJob('failed'), unreachable]), settings, T0).overall).toBe('failed');
  });

  it.each(['unreachable', 'auth_failed', 'untrusted_certificate', 'error'] as const)('%s is an appliance problem', (state) => {
    expect(snapshotOf(makeFleet([makeApplianceState({ health: { state } })]), settings, T0).overall).toBe('appliance_problem');
  });

  it('shows running over ok, but a running retry never hides a failure', () => {
    const ok = makeSession({ status: 'succeeded' });
    expect(snapshotOf(makeFleet([makeApplianceState({ sessions: [ok, makeRunning(-MINUTE)] })]), settings, T0).overall).toBe('running');
    const failed = makeSession({ status: 'failed' });
    const fleet = makeFleet([makeApplianceState({ sessions: [failed, makeRunning(-MINUTE)] })]);
    expect(snapshotOf(fleet, settings, T0).overall).toBe('failed');
  });

  it('does not count an acknowledged failure, until the acknowledgement expires', () => {
    const failed = makeSession({ status: 'failed' });
    const fleet = makeFleet([makeApplianceState({ sessions: [failed] })]);
    const acked = makeSettings({ acknowledged: { 'a1/j1': { sessionId: failed.id, until: at(HOUR) } } });
    expect(snapshotOf(fleet, acked, T0).overall).toBe('ok');
    expect(snapshotOf(fleet, acked, T0 + 2 * HOUR).overall).toBe('failed');
  });

  it('turns red again on the next failure after an acknowledgement', () => {
    const first = makeSession({ status: 'failed', start: at(-3 * HOUR), end: at(-2 * HOUR) });
    const second = makeSession({ status: 'failed', start: at(-HOUR), end: at(-MINUTE) });
    const acked = makeSettings({ acknowledged: { 'a1/j1': { sessionId: first.id, until: null } } });
    expect(snapshotOf(makeFleet([makeApplianceState({ sessions: [first] })]), acked, T0).overall).toBe('ok');
    expect(snapshotOf(makeFleet([makeApplianceState({ sessions: [first, second] })]), acked, T0).overall).toBe('failed');
  });

  it('ignores disabled appliances', () => {
    const disabled = makeApplianceState({
      appliance: { enabled: false },
      health: { state: 'unreachable' },
      sessions: [makeSession({ status: 'failed' })],
    });
    expect(snapshotOf(makeFleet([disabled]), settings, T0).overall).toBe('no_data');
    expect(snapshotOf(makeFleet([disabled]), settings, T0).appliances[0]?.status).toBe('no_data');
  });

  it('is no_data without appliances or without any session', () => {
    expect(snapshotOf(makeFleet([]), settings, T0).overall).toBe('no_data');
    expect(snapshotOf(makeFleet([makeApplianceState({ jobs: [makeJob()] })]), settings, T0).overall).toBe('no_data');
  });
});

describe('the job counts of the snapshot', () => {
  it('counts jobs by current outcome, active sessions by their status, acknowledged failures not at all', () => {
    const failedA = makeSession({ jobId: 'A', status: 'failed' });
    const failedB = makeSession({ jobId: 'B', status: 'failed' });
    const sessions = [
      failedA,
      failedB,
      makeSession({ jobId: 'C', status: 'succeeded' }),
      makeRunning(-MINUTE, { jobId: 'C' }),
      makeSession({ jobId: 'D', status: 'queued', end: null }),
    ];
    const acked = makeSettings({ acknowledged: { 'a1/B': { sessionId: failedB.id, until: null } } });
    const counts = snapshotOf(makeFleet([makeApplianceState({ sessions })]), acked, T0).appliances[0]?.jobCounts;
    expect(counts).toMatchObject({ failed: 1, succeeded: 1, running: 1, queued: 1, warning: 0 });
  });
});

describe('buildStatusSnapshot', () => {
  const failed = makeSession({
    status: 'failed',
    jobId: 'A',
    jobName: 'SQL',
    start: at(-2 * HOUR),
    end: at(-30 * MINUTE),
  });
  const warned = makeSession({
    status: 'warning',
    jobId: 'B',
    jobName: 'Files',
    start: at(-2 * HOUR),
    end: at(-10 * MINUTE),
  });
  const running = makeRunning(-5 * MINUTE, { jobId: 'C' });
  const prod = makeApplianceState({
    appliance: { id: 'a1', name: 'SPP prod', certificate: { fingerprint256: 'AA:BB', pem: 'x' } },
    health: { lastPoll: at(-MINUTE) },
    sessions: [failed, warned, running],
  });
  const down = makeApplianceState({
    appliance: { id: 'a2', name: 'VBO' },
    health: { state: 'unreachable', message: 'Connection refused', lastPoll: at(-20 * MINUTE) },
  });
  const off = makeApplianceState({
    appliance: { id: 'a3', name: 'Off', enabled: false },
    health: { lastPoll: at(0) },
    sessions: [makeSession({ applianceId: 'a3', status: 'failed' })],
  });

  it('assembles views, counts and the newest problems first', () => {
    const snap = buildStatusSnapshot(makeFleet([prod, down, off]), settings, T0, (id) => id === 'a1');
    expect(snap.overall).toBe('failed');
    expect(snap.failedJobs).toBe(1);
    expect(snap.lastPoll).toBe(at(0));
    expect(snap.appliances.map((a) => [a.id, a.status, a.hasSecret])).toEqual([
      ['a1', 'failed', true],
      ['a2', 'appliance_problem', false],
      ['a3', 'no_data', false],
    ]);
    expect(snap.appliances[0]).toMatchObject({ certificateFingerprint: 'AA:BB', runningSessionIds: [running.id] });
    expect(snap.problems.map((p) => [p.sessionId, p.severity])).toEqual([
      [warned.id, 'warning'],
      [null, 'appliance_problem'],
      [failed.id, 'failed'],
    ]);
    expect(snap.problems[2]?.title).toBe('Backup failed: SQL — SPP prod');
  });

  it('leaves acknowledged failures out of problems and failedJobs', () => {
    const acked = makeSettings({ acknowledged: { 'a1/A': { sessionId: failed.id, until: null } } });
    const snap = buildStatusSnapshot(makeFleet([prod]), acked, T0, () => true);
    expect(snap.failedJobs).toBe(0);
    expect(snap.overall).toBe('warning');
    expect(snap.problems.map((p) => p.sessionId)).toEqual([warned.id]);
  });

  it('keeps at most 20 problems', () => {
    const many = Array.from({ length: 30 }, (_, i) => makeSession({ jobId: `j${i}`, status: 'failed', end: at(-i * MINUTE) }));
    const snap = buildStatusSnapshot(makeFleet([makeApplianceState({ sessions: many })]), settings, T0, () => true);
    expect(snap.problems).toHaveLength(20);
    expect(snap.problems[0]?.sessionId).toBe(many[0]?.id);
    expect(snap.failedJobs).toBe(30);
  });

  it('reports a pause only while it lasts', () => {
    const fleet = makeFleet([prod]);
    const pausedUntil = at(HOUR);
    expect(
      buildStatusSnapshot(fleet, makeSettings({ notificationsPausedUntil: pausedUntil }), T0, () => true).notificationsPausedUntil,
    ).toBe(pausedUntil);
    expect(
      buildStatusSnapshot(fleet, makeSettings({ notificationsPausedUntil: at(-1) }), T0, () => true).notificationsPausedUntil,
    ).toBeNull();
  });
});

describe('missedRuns', () => {
  const GRACE = 15 * 60_000;
  const due = at(-HOUR);
  const job = makeJob({ id: 'j1', name: 'Nightly VMs', nextRun: due });

  it('lists a job whose run is overdue past the grace period with no session since', () => {
    const state = makeApplianceState({ jobs: [job], sessions: [makeSession({ start: at(-3 * HOUR), end: at(-2 * HOUR) })] });
    expect(missedRuns(state, GRACE, T0)).toEqual([{ jobId: 'j1', jobName: 'Nightly VMs', dueAt: due }]);
  });

  it('does not list it within the grace period, once a session started, or while disabled or unreachable', () => {
    expect(missedRuns(makeApplianceState({ jobs: [job] }), GRACE, Date.parse(due) + GRACE - 1)).toEqual([]);
    const ran = makeApplianceState({ jobs: [job], sessions: [makeSession({ start: at(-HOUR + 30_000), end: at(-HOUR / 2) })] });
    expect(missedRuns(ran, GRACE, T0)).toEqual([]);
    expect(missedRuns(makeApplianceState({ jobs: [{ ...job, enabled: false }] }), GRACE, T0)).toEqual([]);
    expect(missedRuns(makeApplianceState({ jobs: [job], health: { state: 'unreachable' } }), GRACE, T0)).toEqual([]);
  });

  it('reaches the window through the status snapshot', () => {
    const snapshot = buildStatusSnapshot(
      makeFleet([makeApplianceState({ jobs: [job] })]),
      makeSettings({ missedRunGraceMin: 15 }),
      T0,
      () => true,
    );
    expect(snapshot.appliances[0]?.missedRuns.map((m) => m.jobId)).toEqual(['j1']);
  });
});
