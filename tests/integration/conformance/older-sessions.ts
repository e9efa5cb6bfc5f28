/**
 * The background backfill's reads, for every vendor: from where the first poll's window ends, page
 * by page, every session the appliance keeps below it comes back, each page newest first and for
 * a few requests, and the last page says nothing older is left.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/common/model.js';
import type { SessionCursor } from '../../../src-main/core/connectors/connector.js';
import type { ConformanceHarness } from './connector-conformance.js';
import { createPollDriver } from './poll-driver.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const startMs = (s: Session): number => Date.parse(s.start ?? '');

export function describeOlderSessions(name: string, harness: ConformanceHarness): void {
  describe(`${name} older sessions`, () => {
    it('reads every session below the first window, a newest-first page of a few requests at a time', async () => {
      const rig = await harness.start({ historySize: 1000, now: () => T0, seed: 13 });
      const connector = rig.makeConnector();
      try {
        const driver = createPollDriver(connector, () => T0);
        await driver.poll();
        const cursor = driver.cursor()!;
        const read = new Map<string, Session>(driver.sessions);
        expect(connector.readOlder).toBeDefined();
        let position: SessionCursor | null = null;
        let pages = 0;
        do {
          rig.simulator.resetStats();
          const page = await connector.readOlder!(position, cursor);
          expect(rig.simulator.stats.requests).toBeLessThanOrEqual(3);
          const starts = page.sessions.map(startMs);
          expect(starts).toEqual([...starts].sort((a, b) => b - a));
          for (const s of page.sessions) read.set(s.id, s);
          position = page.position;
          pages++;
        } while (position !== null && pages < 200);
        expect(position).toBeNull();
        expect(read.size).toBeGreaterThan(driver.sessions.size);
        // What the appliance keeps of each job Backwatch reads at all (a kind the API revision does not list never shows).
        const { scenario } = rig;
        const jobs = new Set([...read.keys()].map((id) => scenario.session(id)?.jobId));
        const kept = scenario.sessions().filter((s) => jobs.has(s.jobId) && s.endedAt !== null);
        expect(kept.filter((s) => !read.has(s.id)).map((s) => s.id)).toEqual([]);
      } finally {
        await connector.close();
        await rig.close();
      }
    });
  });
}
