/**
 * A desktop core in miniature for the gap-free reading tests: one demo simulator on a fake clock,
 * the real monitor, notification ledger and history database, and what they saw. `restart()` ends
 * the core and starts another on the same history, as quitting and reopening Backwatch does.
 */
import type { Appliance, Session, Vendor } from '../../../src-main/common/model.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-main/common/settings.js';
import { connectAppliance } from '../../../src-main/core/connect.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createMonitor } from '../../../src-main/core/poller/monitor.js';
import type { Monitor } from '../../../src-main/core/poller/monitor-types.js';
import type { HistoryStore } from '../../../src-main/core/history/history-store.js';
import { createNotificationLedger, type LedgerMemory } from '../../../src-main/core/notification-ledger.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { startDemoSimulator, type DemoSimulator } from '../../../src-main/demo/fleet.js';
import { createFakeTime, type FakeTime } from '../../support/fake-time.js';

export const APPLIANCE_ID = 'watched';
export const T0 = Date.parse('2026-11-02T08:00:00Z');

const settings: Settings = DEFAULT_SETTINGS;

export interface WatchRig {
  readonly sim: DemoSimulator;
  readonly time: FakeTime;
  /** Ids of every session a poll reported as new or changed, over every run of the core. */
  readonly seen: Set<string>;
  /** Event key → how many times it was recorded as notified. */
  readonly notified: Map<string, number>;
  monitor(): Monitor;
  poll(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Counts each key the ledger marks as notified, whichever run of the core marks it. */
function countingMemory(store: HistoryStore, notified: Map<string, number>): LedgerMemory {
  return {
    ...store,
    notifiedAmong: (keys) => store.notifiedAmong(keys),
    markNotified(keys, atIso) {
      for (const key of keys) notified.set(key, (notified.get(key) ?? 0) + 1);
      store.markNotified(keys, atIso);
    },
  };
}

/** `history` is the rig's: it is closed with the rig. */
export async function startWatchRig(vendor: Vendor, history: HistoryStore, seed = 3, historySize = 60): Promise<WatchRig> {
  const time = createFakeTime(T0);
  const sim = await startDemoSimulator(vendor, { historySize, tempo: 1, seed, now: time.now });
  const appliance: Appliance = {
    id: APPLIANCE_ID,
    name: sim.appliance.name,
    vendor,
    baseUrl: sim.appliance.baseUrl,
    username: sim.appliance.username,
    credential: { kind: 'keychain' },
    certificate: sim.appliance.certificate,
    options: {},
    enabled: true,
  };
  const seen = new Set<string>();
  const notified = new Map<string, number>();
  const memory = countingMemory(history, notified);
  const secrets = createMemorySecretStore({ [APPLIANCE_ID]: sim.appliance.password });

  function startCore(): Monitor {
    const ledger = createNotificationLedger({
      memory,
      settings: () => settings,
      now: time.now,
      localMinutes: () => 12 * 60,
      applianceName: () => appliance.name,
      log: silentLogger,
    });
    const monitor = createMonitor({
      appliances: [appliance],
      settings: () => settings,
      connect: (a) => connectAppliance(a, { secrets, env: {}, log: silentLogger, now: time.now }),
      log: silentLogger,
      now: time.now,
      scheduler: time.scheduler,
      watermark: (id) => ledger.watermark(id),
      history,
    });
    monitor.onUpdate((update) => {
      for (const s of update.changedSessions) seen.add(s.id);
      ledger.record(update);
    });
    return monitor;
  }

  let monitor = startCore();
  return {
    sim,
    time,
    seen,
    notified,
    monitor: () => monitor,
    poll: () => monitor.refreshNow(),
    async restart() {
      await monitor.stop();
      monitor = startCore();
    },
    async close() {
      await monitor.stop();
      await sim.close();
      history.close();
    },
  };
}

/** The key of a failed session's notification. */
export const failedKey = (s: Pick<Session, 'id'>): string => `failed:${APPLIANCE_ID}/${s.id}`;

/** Polls until the appliance is caught up (no backlog), at most `max` times; returns the polls made. */
export async function pollUntilCaughtUp(rig: WatchRig, max = 20): Promise<number> {
  for (let n = 1; n <= max; n++) {
    rig.time.advance(1000);
    await rig.poll();
    const health = rig.monitor().fleet().appliances[0]?.health;
    if (health?.state === 'ok' && !health.behind) return n;
  }
  throw new Error(`still behind after ${max} polls: ${JSON.stringify(rig.monitor().fleet().appliances[0]?.health)}`);
}
