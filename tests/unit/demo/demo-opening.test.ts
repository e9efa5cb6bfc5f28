import { describe, expect, it } from 'vitest';
import { compressSchedule, MAX_DEMO_RUN_MS, MIN_DEMO_RUN_MS } from '../../../src-main/demo/demo-vendor.js';
import type { ScenarioJobSpec } from '../../../src-main/demo/sim/scenario.js';
import { createScenario } from '../../../src-main/demo/sim/scenario.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

const jobs: ScenarioJobSpec[] = [
  { id: 'vm', name: 'VMs', type: 'backup', intervalMs: 4 * HOUR, durationMs: 40 * MIN, resources: ['vm1', 'vm2'] },
  { id: 'log', name: 'Logs', type: 'backup', intervalMs: HOUR, durationMs: 6 * MIN, resources: ['db'], queueMs: 10_000 },
  {
    id: 'weekly',
    name: 'Weekly',
    type: 'backup',
    intervalMs: 7 * 24 * HOUR,
    durationMs: 45 * MIN,
    resources: ['a'],
    lastRunAgoMs: 30 * HOUR,
  },
];

function scenarioAt(t: { now: number }, specs: readonly ScenarioJobSpec[] = jobs) {
  return createScenario({ jobs: specs, seed: 3, now: () => t.now });
}

describe('the demo opening', () => {
  it('starts a run the schedule owns, running and advancing at once', () => {
    const t = { now: T0 };
    const scenario = scenarioAt(t);
    const run = scenario.startRun('vm', { manual: false });
    expect(run).toMatchObject({ manual: false, state: 'running', progress: 0 });
    t.now += 5_000;
    scenario.sessions();
    expect(run.progress).toBeGreaterThan(0);
    expect(run.state).toBe('running');
    expect(scenario.startRun('vm').manual).toBe(true);
  });

  it('ends a timed run when told, a forced failure included, queue time counted', () => {
    const t = { now: T0 };
    const scenario = scenarioAt(t);
    scenario.failNext('log');
    const run = scenario.startRun('log', { manual: false, endsInMs: 40_000 });
    expect(run.state).toBe('queued');
    t.now += 39_000;
    scenario.sessions();
    expect(run.state).toBe('running');
    t.now += 1_000;
    scenario.sessions();
    expect(run.state).toBe('failed');
    expect(run.endedAt).toBe(T0 + 40_000);
  });

  it('puts a lapsed job first in the history, succeeded at its own age, creation order kept', () => {
    const scenario = scenarioAt({ now: T0 });
    scenario.generateHistory(50);
    const all = scenario.sessions();
    expect(all).toHaveLength(50);
    const lapsed = all.filter((s) => s.jobId === 'weekly');
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({ state: 'succeeded', createdAt: T0 - 30 * HOUR });
    expect(all[0]).toBe(lapsed[0]);
    for (let i = 1; i < all.length; i++) expect(all[i]!.createdAt).toBeGreaterThan(all[i - 1]!.createdAt);
    expect(all.every((s) => s.endedAt !== null && s.endedAt < T0)).toBe(true);
  });

  it('makes no history when asked for none', () => {
    const scenario = scenarioAt({ now: T0 });
    scenario.generateHistory(0);
    expect(scenario.sessions()).toEqual([]);
  });

  it('keeps a lapsed job older than the whole recent history', () => {
    const recent = jobs.map((j) => (j.id === 'weekly' ? { ...j, lastRunAgoMs: 10 * MIN } : j));
    const scenario = scenarioAt({ now: T0 }, recent);
    scenario.generateHistory(50);
    const all = scenario.sessions();
    expect(all[0]?.jobId).toBe('weekly');
    expect(all[1]!.createdAt).toBeGreaterThan(all[0]!.createdAt);
  });

  it('compresses runs to 1..5 minutes and schedules to at least twice the run, tempo 1 untouched', () => {
    const compressed = compressSchedule(
      [...jobs, { id: 'huge', name: 'Huge', type: 'backup', intervalMs: 24 * HOUR, durationMs: 6 * HOUR, resources: ['x'] }],
      60,
    );
    for (const job of compressed) {
      expect(job.durationMs).toBeGreaterThanOrEqual(MIN_DEMO_RUN_MS);
      expect(job.durationMs).toBeLessThanOrEqual(MAX_DEMO_RUN_MS);
      expect(job.intervalMs).toBeGreaterThanOrEqual(2 * job.durationMs);
    }
    expect(compressed.map((j) => j.durationMs)).toEqual([160_000, MIN_DEMO_RUN_MS, 180_000, MAX_DEMO_RUN_MS]);
    expect(compressed.find((j) => j.id === 'weekly')?.lastRunAgoMs).toBe(30 * HOUR);
    expect(compressSchedule(jobs, 1)).toEqual(jobs);
  });
});
