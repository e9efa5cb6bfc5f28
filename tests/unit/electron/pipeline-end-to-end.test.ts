/**
 * One failed session followed through the real pipeline (core/app/pipeline.ts), from the SPP
 * simulator's answer to the tray icon and the notification the Electron fake records:
 * Connector.read → pollOnce → detectChanges → buildStatusSnapshot | planNotifications with the
 * ledger → trayModel → the tray drawn and the notice shown. Time is a fake clock.
 */
import { Notification, resetElectronMock, Tray } from './electron-mock.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WindowEvent } from '../../../src-main/common/ipc-contract.js';
import { createAppCore, type AppCore } from '../../../src-main/core/app/app-core.js';
import type { ConfigStore } from '../../../src-main/core/config/config-store.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import { createLogger } from '../../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../../src-main/core/secrets/secret-store.js';
import { startSppSimulator, type SppSimulator } from '../../../src-main/demo/spp/spp-simulator.js';
import { createElectronNotifier } from '../../../src-main/electron/notifier.js';
import { feedShell, type ShellFeed } from '../../../src-main/electron/shell-feed.js';
import { createElectronTray } from '../../../src-main/electron/tray.js';
import { createFakeTime, type FakeTime } from '../../support/fake-time.js';
import { applianceOf } from '../../support/served-fleet.js';
import { testAppInfo } from '../../support/throwaway-core.js';

vi.mock('electron', () => import('./electron-mock.js'));

const ICONS = join(import.meta.dirname, '..', '..', '..', 'assets', 'tray');
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const STATUS_THROTTLE_MS = 250;

let dir: string;
let time: FakeTime;
let sim: SppSimulator;
let config: ConfigStore;
let core: AppCore;
let feed: ShellFeed;
let logged: string[];
let toWindow: WindowEvent['type'][];

beforeEach(async () => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'backwatch-pipeline-'));
  time = createFakeTime(T0);
  sim = await startSppSimulator({ historySize: 20, seed: 11, now: time.now });
  const appliance = { ...applianceOf(sim, 0), name: 'SPP prod' };
  config = openConfigFile(dir);
  await config.update((d) => ({ ...d, appliances: [appliance] }));
  logged = [];
  core = createAppCore({
    config,
    history: openMemoryHistoryStore(),
    secrets: createMemorySecretStore({ [appliance.id]: sim.credentials.password }),
    log: createLogger((line) => logged.push(`${line.level}: ${line.message}`)),
    info: testAppInfo,
    openExternal: async () => {},
    now: time.now,
    scheduler: time.scheduler,
    localMinutes: () => 600,
  });
  // A listener that throws, first in line: the stages after it still run.
  core.events(() => {
    throw new Error('a broken window');
  });
  toWindow = [];
  feed = feedShell({
    events: core.events,
    tray: createElectronTray({ iconDir: ICONS, platform: 'linux', onCommand: () => {} }),
    notifier: createElectronNotifier({ onClick: () => {} }),
    trayOptions: () => ({ startAtLogin: false, startAtLoginSupported: false }),
    toWindow: (event) => toWindow.push(event.type),
    now: time.now,
  });
});

afterEach(async () => {
  feed.stop();
  await core.close();
  config.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One poll of every appliance, then the status throttle's wait. */
async function poll(): Promise<void> {
  await core.handlers['appliances:refresh']();
  time.advance(STATUS_THROTTLE_MS);
}

const trayIcon = () => Tray.all[0]?.images.at(-1);

describe('the pipeline from an appliance to the tray and the notification', () => {
  it('turns one failed session into a red tray icon and one notification', async () => {
    await core.snapshot();
    await poll();
    expect(trayIcon()).not.toEqual({ path: join(ICONS, 'failed.png') });
    expect(Notification.shown).toHaveLength(0);

    const job = sim.scenario.jobs()[0]!;
    const run = sim.scenario.startRun(job.id);
    await poll();
    time.advance(60_000);
    sim.scenario.finishRun(run.id, 'failed');
    await poll();

    expect(trayIcon()).toEqual({ path: join(ICONS, 'failed.png') });
    expect(Tray.all[0]?.tooltips.at(-1)).toContain('SPP prod');
    expect(Notification.shown.map((n) => n.options.title)).toEqual([`Backup failed: ${job.name} on SPP prod`]);
    expect(toWindow).toContain('sessions:changed');
    expect(toWindow).toContain('status:changed');
    expect(logged).toContain('error: A listener of the app core failed: a broken window');

    // The ledger remembers: the same failure seen again is not notified twice.
    await poll();
    expect(Notification.shown).toHaveLength(1);
  });
});
