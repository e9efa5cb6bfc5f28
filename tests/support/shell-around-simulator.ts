/**
 * The real app core and the Electron shell's feed (tray and notifier, mocked-shell.ts) around one SPP
 * simulator, on a fake clock, with a throw-away config folder. The test file mocks `electron` itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WindowEvent } from '../../src-main/common/ipc-contract.js';
import type { Settings } from '../../src-main/common/settings.js';
import { createAppCore, type AppCore } from '../../src-main/core/app/app-core.js';
import type { ConfigStore } from '../../src-main/core/config/config-store.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { openMemoryHistoryStore } from '../../src-main/core/history/history-store.js';
import type { Logger } from '../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { createFakeTime, type FakeTime } from './fake-time.js';
import { applianceOf } from './served-fleet.js';
import { testAppInfo } from './throwaway-core.js';
import { feedMockedShell } from '../unit/electron/mocked-shell.js';

export interface ShellAroundSimulatorOptions {
  /** The clock's start. */
  readonly start: number;
  readonly log: Logger;
  /** Where the shell's events for the window go (nowhere by default). */
  readonly toWindow?: (event: WindowEvent) => void;
  readonly settings?: Partial<Settings>;
  /** Subscribes to the core's events ahead of the shell's feed. */
  readonly listenFirst?: (core: AppCore) => void;
}

export interface ShellAroundSimulator {
  readonly time: FakeTime;
  readonly sim: SppSimulator;
  readonly core: AppCore;
  close(): Promise<void>;
}

export async function startShellAroundSimulator(options: ShellAroundSimulatorOptions): Promise<ShellAroundSimulator> {
  const dir = mkdtempSync(join(tmpdir(), 'backwatch-shell-'));
  const time = createFakeTime(options.start);
  const sim = await startSppSimulator({ historySize: 20, seed: 11, now: time.now });
  const appliance = { ...applianceOf(sim, 0), name: 'SPP prod' };
  const config: ConfigStore = openConfigFile(dir);
  await config.update((d) => ({ ...d, appliances: [appliance], settings: { ...d.settings, ...options.settings } }));
  const core = createAppCore({
    config,
    history: openMemoryHistoryStore(),
    secrets: createMemorySecretStore({ [appliance.id]: sim.credentials.password }),
    log: options.log,
    info: testAppInfo,
    openExternal: async () => {},
    now: time.now,
    scheduler: time.scheduler,
    localMinutes: () => 600,
  });
  options.listenFirst?.(core);
  const feed = feedMockedShell(core.events, time.now, options.toWindow);
  return {
    time,
    sim,
    core,
    close: async () => {
      feed.stop();
      await core.close();
      config.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
