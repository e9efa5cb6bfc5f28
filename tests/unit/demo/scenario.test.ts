import { describe, expect, it } from 'vitest';
import type { ScenarioJobSpec } from '../../../src-main/demo/sim/scenario.js';
import { createScenario } from '../../../src-main/demo/sim/scenario.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

const jobs: ScenarioJobSpec[] = [
  {
    id: 'a',
    name: 'Nightly VMs',
    type: 'backup',
    intervalMs: 60 * MIN,
    durationMs: 20 * MIN,
    resources: ['vm1', 'vm2', 'vm3', 'vm4'],
    outcomes: { failed: 0.2, warning: 0.2 },
  },
  {
    id: 'b',
    name: 'Databases',
    type: 'backup',
    intervalMs: 30 * MIN,
    offsetMs: 5 * MIN,
    durationMs: 5 * MIN,
    queueMs: MIN,
    resources: ['db1', 'db2'],
  },
  { id: 'd', name: 'Archive to tape', type: 'archive', intervalMs: 60 * MIN, durationMs: 30 * MIN, resources: ['tape'] },
  { id: 'c', name: 'Disabled', type: 'backup', intervalMs: 10 * MIN, durationMs: MIN, resources: ['x'], enabled: false },
];

function manualScenario(seed = 7) {
  let t = T0;
  const scenario = createScenario({ jobs, seed, now: () => t });
  return { scenario, setTime: (ms: number) => (t = ms) };
}

describe('scenario engine', () => {
  it('schedules jobs on their interval and phase; a disabled job has no next run', () => {
    const { scenario } = manualScenario();
    expect(scenario.job('a')?.nextRunAt).toBe(T0 + 60 * MIN);
    expect(scenario.job('b')?.nextRunAt).toBe(T0 + 5 * MIN);
    expect(scenario.job('c')?.nextRunAt).toBeNull();
    scenario.advance(6 * MIN);
    expect(scenario.job('b')?.nextRunAt).toBe(T0 + 35 * MIN);
    expect(scenario.sessions().map((s) => [s.jobId, s.createdAt])).toEqual([['b', T0 + 5 * MIN]]);
  });

  it('queues, runs with advancing progress, then ends', () => {
    const { scenario } = manualScenario();
    scenario.advance(5 * MIN + 30_000);
    const s = scenario.sessions()[0]!;
    expect(s.state).toBe('queued');
    expect(scenario.activeSessions()).toEqual([s]);
    scenario.advance(MIN);
    expect(s.state).toBe('running');
    const p1 = s.progress;
    scenario.advance(MIN);
    expect(s.progress).toBeGreaterThan(p1);
    expect(s.progress).toBeLessThan(1);
    scenario.advance(10 * MIN);
    expect(s.state).toBe('succeeded');
    expect(s.processed).toBe(2);
    expect(s.endedAt).not.toBeNull();
    expect(scenario.activeSessions()).toEqual([]);
    expect(scenario.job('b')?.lastFinished).toBe(s);
  });

  it('is deterministic for a seed, whatever the read pattern', () => {
    const outcomes = (readOften: boolean) => {
      const { scenario } = manualScenario(42);
      for (let i = 0; i < 48; i++) {
        scenario.advance(30 * MIN);
        if (readOften) scenario.sessions();
      }
      return scenario.sessions().map((s) => [s.id, s.state, s.endedAt]);
    };
    const a = outcomes(true);
    expect(outcomes(false)).toEqual(a);
    expect(new Set(a.map((x) => x[1])).size).toBeGreaterThan(1);
  });

  it('forces outcomes: failNext, finishRun, startRun', () => {
    const { scenario } = manualScenario();
    scenario.failNext('a');
    const manual = scenario.startRun('a');
    expect(manual.manual).toBe(true);
    expect(manual.state).toBe('running');
    scenario.advance(40 * MIN);
    expect(manual.state).toBe('failed');
    expect(manual.message).toMatch(/vm\d: /);
    expect(scenario.resourcesOf(manual).some((r) => r.state === 'failed')).toBe(true);
    expect(scenario.logOf(manual).some((l) => l.level === 'error')).toBe(true);

    const other = scenario.startRun('b');
    scenario.finishRun(other.id, 'canceled');
    expect(other.state).toBe('canceled');
    expect(scenario.activeSessions()).not.toContain(other);
    expect(() => scenario.startRun('nope')).toThrow();
  });

  it('deletes a session: gone from every list and lookup, and its job free to run again', () => {
    const { scenario } = manualScenario();
    const finished = scenario.startRun('d');
    scenario.finishRun(finished.id, 'succeeded');
    const running = scenario.startRun('d');
    expect(scenario.job('d')?.activeCount).toBe(1);

    expect(scenario.deleteSession(running.id)).toBe(true);
    expect(scenario.session(running.id)).toBeUndefined();
    expect(scenario.sessions()).not.toContain(running);
    expect(scenario.activeSessions()).toEqual([]);
    expect(scenario.job('d')).toMatchObject({ activeCount: 0, lastFinished: finished });
    expect(scenario.deleteSession(running.id)).toBe(false);

    expect(scenario.deleteSession(finished.id)).toBe(true);
    expect(scenario.job('d')?.lastFinished).toBeNull();
    // Time moves on without it: the deleted run never comes back or ends.
    scenario.advance(120 * MIN);
    expect(scenario.sessions().map((s) => s.id)).not.toContain(running.id);
  });

  it('skips a scheduled fire while the job still runs', () => {
    const { scenario } = manualScenario();
    scenario.advance(50 * MIN);
    // Job d always succeeds after 21..39 min; its schedule fires at +60 min while this run is active.
    const manual = scenario.startRun('d');
    scenario.advance(11 * MIN);
    expect(manual.state).toBe('running');
    expect(scenario.sessions().filter((s) => s.jobId === 'd')).toEqual([manual]);
    expect(scenario.job('d')?.nextRunAt).toBe(T0 + 120 * MIN);
  });

  it('generates 10,000 finished history sessions fast, sorted, all ended before now', () => {
    const { scenario } = manualScenario();
    const t = performance.now();
    scenario.generateHistory(10_000);
    expect(performance.now() - t).toBeLessThan(500);
    const all = scenario.sessions();
    expect(all).toHaveLength(10_000);
    expect(scenario.activeSessions()).toHaveLength(0);
    for (let i = 1; i < all.length; i++) expect(all[i]!.createdAt).toBeGreaterThan(all[i - 1]!.createdAt);
    expect(all.every((s) => s.endedAt !== null && s.endedAt < T0)).toBe(true);
    expect(new Set(all.map((s) => s.state))).toEqual(new Set(['succeeded', 'warning', 'failed']));
    const mid = all[5000]!;
    expect(scenario.indexAtOrAfter(mid.createdAt)).toBe(5000);
    expect(scenario.indexAtOrAfter(mid.createdAt + 1)).toBe(5001);
    expect(scenario.session(mid.id)).toBe(mid);
    expect(() => scenario.generateHistory(5)).toThrow();
  });

  it('moves with the injected clock as well as with advance()', () => {
    const { scenario, setTime } = manualScenario();
    setTime(T0 + 6 * MIN);
    expect(scenario.sessions()).toHaveLength(1);
    scenario.advance(MIN);
    expect(scenario.now()).toBe(T0 + 7 * MIN);
  });
});
