/**
 * The VB365 backfill against servers that filter older sessions (v7+, `endTimeUpperBound`) and
 * servers that list them all (v5, v6), newest or oldest first: it reads every run that ended
 * before the incremental read's bound and leaves the rest (runs in progress, later ends) to that read.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/common/model.js';
import type { SessionCursor } from '../../src-main/core/connectors/connector.js';
import { VB365_TUNING, createVb365Connector } from '../../src-main/core/connectors/vb365/vb365-connector.js';
import type { Vb365SimulatorOptions } from '../../src-main/demo/vb365/vb365-simulator.js';
import { VB365_DEMO_JOBS, startVb365Simulator } from '../../src-main/demo/vb365/vb365-simulator.js';
import { connectorSetups, Poller } from './connector-setup.js';

const TEAMS_JOB = VB365_DEMO_JOBS.find((j) => j.subType === 'teams')!;
const wire = connectorSetups();

describe.each<Pick<Vb365SimulatorOptions, 'apiVersion' | 'sessionOrder'>>([
  { apiVersion: 'v8', sessionOrder: 'newest' },
  { apiVersion: 'v8', sessionOrder: 'oldest' },
  { apiVersion: 'v6', sessionOrder: 'newest' },
  { apiVersion: 'v6', sessionOrder: 'oldest' },
])('VB365 backfill against a $apiVersion server listing $sessionOrder first', (options) => {
  it('reads every run that ended before the bound, a page a call, and no run in progress', async () => {
    const sim = await startVb365Simulator({ historySize: 600, ...options });
    const { connector } = await wire(sim, { vendor: 'vb365', applianceId: 'vbo-1', applianceName: 'VBO', options: {} }, (ctx) =>
      createVb365Connector(ctx, VB365_TUNING),
    );
    const poller = new Poller(connector);
    await poller.poll();
    const cursor = poller.cursor!;
    const bound = Date.parse(String(cursor['endBound']));
    // A run in progress and one that ended after the bound: both the incremental read's.
    const running = sim.scenario.startRun(TEAMS_JOB.id, { endsInMs: 3_600_000 });
    const older = new Map<string, Session>();
    let position: SessionCursor | null = null;
    let calls = 0;
    do {
      const requests = sim.server.stats.requests;
      const page = await connector.readOlder!(position, cursor);
      expect(sim.server.stats.requests - requests).toBeLessThanOrEqual(2);
      for (const s of page.sessions) older.set(s.id, s);
      position = page.position;
      calls++;
    } while (position !== null && calls < 100);
    expect(position).toBeNull();
    expect(older.has(running.id)).toBe(false);
    expect([...older.values()].filter((s) => s.end === null || Date.parse(s.end) >= bound)).toEqual([]);
    const endedBefore = sim.scenario.sessions().filter((s) => s.endedAt !== null && s.endedAt < bound);
    expect(endedBefore.filter((s) => !older.has(s.id)).map((s) => s.id)).toEqual([]);
  });
});
