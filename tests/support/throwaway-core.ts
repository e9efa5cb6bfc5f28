/**
 * The whole app core (poller, services, notification planning) for benchmarks and soak tests:
 * a throw-away config folder, a memory keychain and memory for the notification ledger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../../src-main/common/ipc-contract.js';
import type { Appliance } from '../../src-main/common/model.js';
import type { Settings } from '../../src-main/common/settings.js';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../src-main/core/app/app-core.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { silentLogger, type Logger } from '../../src-main/core/logger.js';
import { openMemoryHistoryStore } from '../../src-main/core/history/history-store.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';

export interface ThrowawayCoreOptions {
  readonly appliances?: readonly Appliance[];
  /** Appliance id → password, in the memory keychain. */
  readonly passwords?: Readonly<Record<string, string>>;
  readonly settings?: Partial<Settings>;
  readonly startDemoFleet?: AppCoreOptions['startDemoFleet'];
  readonly log?: Logger;
  readonly concurrency?: number;
}

/** What a test's core says about the app it runs in: a browser-mode shell with a keychain. */
export const testAppInfo = async (): Promise<AppInfo> => ({
  version: 'test',
  platform: process.platform,
  shell: 'browser',
  keychainAvailable: true,
  keychainMessage: '',
  startupNotices: [],
});

export async function throwawayCore(options: ThrowawayCoreOptions = {}): Promise<{ core: AppCore; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-core-'));
  const config = openConfigFile(dir);
  await config.update((d) => ({ ...d, appliances: options.appliances ?? [], settings: { ...d.settings, ...options.settings } }));
  const core = createAppCore({
    config,
    history: openMemoryHistoryStore(),
    secrets: createMemorySecretStore(options.passwords),
    log: options.log ?? silentLogger,
    info: testAppInfo,
    openExternal: async () => {},
    ...(options.startDemoFleet ? { startDemoFleet: options.startDemoFleet } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  return {
    core,
    close: async () => {
      await core.close();
      config.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
