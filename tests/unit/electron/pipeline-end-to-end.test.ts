/**
 * One failed session followed through the real pipeline (core/app/pipeline.ts), from the SPP
 * simulator's answer to the tray icon and the notification the Electron fake records:
 * Connector.read → pollOnce → detectChanges → buildStatusSnapshot | planNotifications with the
 * ledger → trayModel → the tray drawn and the notice shown. Time is a fake clock.
 */
import { Notification, resetElectronMock, Tray } from './electron-mock.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WindowEvent } from '../../../src-main/common/ipc-contract.js';
import type { AppCore } from '../../../src-main/core/app/app-core.js';
import { createLogger } from '../../../src-main/core/logger.js';
import type { SppSimulator } from '../../../src-main/demo/spp/spp-simulator.js';
import type { FakeTime } from '../../support/fake-time.js';
import { startShellAroundSimulator, type ShellAroundSimulator } from '../../support/shell-around-simulator.js';
import { icon, trayIcon } from './mocked-shell.js';

vi.mock('electron', () => import('./electron-mock.js'));

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const STATUS_THROTTLE_MS = 250;

let shell: ShellAroundSimulator;
let time: FakeTime;
let sim: SppSimulator;
let core: AppCore;
let logged: string[];
let toWindow: WindowEvent['type'][];

beforeEach(async () => {
  resetElectronMock();
  logged = [];
  toWindow = [];
  shell = await startShellAroundSimulator({
    start: T0,
    log: createLogger((line) => logged.push(`${line.level}: ${line.message}`)),
    toWindow: (event) => toWindow.push(event.type),
    // A listener that throws, first in line: the stages after it still run.
    listenFirst: (first) =>
      first.events(() => {
        throw new Error('a broken window');
      }),
  });
  ({ time, sim, core } = shell);
});

afterEach(() => shell.close());

/** One poll of every appliance, then the status throttle's wait. */
async function poll(): Promise<void> {
  await core.handlers['appliances:refresh']();
  time.advance(STATUS_THROTTLE_MS);
}

describe('the pipeline from an appliance to the tray and the notification', () => {
  it('turns one failed session into a red tray icon and one notification', async () => {
    await core.snapshot();
    await poll();
    expect(trayIcon()).not.toEqual(icon('failed'));
    expect(Notification.shown).toHaveLength(0);

    const job = sim.scenario.jobs()[0]!;
    const run = sim.scenario.startRun(job.id);
    await poll();
    time.advance(60_000);
    sim.scenario.finishRun(run.id, 'failed');
    await poll();

    expect(trayIcon()).toEqual(icon('failed'));
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
