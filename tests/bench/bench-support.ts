/** Shared set-up of the benchmarks: demo simulators turned into configured appliances. */
import type { Appliance } from '../../src-main/common/model.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/common/settings.js';
import { connectAppliance } from '../../src-main/core/connect.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { createMonitor } from '../../src-main/core/poller/monitor.js';
import type { Monitor } from '../../src-main/core/poller/monitor-types.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import type { DemoAppliance } from '../../src-main/demo/fleet.js';
import { throwawayCore } from '../support/throwaway-core.js';

export function toAppliance(demo: DemoAppliance, index: number): Appliance {
  return {
    id: `bench-${index}`,
    name: demo.name,
    vendor: demo.vendor,
    baseUrl: demo.baseUrl,
    username: demo.username,
    credential: { kind: 'keychain' },
    certificate: demo.certificate,
    options: {},
    enabled: true,
  };
}

/** A monitor over demo appliances, with their passwords in a memory keychain. */
export function monitorOf(demos: readonly DemoAppliance[], options: { concurrency?: number; settings?: Partial<Settings> } = {}): Monitor {
  const appliances = demos.map(toAppliance);
  const secrets = createMemorySecretStore(Object.fromEntries(appliances.map((a, i) => [a.id, demos[i]!.password])));
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  return createMonitor({
    appliances,
    settings: () => settings,
    connect: (a) => connectAppliance(a, { secrets, env: {}, log: silentLogger, now: Date.now }),
    log: silentLogger,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
}

/** The whole app core over demo appliances (what the desktop app runs), with their passwords. */
export function appCoreOf(demos: readonly DemoAppliance[], options: { concurrency?: number } = {}): ReturnType<typeof throwawayCore> {
  const appliances = demos.map(toAppliance);
  const passwords = Object.fromEntries(appliances.map((a, i) => [a.id, demos[i]!.password]));
  return throwawayCore({ appliances, passwords, ...options });
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
