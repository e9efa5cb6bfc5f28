import { describe, expect, it } from 'vitest';
import { detectChanges } from '../../../src-main/common/changes.js';
import { median } from '../../../src-main/common/overrun.js';
import type { ChangeOptions } from '../../../src-main/common/changes.js';
import type { ApplianceHealth, Job, Session } from '../../../src-main/common/model.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import type { ChangeEvent, FleetState } from '../../../src-main/common/snapshot.js';
import { at, HOUR, makeApplianceState, makeFleet, makeJob, makeRunning, makeSession, MINUTE, T0 } from './factories.js';

const GRACE = 15 * MINUTE;
const opts = (now: number, extra: Partial<ChangeOptions> = {}): ChangeOptions => ({
  missedRunGraceMs: GRACE,
  now,
  protection: DEFAULT_SETTINGS,
  ...extra,
});

interface Shape {
  sessions?: readonly Session[];
  jobs?: readonly Job[];
  health?: Partial<ApplianceHealth>;
}

/** A one-appliance fleet at `offsetMs` after T0. */
function fleetAt(offsetMs: number, shape: Shape = {}): FleetState {
  return makeFleet([makeApplianceState(shape)], at(offsetMs));
}

const summary = (events: readonly ChangeEvent[]) => events.map((e) => `${e.kind} ${e.key}`);

describe('detectChanges: baseline', () => {
  it('reports no session or job events on the first run, only appliances already unhealthy', () => {
    const next = makeFleet([
      makeApplianceState({
        sessions: [makeSession({ status: 'failed' }), makeRunning(-MINUTE)],
        jobs: [makeJob({ nextRun: at(-HOUR) })],
      }),
      makeApplianceState({ appliance: { id: 'a2' }, health: { state: 'unreachable', lastGoodPoll: null } }),
    ]);
    expect(summary(detectChanges(null, next, opts(T0)))).toEqual(['appliance_unhealthy unhealthy:a2:unreachable:never']);
  });

  it('baselines an appliance added since the previous state', () => {
    const prev = makeFleet([makeApplianceState()], at(0));
    const added = makeApplianceState({
      appliance: { id: 'a2' },
      sessions: [makeSession({ applianceId: 'a2', status: 'failed' })],
    });
    const next = makeFleet([makeApplianceState(), added], at(MINUTE));
    expect(detectChanges(prev, next, opts(T0 + MINUTE))).toEqual([]);
  });
});

describe('detectChanges: sessions', () => {
  it('reports a new active session as started, and not again while it runs', () => {
    const run = makeRunning(-MINUTE, { id: 'r1' });
    const first = detectChanges(fleetAt(0), fleetAt(MINUTE, { sessions: [run] }), opts(T0 + MINUTE));
    expect(summary(first)).toEqual(['session_started started:a1/r1']);
    const progressed = { ...run, progress: { percent: 50, completed: null, total: null, unit: null } };
    expect(detectChanges(fleetAt(MINUTE, { sessions: [run] }), fleetAt(2 * MINUTE, { sessions: [progressed] }), opts(T0))).toEqual([]);
  });

  it('reports a known session turning active as started', () => {
    const odd = makeSession({ id: 'x', status: 'unknown', end: null });
    const running = { ...odd, status: 'running' as const };
    expect(summary(detectChanges(fleetAt(0, { sessions: [odd] }), fleetAt(MINUTE, { sessions: [running] }), opts(T0)))).toEqual([
      'session_started started:a1/x',
    ]);
  });

  it('reports a running session that fails as finished and failed, carrying the session', () => {
    const run = makeRunning(-HOUR, { id: 'r1' });
    const failed: Session = { ...run, status: 'failed', end: at(0), message: 'Snapshot failed' };
    const events = detectChanges(fleetAt(0, { sessions: [run] }), fleetAt(MINUTE, { sessions: [failed] }), opts(T0));
    expect(summary(events)).toEqual(['session_finished finished:a1/r1:failed', 'session_failed failed:a1/r1']);
    expect(events[1]).toMatchObject({ session: { message: 'Snapshot failed' } });
  });

  it('reports a session that appeared already ended (between two polls)', () => {
    const done = makeSession({ id: 'quick', status: 'warning' });
    expect(summary(detectChanges(fleetAt(0), fleetAt(MINUTE, { sessions: [done] }), opts(T0)))).toEqual([
      'session_finished finished:a1/quick:warning',
    ]);
  });

  it('says nothing when nothing changed', () => {
    const shape = { sessions: [makeSession({ status: 'failed' })], jobs: [makeJob()] };
    expect(detectChanges(fleetAt(0, shape), fleetAt(MINUTE, shape), opts(T0 + MINUTE))).toEqual([]);
  });
});

describe('detectChanges: recovery', () => {
  const failed = makeSession({ id: 'f1', status: 'failed', start: at(-3 * HOUR), end: at(-2 * HOUR) });

  it('reports the next success after a failure as a recovery', () => {
    const ok = makeSession({ id: 'ok1', status: 'succeeded', start: at(-HOUR), end: at(0) });
    const events = detectChanges(fleetAt(0, { sessions: [failed] }), fleetAt(MINUTE, { sessions: [failed, ok] }), opts(T0));
    expect(events).toContainEqual({
      kind: 'job_recovered',
      key: 'recovered:a1/ok1',
      session: ok,
      failedSessionId: 'f1',
    });
  });

  it('uses the previous state when the failure left the window', () => {
    const ok = makeSession({ id: 'ok1', status: 'succeeded', start: at(-HOUR), end: at(0) });
    const events = detectChanges(fleetAt(0, { sessions: [failed] }), fleetAt(MINUTE, { sessions: [ok] }), opts(T0));
    expect(events.map((e) => e.kind)).toContain('job_recovered');
  });

  it('finds the failure in the same poll and ignores other jobs and non-failures', () => {
    const ok = makeSession({ id: 'ok1', status: 'succeeded', start: at(-HOUR), end: at(0) });
    const sameRound = detectChanges(fleetAt(0), fleetAt(MINUTE, { sessions: [ok, failed] }), opts(T0));
    expect(sameRound.filter((e) => e.kind === 'job_recovered')).toHaveLength(1);

    const otherJob = { ...failed, jobId: 'j2' };
    const warned = makeSession({ status: 'warning', start: at(-3 * HOUR), end: at(-2 * HOUR) });
    for (const before of [otherJob, warned]) {
      const events = detectChanges(fleetAt(0, { sessions: [before] }), fleetAt(MINUTE, { sessions: [before, ok] }), opts(T0));
      expect(events.map((e) => e.kind)).not.toContain('job_recovered');
    }
  });
});

describe('detectChanges: appliance health', () => {
  const state = (health: Partial<ApplianceHealth>) => fleetAt(0, { health });

  it('reports unhealthy and healthy transitions', () => {
    const down = state({ state: 'unreachable', lastGoodPoll: at(-HOUR) });
    const up = state({ state: 'ok', lastGoodPoll: at(0) });
    expect(summary(detectChanges(up, down, opts(T0)))).toEqual([`appliance_unhealthy unhealthy:a1:unreachable:${at(-HOUR)}`]);
    expect(summary(detectChanges(down, up, opts(T0)))).toEqual([`appliance_healthy healthy:a1:${at(0)}`]);
    expect(detectChanges(down, down, opts(T0))).toEqual([]);
  });

  it('reports a change between two problems as a new problem', () => {
    const down = state({ state: 'unreachable', lastGoodPoll: at(-HOUR) });
    const cert = state({ state: 'untrusted_certificate', lastGoodPoll: at(-HOUR) });
    const events = detectChanges(down, cert, opts(T0));
    expect(summary(events)).toEqual([`appliance_unhealthy unhealthy:a1:untrusted_certificate:${at(-HOUR)}`]);
  });

  it('gives the same outage the same key after a restart, a new outage a new key', () => {
    const down = state({ state: 'unreachable', lastGoodPoll: at(-HOUR) });
    const fromPoll = detectChanges(state({}), down, opts(T0));
    const afterRestart = detectChanges(null, down, opts(T0));
    expect(afterRestart.map((e) => e.key)).toEqual(fromPoll.map((e) => e.key));
    const later = state({ state: 'unreachable', lastGoodPoll: at(HOUR) });
    expect(detectChanges(state({}), later, opts(T0))[0]?.key).not.toBe(fromPoll[0]?.key);
  });
});

describe('detectChanges: missed runs', () => {
  const due = at(0);
  const job = makeJob({ nextRun: due });

  it('fires once when the grace period runs out with no new session', () => {
    const prev = fleetAt(10 * MINUTE, { jobs: [job] });
    const next = fleetAt(16 * MINUTE, { jobs: [job] });
    const events = detectChanges(prev, next, opts(T0 + 16 * MINUTE));
    expect(events).toEqual([{ kind: 'missed_run', key: `missed:a1/j1:${due}`, applianceId: 'a1', job, dueAt: due }]);
    const again = detectChanges(next, fleetAt(17 * MINUTE, { jobs: [job] }), opts(T0 + 17 * MINUTE));
    expect(again).toEqual([]);
  });

  it('reads nextRun from the previous state (the appliance may have moved it on)', () => {
    const moved = makeJob({ nextRun: at(24 * HOUR) });
    const events = detectChanges(fleetAt(10 * MINUTE, { jobs: [job] }), fleetAt(16 * MINUTE, { jobs: [moved] }), opts(T0 + 16 * MINUTE));
    expect(events.map((e) => e.kind)).toEqual(['missed_run']);
  });

  it('does not fire within the grace period or when the job started (slightly early counts)', () => {
    const within = detectChanges(fleetAt(MINUTE, { jobs: [job] }), fleetAt(14 * MINUTE, { jobs: [job] }), opts(T0 + 14 * MINUTE));
    expect(within).toEqual([]);
    for (const session of [makeRunning(2 * MINUTE), makeRunning(-30_000), makeSession({ start: at(MINUTE), end: at(5 * MINUTE) })]) {
      const prev = fleetAt(10 * MINUTE, { jobs: [job], sessions: [session] });
      const next = fleetAt(16 * MINUTE, { jobs: [job], sessions: [session] });
      expect(detectChanges(prev, next, opts(T0 + 16 * MINUTE))).toEqual([]);
    }
  });

  it('still fires when the only session of the job is older than the due time', () => {
    const old = makeSession({ start: at(-25 * HOUR), end: at(-24 * HOUR) });
    const prev = fleetAt(10 * MINUTE, { jobs: [job], sessions: [old] });
    const next = fleetAt(16 * MINUTE, { jobs: [job], sessions: [old] });
    expect(detectChanges(prev, next, opts(T0 + 16 * MINUTE)).map((e) => e.kind)).toEqual(['missed_run']);
  });

  it('ignores disabled jobs and appliances it cannot read', () => {
    const disabled = makeJob({ nextRun: due, enabled: false });
    expect(
      detectChanges(fleetAt(10 * MINUTE, { jobs: [disabled] }), fleetAt(16 * MINUTE, { jobs: [disabled] }), opts(T0 + 16 * MINUTE)),
    ).toEqual([]);
    const down = { state: 'unreachable' as const };
    const events = detectChanges(
      fleetAt(10 * MINUTE, { jobs: [job], health: down }),
      fleetAt(16 * MINUTE, { jobs: [job], health: down }),
      opts(T0 + 16 * MINUTE),
    );
    expect(events).toEqual([]);
  });
});

describe('detectChanges: overruns', () => {
  /** Finished runs of job j1 lasting the given minutes, one per day before T0. */
  const history = (minutes: readonly number[]) =>
    minutes.map((m, i) =>
      makeSession({
        start: at(-(i + 1) * 24 * HOUR),
        end: at(-(i + 1) * 24 * HOUR + m * MINUTE),
        durationMs: m * MINUTE,
      }),
    );

  it('fires once when a run passes twice the median of recent runs', () => {
    const past = history([30, 40, 50]); // median 40 min → limit 80 min
    const run = makeRunning(-85 * MINUTE, { id: 'long' });
    const prev = fleetAt(-6 * MINUTE, { sessions: [...past, run] }); // 79 min elapsed then
    const next = fleetAt(0, { sessions: [...past, run] });
    expect(detectChanges(prev, next, opts(T0))).toEqual([{ kind: 'overrun', key: 'overrun:a1/long', session: run, medianMs: 40 * MINUTE }]);
    expect(detectChanges(next, fleetAt(MINUTE, { sessions: [...past, run] }), opts(T0 + MINUTE))).toEqual([]);
  });

  it('needs three finished samples and ignores failures when taking the median', () => {
    const run = makeRunning(-85 * MINUTE, { id: 'long' });
    const two = history([30, 40]);
    expect(detectChanges(fleetAt(-6 * MINUTE, { sessions: [...two, run] }), fleetAt(0, { sessions: [...two, run] }), opts(T0))).toEqual([]);
    const failedFast = makeSession({
      status: 'failed',
      durationMs: MINUTE,
      start: at(-HOUR * 3),
      end: at(-HOUR * 3 + MINUTE),
    });
    const withFailure = [...two, failedFast];
    expect(
      detectChanges(fleetAt(-6 * MINUTE, { sessions: [...withFailure, run] }), fleetAt(0, { sessions: [...withFailure, run] }), opts(T0)),
    ).toEqual([]);
  });

  it('honours the factor and history options', () => {
    const past = history([10, 10, 10, 100, 100, 100]); // newest three are 10 min
    const run = makeRunning(-31 * MINUTE, { id: 'r' });
    const prev = fleetAt(-2 * MINUTE, { sessions: [...past, run] });
    const next = fleetAt(0, { sessions: [...past, run] });
    expect(detectChanges(prev, next, opts(T0, { overrunHistory: 3, overrunFactor: 3 })).map((e) => e.kind)).toEqual(['overrun']);
    expect(detectChanges(prev, next, opts(T0, { overrunHistory: 3, overrunFactor: 4 }))).toEqual([]);
    expect(detectChanges(prev, next, opts(T0, { overrunFactor: 3 }))).toEqual([]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
