/**
 * The Electron shell's tray and notifier on the mocked Electron (electron-mock.ts), fed by an app
 * core's events, and the tray icon it last showed. The test file mocks 'electron' itself.
 */
import { join } from 'node:path';
import type { Event } from '../../../src-main/common/event.js';
import type { WindowEvent } from '../../../src-main/common/ipc-contract.js';
import type { CoreEvent } from '../../../src-main/core/app/app-core-port.js';
import { createElectronNotifier } from '../../../src-main/electron/notifier.js';
import { feedShell, type ShellFeed } from '../../../src-main/electron/shell-feed.js';
import { createElectronTray } from '../../../src-main/electron/tray.js';
import { Tray } from './electron-mock.js';

const ICONS = join(import.meta.dirname, '..', '..', '..', 'assets', 'tray');

/** The shell fed by `events`; what it sends to the window goes to `toWindow` (nowhere by default). */
export function feedMockedShell(events: Event<CoreEvent>, now: () => number, toWindow: (event: WindowEvent) => void = () => {}): ShellFeed {
  return feedShell({
    events,
    tray: createElectronTray({ iconDir: ICONS, platform: 'linux', onCommand: () => {} }),
    notifier: createElectronNotifier({ onClick: () => {} }),
    trayOptions: () => ({ startAtLogin: false, startAtLoginSupported: false }),
    toWindow,
    now,
  });
}

/** The icon the tray shows now. */
export const trayIcon = () => Tray.all[0]?.images.at(-1);

/** The image of one of the tray's icons, as the tray was given it. */
export const icon = (name: string) => ({ path: join(ICONS, `${name}.png`) });
