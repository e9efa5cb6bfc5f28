import { BrowserWindow, Notification, resetElectronMock, useAppFolder } from './electron-mock.js';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubAppFolder } from '../../support/built-app.js';
import { APP_PAGE_URL } from '../../../src-main/electron/app-protocol.js';
import type { Notice } from '../../../src-main/common/notification-policy.js';
import { createElectronServerTransport } from '../../../src-main/electron/ipc-main.js';
import { createElectronNotifier } from '../../../src-main/electron/notifier.js';
import { createMainWindow, isSamePage, showWindowAt } from '../../../src-main/electron/window.js';

vi.mock('electron', () => import('./electron-mock.js'));

const APP = stubAppFolder(['dist/main/preload/preload.cjs', 'dist/renderer/index.html', 'assets/icon.png']);
const PAGE = APP_PAGE_URL;
const ICON = join(APP, 'assets', 'icon.png');
const failed: Notice = {
  kind: 'session_failed',
  title: 'Backup failed: Nightly',
  body: 'SPP prod · Nightly failed at 02:10',
  target: { view: 'session', ref: { applianceId: 'spp-prod', sessionId: 's9' } },
  keys: ['spp-prod/s9/failed'],
};

/** The shell's click path as main.ts wires it: notifier → window → transport. */
function wire() {
  const window = createMainWindow({
    preloadPath: join(APP, 'dist', 'main', 'preload', 'preload.cjs'),
    pageUrl: PAGE,
    state: { load: () => null, save: () => {} },
    openExternal: () => {},
  });
  const transport = createElectronServerTransport(() => window.current(), { isAppUrl: (u) => isSamePage(PAGE, u) });
  const clicked = vi.fn((target: Notice['target']) => showWindowAt(window, (e, p) => transport.emit(e, p), target));
  const notifier = createElectronNotifier({ onClick: clicked, iconPath: ICON });
  return { notifier, clicked, window };
}

describe('createElectronNotifier', () => {
  beforeEach(() => {
    resetElectronMock();
    useAppFolder(APP);
  });

  it('shows a notice as a native notification', () => {
    wire().notifier.notify(failed);
    expect(Notification.shown).toHaveLength(1);
    expect(Notification.shown[0]?.options).toEqual({ title: failed.title, body: failed.body, icon: ICON });
  });

  it('opens the window on the notice’s session when clicked', async () => {
    const { notifier, clicked, window } = wire();
    notifier.notify(failed);
    expect(BrowserWindow.all).toHaveLength(0);
    Notification.shown[0]?.emit('click');
    await clicked.mock.results[0]?.value;
    const opened = BrowserWindow.all[0];
    expect(opened?.loaded).toEqual([PAGE]);
    expect(opened?.visible).toBe(true);
    expect(window.current()).toBe(opened);
    expect(opened?.webContents.sent).toEqual([{ channel: 'app:navigate', payload: failed.target }]);
  });

  it('reuses the open window and sends nothing for a notice without a target', async () => {
    const { notifier, clicked } = wire();
    notifier.notify(failed);
    notifier.message('Backwatch settings', 'The configuration file was moved aside.');
    Notification.shown[0]?.emit('click');
    await clicked.mock.results[0]?.value;
    Notification.shown[1]?.emit('click');
    await clicked.mock.results[1]?.value;
    expect(BrowserWindow.all).toHaveLength(1);
    expect(BrowserWindow.all[0]?.webContents.sent.map((s) => s.channel)).toEqual(['app:navigate']);
    expect(clicked).toHaveBeenLastCalledWith(null);
  });

  it('stays silent where the platform has no notifications', () => {
    Notification.supported = false;
    const { notifier } = wire();
    notifier.notify(failed);
    expect(Notification.shown).toHaveLength(0);
  });
});
