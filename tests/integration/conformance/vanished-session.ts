/**
 * A session deleted on the appliance while it runs, through the real monitor on a fake clock and
 * scheduler, for every vendor: it ends as `unknown`, notifies nothing, lets its appliance fall back
 * to the idle poll interval, and costs no request after that.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-main/common/settings.js';
import { planNotifications } from '../../../src-main/common/notification-policy.js';
import type { Connector } from '../../../src-main/core/connectors/connector.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createMonitor } from '../../../src-main/core/poller/monitor.js';
import type { Monitor, MonitorUpdate } from '../../../src-main/core/poller/monitor-types.js';
import { VANISHED_MESSAGE } from '../../../src-main/core/poller/session-read.js';
import { createFakeTime } from '../../support/fake-time.js';
import type { ConformanceHarness } from './connector-conformance.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const IDLE_MS = 45_000;
const ACTIVE_MS = 10_000;
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, pollIntervalSec: IDLE_MS / 1000, activePollIntervalSec: ACTIVE_MS / 1000 };

/** The connector calls the monitor makes that could concern one session. */
interface CallLog {
  /** Ids passed as active to each `listSessions`. */
  readonly listedActive: string[][];
  /** Ids passed to each `refreshActive`. */
  readonly refreshed: string[][];
}

function recording(connector: Connector, calls: CallLog): Connector {
  return Object.assign(Object.create(connector) as Connector, {
    // The backfill of older history has its own test (gap-free/backfill.test.ts): without it, every idle poll here costs the same.
    readOlder: undefined,
    listSessions: (...args: Parameters<Connector['listSessions']>) => {
      calls.listedActive.push(args[1].active.map((s) => s.id));
      return connector.listSessions(...args);
    },
    refreshActive: (...args: Parameters<Connector['refreshActive']>) => {
      calls.refreshed.push(args[0].map((s) => s.id));
      return connector.refreshActive(...args);
    },
  });
}

/** Moves the clock by `ms`; resolves once the poll that starts on the way is done and the next one is scheduled. */
async function advanceToPoll(monitor: Monitor, advance: (ms: number) => void, ms: number): Promise<MonitorUpdate> {
  const done = new Promise<MonitorUpdate>((resolve) => {
    const off = monitor.onUpdate((u) => {
      off();
      resolve(u);
    });
  });
  advance(ms);
  const update = await done;
  await new Promise((resolve) => setImmediate(resolve));
  return update;
}

export function describeVanishedSession(name: string, harness: ConformanceHarness): void {
  describe(`${name} session deleted while it runs`, () => {
    it('ends as unknown, notifies nothing, drops to the idle interval and costs no request after', async () => {
      const time = createFakeTime(T0);
      const rig = await harness.start({ historySize: 200, now: time.now, seed: 7 });
      const calls: CallLog = { listedActive: [], refreshed: [] };
      const monitor = createMonitor({
        appliances: [rig.appliance],
        settings: () => SETTINGS,
        connect: () => recording(rig.makeConnector(), calls),
        log: silentLogger,
        now: time.now,
        scheduler: time.scheduler,
        jobsRefreshMs: 24 * 3_600_000,
      });
      const poll = (ms: number) => advanceToPoll(monitor, time.advance, ms);
      const sessionOf = (id: string) => monitor.fleet().appliances[0]?.sessions.find((s) => s.id === id);
      try {
        monitor.start();
        await poll(0);
        rig.simulator.resetStats();
        await poll(IDLE_MS);
        const idleRequests = rig.simulator.stats.requests;

        const run = rig.scenario.startRun(rig.jobId);
        await poll(IDLE_MS);
        expect(sessionOf(run.id)?.status).toMatch(/^(queued|running)$/);
        expect(time.pending()).toEqual([ACTIVE_MS]);
        const running = sessionOf(run.id)!;

        expect(rig.scenario.deleteSession(run.id)).toBe(true);
        const vanished = await poll(ACTIVE_MS);
        // Ended now, as unknown, with everything else as last reported.
        const ended = { ...running, status: 'unknown', message: VANISHED_MESSAGE, end: new Date(time.now()).toISOString() };
        expect(sessionOf(run.id)).toEqual({ ...ended, durationMs: time.now() - Date.parse(running.start!) });
        expect(vanished.changedSessions.find((s) => s.id === run.id)).toEqual(sessionOf(run.id));
        expect(vanished.changes.map((c) => c.kind)).not.toContain('session_failed');
        const plan = planNotifications({
          events: vanished.changes,
          settings: SETTINGS,
          ledger: new Set(),
          held: [],
          now: time.now(),
          localMinutes: () => 12 * 60,
          applianceName: () => rig.appliance.name,
        });
        expect(plan.notices).toEqual([]);
        expect(plan.held).toEqual([]);
        expect(time.pending()).toEqual([IDLE_MS]);

        rig.simulator.resetStats();
        calls.listedActive.length = 0;
        calls.refreshed.length = 0;
        await poll(IDLE_MS);
        expect(calls.listedActive).toEqual([[]]);
        expect(calls.refreshed).toEqual([]);
        expect(rig.simulator.stats.requests).toBe(idleRequests);
        expect(sessionOf(run.id)?.status).toBe('unknown');
      } finally {
        await monitor.stop();
        await rig.close();
      }
    });
  });
}
