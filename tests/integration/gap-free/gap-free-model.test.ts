/**
 * Model-based test of the reading invariant: random histories (schedules running, bursts larger
 * than a page and than a poll's budget, sessions dated far in the future, the appliance's clock
 * set ahead or behind, sessions deleted midway, restarts between polls) against each vendor's
 * simulator. Whatever happened, once the core has caught up it has seen every finished session the
 * appliance still lists that started after the first poll, and notified every failed one once.
 * (A run still going may be seen only once it ends: a VB365 server that lists oldest first shows
 * new runs through their end.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../../src-main/common/model.js';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import type { RunOutcome } from '../../../src-main/demo/sim/scenario.js';
import { failedKey, pollUntilCaughtUp, startWatchRig, type WatchRig } from './watch-rig.js';

const VENDORS: readonly Vendor[] = ['spp', 'vb365', 'vbr', 'vcsa'];
const MINUTE = 60_000;
const YEAR = 365.25 * 24 * 60 * MINUTE;

type Real = WatchRig;
/** The model: nothing to predict step by step; the invariant is checked once the core caught up. */
type Model = Record<string, never>;
type Step = fc.AsyncCommand<Model, Real>;

const step = (name: string, run: (r: Real) => Promise<void> | void): Step => ({
  check: () => true,
  run: async (_m, r) => {
    await run(r);
  },
  toString: () => name,
});

const outcome = fc.constantFrom<RunOutcome>('succeeded', 'succeeded', 'warning', 'failed', 'canceled');

const steps: fc.Arbitrary<Step>[] = [
  fc.integer({ min: 1, max: 180 }).map((minutes) => step(`advance ${minutes} min`, (r) => r.time.advance(minutes * MINUTE))),
  fc.constant(step('poll', (r) => r.poll())),
  fc.constant(step('restart', (r) => r.restart())),
  fc.tuple(fc.integer({ min: 1, max: 700 }), fc.array(fc.nat(), { maxLength: 4 })).map(([count, failures]) =>
    step(`burst of ${count}`, (r) => {
      // Runs one every 100 ms over the time that passes for them.
      r.time.advance(count * 100 + 2000);
      const jobs = r.sim.scenario.jobs();
      const end = r.sim.scenario.applianceNow() - 1000;
      const failed = new Set(failures.map((f) => f % count));
      r.sim.scenario.injectSessions(
        Array.from({ length: count }, (_, i) => ({
          jobId: jobs[i % jobs.length]!.id,
          createdAt: end - (count - i) * 100,
          runMs: 50,
          outcome: failed.has(i) ? ('failed' as const) : ('succeeded' as const),
        })),
      );
    }),
  ),
  fc.tuple(fc.integer({ min: 1, max: 80 }), outcome).map(([years, result]) =>
    step(`a ${result} session dated ${years} years ahead`, (r) => {
      const jobId = r.sim.scenario.jobs()[0]!.id;
      r.sim.scenario.injectSessions([{ jobId, createdAt: r.sim.scenario.applianceNow() + years * YEAR, outcome: result }]);
    }),
  ),
  fc
    .oneof(fc.integer({ min: -30 * 24 * 60, max: -2 }), fc.integer({ min: 2, max: 80 * 365 * 24 * 60 }), fc.constant(0))
    .map((minutes) => step(`appliance clock offset ${minutes} min`, (r) => r.sim.scenario.setClockOffset(minutes * MINUTE))),
  fc.tuple(fc.nat(), outcome).map(([pick, result]) =>
    step(`start a run ending ${result}`, (r) => {
      const jobs = r.sim.scenario.jobs();
      const job = jobs[pick % jobs.length]!;
      if (result !== 'succeeded') r.sim.scenario.failNext(job.id, result);
      r.sim.scenario.startRun(job.id, { endsInMs: 5 * MINUTE });
    }),
  ),
  fc.nat().map((pick) =>
    step('delete a session', (r) => {
      const all = r.sim.scenario.sessions();
      const victim = all[all.length - 1 - (pick % Math.min(all.length, 50))];
      if (victim) r.sim.scenario.deleteSession(victim.id);
    }),
  ),
];

async function checkInvariant(vendor: Vendor, seed: number, commands: Iterable<Step>): Promise<void> {
  const rig = await startWatchRig(vendor, openMemoryHistoryStore(), seed);
  try {
    await rig.poll();
    const baseline = rig.sim.scenario.sessions().reduce((max, s) => Math.max(max, s.seq), 0);
    await fc.asyncModelRun(() => ({ model: {}, real: rig }), commands);
    // Let every run end and the core catch up.
    rig.time.advance(2 * 60 * MINUTE);
    await pollUntilCaughtUp(rig, 40);
    const listed = rig.sim.scenario.sessions().filter((s) => s.seq > baseline && s.endedAt !== null);
    expect(listed.filter((s) => !rig.seen.has(s.id)).map((s) => `${s.id} (${new Date(s.createdAt).toISOString()})`)).toEqual([]);
    for (const s of listed.filter((x) => x.state === 'failed')) expect(rig.notified.get(failedKey(s)), s.id).toBe(1);
    for (const [key, times] of rig.notified) expect(times, key).toBe(1);
  } finally {
    await rig.close();
  }
}

describe.each(VENDORS)('%s: the reading invariant over random histories', (vendor) => {
  it('sees every listed session and notifies every failure once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.commands(steps, { maxCommands: 14 }), (seed, commands) =>
        checkInvariant(vendor, seed, commands),
      ),
      { numRuns: 8, seed: 20261207, endOnFailure: true },
    );
  }, 120_000);
});
