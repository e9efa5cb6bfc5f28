/**
 * The monitor against the SPP simulator on a fake clock and scheduler, for the monitor's tests:
 * every wait is a move of the fake clock, so polling over minutes runs in milliseconds.
 */
import { afterEach } from 'vitest';
import type { Appliance } from '../../src-main/common/model.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/common/settings.js';
import { connectAppliance } from '../../src-main/core/connect.js';
import type { Connector } from '../../src-main/core/connectors/connector.js';
import { silentLogger, type Logger } from '../../src-main/core/logger.js';
import { createMonitor } from '../../src-main/core/poller/monitor.js';
import type { Monitor, MonitorUpdate } from '../../src-main/core/poller/monitor-types.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { createFakeTime, type FakeTime } from '../support/fake-time.js';
import { applianceOf } from '../support/served-fleet.js';

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
export const IDLE_MS = 45_000;
export const ACTIVE_MS = 10_000;

const open: { sim: SppSimulator; monitor: Monitor }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.monitor.stop();
    await o.sim.close();
  }
});

export function applianceFor(sim: SppSimulator, patch: Partial<Appliance> = {}): Appliance {
  return { ...applianceOf(sim, 0), name: 'SPP prod', ...patch };
}

interface SetupOptions {
  readonly settings?: Partial<Settings>;
  readonly watermark?: (time: FakeTime) => string | null;
  readonly appliance?: Partial<Appliance>;
  /** Stands between the monitor and the real connector (to make it fail in a given way). */
  readonly wrap?: (connector: Connector) => Connector;
  /** The monitor's log (silent by default). */
  readonly log?: Logger;
}

export async function setup(options: SetupOptions = {}) {
  const time = createFakeTime(T0);
  const sim = await startSppSimulator({ historySize: 150, seed: 11, now: time.now });
  const secrets = createMemorySecretStore({ 'spp-1': sim.credentials.password });
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    pollIntervalSec: IDLE_MS / 1000,
    activePollIntervalSec: ACTIVE_MS / 1000,
    ...options.settings,
  };
  /** Fake time at which each poll began (its first connector call is made synchronously). */
  const pollStarts: number[] = [];
  const startsRecorded = (connector: Connector): Connector =>
    Object.assign(Object.create(connector) as Connector, {
      authenticate: (signal?: AbortSignal) => {
        pollStarts.push(time.now());
        return connector.authenticate(signal);
      },
    });
  const monitor = createMonitor({
    appliances: [applianceFor(sim, options.appliance)],
    settings: () => settings,
    connect: (a) => {
      const connector = connectAppliance(a, { secrets, env: {}, log: silentLogger, now: time.now });
      return startsRecorded(options.wrap ? options.wrap(connector) : connector);
    },
    log: options.log ?? silentLogger,
    now: time.now,
    scheduler: time.scheduler,
    watermark: () => options.watermark?.(time) ?? null,
  });
  const updates: MonitorUpdate[] = [];
  monitor.onUpdate((u) => updates.push(u));
  open.push({ sim, monitor });

  const nextUpdate = () =>
    new Promise<MonitorUpdate>((resolve) => {
      const off = monitor.onUpdate((u) => {
        off();
        resolve(u);
      });
    });
  // The poll loop schedules the next poll right after it reported this one.
  const scheduled = () => new Promise((resolve) => setImmediate(resolve));

  /** Moves the clock by `ms` and resolves when the poll that starts on the way is done and the next one is scheduled. */
  async function advanceToPoll(ms: number): Promise<MonitorUpdate> {
    const done = nextUpdate();
    time.advance(ms);
    const update = await done;
    await scheduled();
    return update;
  }

  /** Moves the clock a second at a time until a poll starts; resolves when it is done, with the time it took to start. */
  async function stepToPoll(limitMs: number): Promise<number> {
    const from = time.now();
    const polls = pollStarts.length;
    const done = nextUpdate();
    while (pollStarts.length === polls) {
      if (time.now() - from > limitMs) throw new Error(`no poll within ${limitMs} ms`);
      time.advance(1000);
    }
    await done;
    await scheduled();
    return pollStarts[polls]! - from;
  }

  return { sim, monitor, time, updates, advanceToPoll, stepToPoll, events: () => updates.flatMap((u) => u.changes) };
}
