/**
 * The background backfill: after the first read's window, older history is read one page a poll
 * until every job has its last 30 runs (or nothing older is listed), without a notification for
 * anything it finds and without delaying the first status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../../src-main/common/model.js';
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
