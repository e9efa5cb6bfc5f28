import { describe, expect, it } from 'vitest';
import { detectChanges } from '../../../src-main/common/changes.js';
import type { ChangeOptions } from '../../../src-main/common/changes.js';
import type { ApplianceHealth, Job, Session } from '../../../src-main/common/model.js';
import type { Settings } from '../../../src-main/common/settings.js';
import type { ChangeEvent, FleetState } from '../../../src-main/common/snapshot.js';
import { at, HOUR, makeApplianceState, makeFleet, makeJob, makeSession, makeSettings, MINUTE, T0 } from './factories.js';

const opts = (offsetMs: number, protection: Partial<Settings> = {}): ChangeOptions => ({
  missedRunGraceMs: 15 * MINUTE,
  now: T0 + offsetMs,
  protection: makeSettings(protection),
});

interface Shape {
  sessions?: readonly Session[];
  jobs?: readonly Job[];
  health?: Partial<ApplianceHealth>;
}

function fleetAt(offsetMs: number, shape: Shape = {}): FleetState {
  return makeFleet([makeApplianceState({ jobs: [makeJob({ name: 'SQL Nightly' })], ...shape })], at(offsetMs));
}

const protectionEvents = (events: readonly ChangeEvent[]) =>
  events.filter((e) => e.kind === 'rpo_breached' || e.kind === 'protection_restored').map((e) => e.key);

/** Detects changes between two polls `from` and `to` (offsets from T0) over the same sessions. */
function between(from: number, to: number, shape: Shape, protection: Partial<Settings> = {}): string[] {
  return protectionEvents(detectChanges(fleetAt(from, shape), fleetAt(to, shape), opts(to, protection)));
}

// The last success ended 25 h before T0: with the default 26 h RPO the job falls at risk at T0 + 1 h.
const success = makeSession({ id: 'ok1', start: at(-26 * HOUR), end: at(-25 * HOUR) });

describe('detectChanges: RPO breaches', () => {
  it('reports a breach on the poll that crosses the RPO, with its details, and never again', () => {
    const shape = { sessions: [success] };
    const events = detectChanges(fleetAt(HOUR - MINUTE, shape), fleetAt(HOUR + MINUTE, shape), opts(HOUR + MINUTE));
    expect(events).toEqual([
      {
        kind: 'rpo_breached',
        key: 'rpo:a1/j1:ok1',
        applianceId: 'a1',
        jobId: 'j1',
        jobName: 'SQL Nightly',
        lastSuccess: success.end,
        rpoSec: 26 * 3600,
      },
    ]);
    expect(between(0, HOUR - MINUTE, shape)).toEqual([]);
    expect(between(HOUR + MINUTE, HOUR + 2 * MINUTE, shape)).toEqual([]);
    expect(between(2 * HOUR, 30 * HOUR, shape)).toEqual([]);
  });

  it('keys the breach the same after a restart, so the ledger drops the repeat', () => {
    // After a restart the monitor compares with the state at its watermark (the last poll before).
    const beforeCrossing = between(HOUR - 10 * MINUTE, HOUR + 5 * MINUTE, { sessions: [success] });
    const restartedEarlier = between(30 * MINUTE, 2 * HOUR, { sessions: [success] });
    expect(beforeCrossing).toEqual(['rpo:a1/j1:ok1']);
    expect(restartedEarlier).toEqual(beforeCrossing);
  });

  it('keys a job that never succeeded on "never"', () => {
    const failed = makeSession({ status: 'failed', start: at(-26 * HOUR + 30 * MINUTE), end: at(-25 * HOUR) });
    expect(between(0, HOUR, { sessions: [failed] })).toEqual(['rpo:a1/j1:never']);
  });

  it('reports a new breach (a new key) when the next success grows old too', () => {
    const next = makeSession({ id: 'ok2', start: at(-2 * HOUR), end: at(-HOUR) });
    expect(between(24 * HOUR, 26 * HOUR, { sessions: [success, next] })).toEqual(['rpo:a1/j1:ok2']);
  });

  it('follows the per-job RPO and says nothing for an RPO that is off or a disabled job', () => {
    const shape = { sessions: [success] };
    expect(between(-3 * HOUR, 0, shape, { jobRpo: { 'a1/j1': { rpoSec: 24 * 3600 } } })).toEqual(['rpo:a1/j1:ok1']);
    expect(between(0, 10 * HOUR, shape, { jobRpo: { 'a1/j1': { rpoSec: null } } })).toEqual([]);
    expect(between(0, 10 * HOUR, { ...shape, jobs: [makeJob({ enabled: false })] })).toEqual([]);
  });

  it('uses only the successes the settings count: warnings when they are unprotected', () => {
    const warned = makeSession({ id: 'w1', status: 'warning', start: at(-3 * HOUR), end: at(-2 * HOUR) });
    const shape = { sessions: [success, warned] };
    expect(between(0, 2 * HOUR, shape)).toEqual([]);
    expect(between(0, 2 * HOUR, shape, { warningsAreUnprotected: true })).toEqual(['rpo:a1/j1:ok1']);
  });

  it('stays quiet while the appliance cannot be read, and reports the breach on the first good poll', () => {
    const shape = { sessions: [success] };
    const down = { ...shape, health: { state: 'unreachable' as const, lastGoodPoll: at(0) } };
    const during = detectChanges(fleetAt(0, shape), fleetAt(2 * HOUR, down), opts(2 * HOUR));
    expect(protectionEvents(during)).toEqual([]);
    const back = detectChanges(fleetAt(2 * HOUR, down), fleetAt(3 * HOUR, shape), opts(3 * HOUR));
    expect(protectionEvents(back)).toEqual(['rpo:a1/j1:ok1']);
  });

  it('says nothing on the first poll (the baseline)', () => {
    expect(protectionEvents(detectChanges(null, fleetAt(10 * HOUR, { sessions: [success] }), opts(10 * HOUR)))).toEqual([]);
  });
});

describe('detectChanges: protection restored', () => {
  const restoring = makeSession({ id: 'ok2', start: at(2 * HOUR), end: at(3 * HOUR) });

  it('reports the first success after a breach, governed by its session', () => {
    const events = detectChanges(
      fleetAt(2 * HOUR, { sessions: [success] }),
      fleetAt(3 * HOUR, { sessions: [success, restoring] }),
      opts(3 * HOUR),
    );
    expect(events).toContainEqual({ kind: 'protection_restored', key: 'restored:a1/ok2', session: restoring });
  });

  it('does not report a success that came within the RPO, or a job whose RPO is off', () => {
    const inTime = makeSession({ id: 'ok3', start: at(-HOUR), end: at(0) });
    expect(
      protectionEvents(detectChanges(fleetAt(-2 * HOUR, { sessions: [success] }), fleetAt(0, { sessions: [success, inTime] }), opts(0))),
    ).toEqual([]);
    const off = { jobRpo: { 'a1/j1': { rpoSec: null } } };
    const events = detectChanges(
      fleetAt(2 * HOUR, { sessions: [success] }),
      fleetAt(3 * HOUR, { sessions: [success, restoring] }),
      opts(3 * HOUR, off),
    );
    expect(protectionEvents(events)).toEqual([]);
  });

  it('reports the first success of a job that never succeeded for longer than its RPO', () => {
    const failed = makeSession({ status: 'failed', start: at(-30 * HOUR), end: at(-29 * HOUR) });
    const events = detectChanges(
      fleetAt(2 * HOUR, { sessions: [failed] }),
      fleetAt(3 * HOUR, { sessions: [failed, restoring] }),
      opts(3 * HOUR),
    );
    expect(protectionEvents(events)).toEqual(['restored:a1/ok2']);
  });

  it('counts a warning as the restoring success unless warnings are unprotected', () => {
    const warned = { ...restoring, status: 'warning' as const };
    const prev = fleetAt(2 * HOUR, { sessions: [success] });
    const next = fleetAt(3 * HOUR, { sessions: [success, warned] });
    expect(protectionEvents(detectChanges(prev, next, opts(3 * HOUR)))).toEqual(['restored:a1/ok2']);
    expect(protectionEvents(detectChanges(prev, next, opts(3 * HOUR, { warningsAreUnprotected: true })))).toEqual([]);
  });
});
