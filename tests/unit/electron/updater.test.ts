/**
 * The updater with electron-updater faked and a fake clock: when it checks, what it offers once a
 * version is downloaded (in the tray, through the real tray renderer), and where it never runs.
 */
import { autoUpdater, resetElectronMock, Tray, type FakeMenu } from './electron-mock.js';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildStatusSnapshot } from '../../../src-main/common/status-rules.js';
import { trayModel, type TrayCommand } from '../../../src-main/common/tray-model.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { createElectronTray } from '../../../src-main/electron/tray.js';
import {
  createUpdater,
  UPDATE_CHECK_INTERVAL_MS,
  updateUnavailableReason,
  type UpdaterOptions,
} from '../../../src-main/electron/updater.js';
import { createFakeTime } from '../../support/fake-time.js';
import { makeFleet, makeSettings, T0 } from '../common/factories.js';

vi.mock('electron', () => import('./electron-mock.js'));
vi.mock('electron-updater', () => import('./electron-mock.js'));

/** The generated tray icons the build ships. */
const TRAY_ICONS = join(import.meta.dirname, '..', '..', '..', 'assets', 'tray');

const HOUR = 3_600_000;
const EMPTY = buildStatusSnapshot(makeFleet([]), makeSettings(), T0, () => true);

/** Lets pending promises (the dynamic import, a check) settle: one turn of the event loop, no sleep. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(overrides: Partial<UpdaterOptions> = {}) {
  const time = createFakeTime(Date.UTC(2026, 0, 5, 9));
  const ready: string[] = [];
  const updater = createUpdater({
    unavailableReason: null,
    enabled: () => true,
    scheduler: time.scheduler,
    log: silentLogger,
    onReady: (version) => ready.push(version),
    ...overrides,
  });
  return { time, ready, updater };
}

describe('the updater', () => {
  beforeEach(() => {
    resetElectronMock();
    autoUpdater.reset();
  });

  it('checks at start, again 6 hours later, and every 6 hours after that, downloading in the background', async () => {
    const { time, updater } = setup();
    updater.start();
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1));
    expect(autoUpdater.autoDownload).toBe(true);
    time.advance(UPDATE_CHECK_INTERVAL_MS - 1);
    await settle();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    time.advance(1);
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2));
    time.advance(6 * HOUR);
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(3));
    updater.stop();
    expect(time.pending()).toEqual([]);
  });

  it('offers "Restart to update" in the tray once a version is downloaded, and a click quits and installs it', async () => {
    const commands: TrayCommand[] = [];
    const { ready, updater } = setup();
    const tray = createElectronTray({ iconDir: TRAY_ICONS, platform: 'win32', onCommand: (c) => commands.push(c) });
    const render = () =>
      tray.render(trayModel(EMPTY, 0, { startAtLogin: false, startAtLoginSupported: false, updateReady: updater.state().readyVersion }));
    const labels = (menu: FakeMenu | undefined) => (menu?.template ?? []).map((item) => item.label);

    updater.start();
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalled());
    render();
    expect(labels(Tray.all[0]!.menus.at(-1))).not.toContain('Restart to update (0.2.0)');
    expect(updater.restartToUpdate()).toMatchObject({ ok: false });

    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    expect(ready).toEqual(['0.2.0']);
    expect(updater.state()).toEqual({ unavailableReason: null, readyVersion: '0.2.0' });
    render();
    const item = Tray.all[0]!.menus.at(-1)!.template.find((entry) => entry.label === 'Restart to update (0.2.0)');
    (item?.click as () => void)();
    expect(commands).toEqual([{ type: 'restart-to-update' }]);

    expect(updater.restartToUpdate()).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(autoUpdater.quitAndInstall).toHaveBeenCalledWith(true, true));
  });

  it('stops checking once a version waits to be installed', async () => {
    const { time, updater } = setup();
    updater.start();
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1));
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    time.advance(12 * HOUR);
    await settle();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('keeps going after a failed check', async () => {
    const { time, updater } = setup();
    autoUpdater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_INTERNET_DISCONNECTED'));
    updater.start();
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1));
    autoUpdater.emit('error', new Error('feed unreachable'));
    time.advance(6 * HOUR);
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2));
  });

  it('checks nothing while the setting is off, and picks up the setting at the next check', async () => {
    let enabled = false;
    const { time, updater } = setup({ enabled: () => enabled });
    updater.start();
    await settle();
    time.advance(6 * HOUR);
    await settle();
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    enabled = true;
    time.advance(6 * HOUR);
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1));
  });

  it('never starts, sets no timer and offers nothing where the install cannot update itself', async () => {
    const { time, updater } = setup({ unavailableReason: 'This copy was installed as a package: your package manager updates it.' });
    updater.start();
    await settle();
    expect(time.pending()).toEqual([]);
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(updater.state().readyVersion).toBeNull();
    expect(updater.restartToUpdate()).toMatchObject({ ok: false });
    expect(autoUpdater.quitAndInstall).not.toHaveBeenCalled();
  });
});

describe('updateUnavailableReason', () => {
  const packaged = { env: {}, isPackaged: true } as const;

  it('lets installers that replace themselves update: Windows, macOS, the AppImage', () => {
    expect(updateUnavailableReason({ ...packaged, platform: 'win32' })).toBeNull();
    expect(updateUnavailableReason({ ...packaged, platform: 'darwin' })).toBeNull();
    expect(updateUnavailableReason({ platform: 'linux', env: { APPIMAGE: '/opt/Backwatch.AppImage' }, isPackaged: true })).toBeNull();
  });

  it('says why not for the deb, a copy run from source and a managed install', () => {
    expect(updateUnavailableReason({ ...packaged, platform: 'linux' })).toMatch(/package manager/);
    expect(updateUnavailableReason({ platform: 'win32', env: {}, isPackaged: false })).toMatch(/from source/);
    expect(updateUnavailableReason({ platform: 'win32', env: { BACKWATCH_DISABLE_UPDATES: '1' }, isPackaged: true })).toMatch(
      /organisation.*BACKWATCH_DISABLE_UPDATES/,
    );
  });
});
