/**
 * The background backfill: after the first read's window, older history is read one page a poll
 * until every job has its last 30 runs (or nothing older is listed), without a notification for
 * anything it finds and without delaying the first status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../../src-main/common/model.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import { DAY_MS } from '../../../src-main/common/compliance-ledger.js';
import { readCompliance } from '../../../src-main/core/reports/compliance-read.js';
import { SPP_TUNING } from '../../../src-main/core/connectors/spp/spp-connector.js';
import { VBR_TUNING } from '../../../src-main/core/connectors/vbr/vbr-tuning.js';
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

describe.each([
  { vendor: 'spp' as const, pageSize: SPP_TUNING.listPageSize },
  { vendor: 'vbr' as const, pageSize: VBR_TUNING.pageSize },
])('$vendor: backfill across a page edge', ({ vendor, pageSize }) => {
  it('reads every run of an instant that more runs share than fit on the page the instant begins on', async () => {
    const history = openMemoryHistoryStore();
    rig = await startWatchRig(vendor, history, 5, 60);
    const r = rig;
    const job = r.sim.scenario.jobs()[0]!;
    // A page and a half of runs started in one instant a week ago, below the rest of the history and any first read.
    const at = Math.min(r.sim.scenario.sessions()[0]!.createdAt, r.time.now()) - 7 * 86_400_000;
    const burst = r.sim.scenario.injectSessions(
      Array.from({ length: pageSize + pageSize / 2 }, () => ({ jobId: job.id, createdAt: at, outcome: 'succeeded' as const })),
    );
    await r.poll();
    const storedAt = () =>
      history.sessions({ jobId: job.id, limit: Number.POSITIVE_INFINITY }).filter((s) => Date.parse(s.start ?? '') === at);
    for (let polls = 0; storedAt().length < burst.length && polls < 20; polls++) {
      r.time.advance(60_000);
      await r.poll();
    }
    expect(storedAt().length).toBe(burst.length);
  });
});

/** Per vendor: history big enough that most of it lies below the first read, and what of it Backwatch keeps. */
interface ComplianceCase {
  readonly vendor: Vendor;
  readonly historySize: number;
  /** Sessions of kinds Backwatch does not watch (VBR restores) are never stored. */
  readonly watched: (jobType: string | undefined) => boolean;
}

const everyKind = () => true;
const COMPLIANCE_CASES: readonly ComplianceCase[] = [
  { vendor: 'spp', historySize: 1500, watched: everyKind },
  { vendor: 'vbr', historySize: 1500, watched: (type) => type !== 'restore' },
  { vendor: 'vb365', historySize: 1500, watched: everyKind },
  // One backup a day: 300 days lie inside the default retention of the history database.
  { vendor: 'vcsa', historySize: 300, watched: everyKind },
];

describe.each(COMPLIANCE_CASES)('$vendor: backfill for compliance', ({ vendor, historySize, watched }) => {
  // The first read reads a bounded window of the appliance's history; the rest comes through the backfill.
  it('goes on a page a poll until the history database holds everything the appliance lists, keeping the window as it was', async () => {
    const history = openMemoryHistoryStore();
    rig = await startWatchRig(vendor, history, 7, historySize);
    const r = rig;
    await r.poll();
    const firstPollRequests = r.sim.server.stats.requests;
    const { scenario } = r.sim;
    const listed = () => scenario.sessions().filter((s) => s.createdAt <= r.time.now() && watched(scenario.job(s.jobId)?.type)).length;
    const stored = () => history.sessions({ applianceId: 'watched', limit: Number.POSITIVE_INFINITY }).length;
    const windowSize = () => r.monitor().fleet().appliances[0]!.sessions.length;
    expect(stored()).toBeLessThan(listed());
    let polls = 0;
    while (stored() < listed() && polls < 200) {
      r.time.advance(60_000);
      r.sim.server.resetStats();
      await r.poll();
      expect(r.sim.server.stats.requests).toBeLessThanOrEqual(firstPollRequests + 3);
      polls++;
    }
    expect(stored()).toBe(listed());
    // The reports say the history reaches back to the end of the oldest run the appliance keeps.
    const ends = scenario.sessions().flatMap((s) => (s.endedAt !== null && watched(scenario.job(s.jobId)?.type) ? [s.endedAt] : []));
    const now = r.time.now();
    const source = {
      history,
      appliances: [r.monitor().fleet().appliances[0]!.appliance],
      settings: DEFAULT_SETTINGS,
      maintenance: [],
      nowMs: now,
    };
    expect(readCompliance(source, { startMs: now - DAY_MS, endMs: now }, null).appliances[0]?.historyFromMs).toBe(Math.min(...ends));
    // What only the database needed never reached the window, nor a notification. A job with
    // fewer than 30 runs in all the history (one that lapsed) wants the window to take every run.
    const jobs = r.monitor().fleet().appliances[0]!.jobs;
    const eachHas30 = jobs.every((j) => history.sessions({ applianceId: 'watched', jobId: j.id, limit: 30 }).length === 30);
    if (eachHas30) expect(r.seen.size).toBeLessThan(stored());
    expect(windowSize()).toBeLessThanOrEqual(DEFAULT_SETTINGS.sessionWindow);
    expect([...r.notified.keys()].filter((k) => k.startsWith('failed:'))).toEqual([]);
    // Done: a later poll reads no older page.
    r.sim.server.resetStats();
    r.time.advance(60_000);
    await r.poll();
    expect(r.sim.server.stats.requests).toBeLessThanOrEqual(firstPollRequests);
  });
});
