/**
 * The background backfill: after the first read's window, older history is read one page a poll
 * until every job has its last 30 runs (or nothing older is listed), without a notification for
 * anything it finds and without delaying the first status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../../src-main/common/model.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import { startWatchRig, type WatchRig } from './watch-rig.js';

let rig: WatchRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const runsPerJob = (r: WatchRig): Map<string, number> => {
  const runs = new Map<string, number>();
  for (const s of r.monitor().fleet().appliances[0]!.sessions) runs.set(s.jobId, (runs.get(s.jobId) ?? 0) + 1);
  return runs;
};

describe.each<Vendor>(['spp', 'vbr'])('%s: backfill', (vendor) => {
  it('reads older history a page a poll until every job has 30 runs, notifying none of it', async () => {
    const history = openMemoryHistoryStore();
    rig = await startWatchRig(vendor, history, 5, 300);
    const r = rig;
    // One job whose 40 runs all lie before the rest of the history: outside any first read.
    const runsOf = (jobId: string) => r.sim.scenario.sessions().filter((s) => s.jobId === jobId).length;
    const job = [...r.sim.scenario.jobs()].sort((a, b) => runsOf(a.id) - runsOf(b.id))[0]!;
    const oldest = r.sim.scenario.sessions()[0]!.createdAt;
    const old = Array.from({ length: 40 }, (_, i) => ({
      jobId: job.id,
      createdAt: oldest - (40 - i) * 3_600_000,
      outcome: 'failed' as const,
    }));
    r.sim.scenario.injectSessions(old);
    r.sim.server.resetStats();
    await r.poll();
    const firstPollRequests = r.sim.server.stats.requests;
    const short = () => ((runsPerJob(r).get(job.id) ?? 0) < 30 ? [job.id] : []);
    expect(short()).toEqual([job.id]);

    let polls = 0;
    while (short().length > 0 && polls < 40) {
      r.time.advance(60_000);
      r.sim.server.resetStats();
      await r.poll();
      // One page of older history a poll at most, beside the usual reads.
      expect(r.sim.server.stats.requests).toBeLessThanOrEqual(firstPollRequests + 3);
      polls++;
    }
    expect(short()).toEqual([]);
    expect([...r.notified.keys()].filter((k) => k.startsWith('failed:'))).toEqual([]);
    // The history database holds it too, for the next start.
    expect(history.sessions({ jobId: job.id, limit: 100 }).length).toBeGreaterThanOrEqual(30);
  });
});

describe('spp: backfill for compliance', () => {
  // The first read of SPP reads a bounded window of its history; the rest comes through the backfill.
  it('goes on a page a poll until the history database holds everything the appliance lists, keeping the window as it was', async () => {
    const history = openMemoryHistoryStore();
    rig = await startWatchRig('spp', history, 7, 1500);
    const r = rig;
    await r.poll();
    const firstPollRequests = r.sim.server.stats.requests;
    const listed = () => r.sim.scenario.sessions().filter((s) => s.createdAt <= r.time.now()).length;
    const stored = () => history.sessions({ applianceId: 'watched', limit: Number.POSITIVE_INFINITY }).length;
    const windowSize = () => r.monitor().fleet().appliances[0]!.sessions.length;
    let polls = 0;
    while (stored() < listed() && polls < 200) {
      r.time.advance(60_000);
      r.sim.server.resetStats();
      await r.poll();
      expect(r.sim.server.stats.requests).toBeLessThanOrEqual(firstPollRequests + 3);
      polls++;
    }
    expect(stored()).toBe(listed());
    // What only the database needed never reached the window, nor a notification.
    expect(r.seen.size).toBeLessThan(stored());
    expect(windowSize()).toBeLessThanOrEqual(DEFAULT_SETTINGS.sessionWindow);
    expect([...r.notified.keys()].filter((k) => k.startsWith('failed:'))).toEqual([]);
    // Done: a later poll reads no older page.
    r.sim.server.resetStats();
    r.time.advance(60_000);
    await r.poll();
    expect(r.sim.server.stats.requests).toBeLessThanOrEqual(firstPollRequests);
  });
});
