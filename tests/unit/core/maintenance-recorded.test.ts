/**
 * The app core records the maintenance windows in the history when it starts and each time another
 * process (a CLI run, an editor) saves a configuration with other windows, at that time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { createAppCore, type AppCore } from '../../../src-main/core/app/app-core.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import type { ConfigStore } from '../../../src-main/core/config/config-store.js';
import { openMemoryHistoryStore, type HistoryStore } from '../../../src-main/core/history/history-store.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { eventually } from '../../support/eventually.js';
import { createFakeTime, type FakeTime } from '../../support/fake-time.js';
import { testAppInfo } from '../../support/throwaway-core.js';
import { HOUR, T0 } from '../common/factories.js';

const firmware: MaintenanceWindow = {
  id: 'fw',
  label: 'Firmware',
  scope: { kind: 'all' },
  schedule: { kind: 'once', fromMs: T0 - 24 * HOUR, toMs: T0 + 24 * HOUR },
};

let dir: string;
let time: FakeTime;
let config: ConfigStore;
let history: HistoryStore;
let core: AppCore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backwatch-maintenance-recorded-'));
  time = createFakeTime(T0);
  config = openConfigFile(dir);
  history = openMemoryHistoryStore();
  core = createAppCore({
    config,
    history,
    secrets: createMemorySecretStore(),
    log: silentLogger,
    info: testAppInfo,
    openExternal: async () => {},
    now: time.now,
    scheduler: time.scheduler,
  });
});

afterEach(async () => {
  await core.close();
  config.close();
  rmSync(dir, { recursive: true, force: true });
});

it('records the windows at start, and a window another process saves from when the app sees it', async () => {
  expect(history.maintenanceRecords()).toEqual([{ atMs: T0, windows: [] }]);
  time.advance(HOUR);
  const editor = openConfigFile(dir);
  await editor.update((d) => ({ ...d, settings: { ...d.settings, maintenanceWindows: [firmware] } }));
  editor.close();
  await eventually(() => history.maintenanceRecords().length === 2, 5_000, 'the recorded window');
  expect(history.maintenanceRecords()).toEqual([
    { atMs: T0, windows: [] },
    { atMs: T0 + HOUR, windows: [firmware] },
  ]);
});
