/**
 * Every session an appliance lists is seen, and every failed one notified exactly once, whatever
 * the appliance's clock, the size of a burst, or restarts in between: for every vendor, against
 * its simulator, through the real monitor, notification ledger and history database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../../src-main/common/model.js';
import type { InjectedSession, RunOutcome } from '../../../src-main/demo/sim/scenario.js';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import { failedKey, pollUntilCaughtUp, startWatchRig, type WatchRig } from './watch-rig.js';

const VENDORS: readonly Vendor[] = ['spp', 'vb365', 'vbr', 'vcsa'];
const YEAR = 365.25 * 24 * 3_600_000;

let rig: WatchRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function rigFor(vendor: Vendor): Promise<WatchRig> {
  rig = await startWatchRig(vendor, openMemoryHistoryStore());
  await rig.poll();
  return rig;
}

/** `count` finished runs of the first job, one a second, ending before the appliance's now. */
function burst(r: WatchRig, count: number, failedAt: ReadonlySet<number>): InjectedSession[] {
  const jobId = r.sim.scenario.jobs()[0]!.id;
  const end = r.sim.scenario.applianceNow() - 2000;
  return Array.from({ length: count }, (_, i) => ({
    jobId,
    createdAt: end - (count - i) * 1000,
    runMs: 500,
    outcome: (failedAt.has(i) ? 'failed' : 'succeeded') as RunOutcome,
  }));
}

describe.each(VENDORS)('%s: gap-free reading', (vendor) => {
  it('a session dated in the future neither hides a later failure nor moves the cursor, and is flagged', async () => {
    const r = await rigFor(vendor);
    const jobId = r.sim.scenario.jobs()[0]!.id;
    const [future] = r.sim.scenario.injectSessions([{ jobId, createdAt: Date.parse('2100-01-01T00:00:00Z'), outcome: 'succeeded' }]);
    r.time.advance(60_000);
    await r.poll();
    const health = r.monitor().fleet().appliances[0]!.health;
    expect(health.clockAheadMs).toBeGreaterThan(73 * YEAR);
    expect(r.seen.has(future!.id)).toBe(true);

    for (let n = 0; n < 3; n++) {
      r.time.advance(60_000);
      const [failure] = r.sim.scenario.injectSessions(burst(r, 1, new Set([0])));
      await r.poll();
      expect(r.seen.has(failure!.id)).toBe(true);
      expect(r.notified.get(failedKey(failure!))).toBe(1);
    }
  });

  it('a burst of 600 sessions with 3 failures is read over several polls, none skipped', async () => {
    const r = await rigFor(vendor);
    r.time.advance(900_000);
    const injected = r.sim.scenario.injectSessions(burst(r, 600, new Set([17, 301, 598])));
    r.time.advance(1000);
    await r.poll();
    expect(r.monitor().fleet().appliances[0]!.health.behind).toBeGreaterThan(0);
    await pollUntilCaughtUp(r);
    expect(injected.filter((s) => !r.seen.has(s.id))).toEqual([]);
    const failed = injected.filter((s) => s.state === 'failed');
    expect(failed).toHaveLength(3);
    for (const s of failed) expect(r.notified.get(failedKey(s))).toBe(1);
  });

  it('failures that end while Backwatch is closed are read and notified once after a restart', async () => {
    const r = await rigFor(vendor);
    await r.monitor().stop();
    r.time.advance(3 * 24 * 3_600_000);
    const injected = r.sim.scenario.injectSessions(burst(r, 40, new Set([3, 20, 39])));
    await r.restart();
    await pollUntilCaughtUp(r);
    for (const s of injected.filter((x) => x.state === 'failed')) expect(r.notified.get(failedKey(s))).toBe(1);
    expect(injected.filter((s) => !r.seen.has(s.id))).toEqual([]);

    await r.restart();
    await pollUntilCaughtUp(r);
    for (const s of injected.filter((x) => x.state === 'failed')) expect(r.notified.get(failedKey(s))).toBe(1);
  });
});

describe('a history database that fails mid-run', () => {
  it('costs no poll and no failure notification: the appliance is read and notified as without it', async () => {
    const store = openMemoryHistoryStore();
    const broken = { error: false };
    const failing = new Proxy(store, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || prop === 'close') return value;
        return (...args: unknown[]) => {
          if (broken.error) throw new Error('SQLITE_CORRUPT: database disk image is malformed');
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    rig = await startWatchRig('spp', failing);
    await rig.poll();
    broken.error = true;
    rig.time.advance(60_000);
    const [failure] = rig.sim.scenario.injectSessions(burst(rig, 1, new Set([0])));
    await rig.poll();
    expect(rig.monitor().fleet().appliances[0]!.health.state).toBe('ok');
    expect(rig.seen.has(failure!.id)).toBe(true);
    expect(rig.notified.get(failedKey(failure!))).toBe(1);
  });
});
