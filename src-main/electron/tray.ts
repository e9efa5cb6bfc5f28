/**
 * Renders a `TrayModel` (src-main/common/tray-model.ts) into Electron's Tray and Menu. What to
 * show is the model's; what is decided here is how each platform draws it (icon files, template
 * images, where the failure count goes).
 */
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { OverallStatus } from '../common/snapshot.js';
import type { TrayCommand, TrayMenuItem, TrayModel } from '../common/tray-model.js';

/** The tray port: what the wiring calls after every status change. */
export interface TrayView {
  render(model: TrayModel): void;
  destroy(): void;
}

export interface ElectronTrayOptions {
  /** Folder with the generated icons (assets/tray). */
  readonly iconDir: string;
  readonly platform: NodeJS.Platform;
  readonly onCommand: (command: TrayCommand) => void;
}

/**
 * The icon file of a state. On macOS the calm states use template images, which follow the menu
 * bar's light or dark look like native icons; states that need attention keep their colour.
 * Electron loads the `@2x` file beside it by itself. Windows gets an ICO with every tray size
 * (16 to 48 px), so it stays sharp at any display scaling.
 */
export function trayIconFile(state: OverallStatus, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `${state}.ico`;
  const template = platform === 'darwin' && (state === 'ok' || state === 'no_data');
  return `${state}${template ? 'Template' : ''}.png`;
}

/** Turns the model's menu into Electron's menu template; clicks go to `onCommand`. */
export function toMenuTemplate(items: readonly TrayMenuItem[], onCommand: (command: TrayCommand) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, click: () => onCommand(item.command) };
      case 'checkbox':
        return { label: item.label, type: 'checkbox', checked: item.checked, click: () => onCommand(item.command) };
      case 'submenu':
        return { label: item.label, submenu: toMenuTemplate(item.items, onCommand) };
    }
  });
}

export function createElectronTray(opts: ElectronTrayOptions): TrayView {
  const image = (state: OverallStatus) => nativeImage.createFromPath(join(opts.iconDir, trayIconFile(state, opts.platform)));
  let icon: OverallStatus = 'no_data';
  const tray = new Tray(image(icon));
  tray.setToolTip('Backwatch');
  // Windows and most Linux trays open the window on a left click; macOS always opens the menu.
  if (opts.platform !== 'darwin') tray.on('click', () => opts.onCommand({ type: 'open' }));

  return {
    render(model) {
      if (model.icon !== icon) {
        icon = model.icon;
        tray.setImage(image(icon));
      }
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(model.menu, opts.onCommand)));
      // The failure count: beside the menu bar icon on macOS, as a launcher badge where Linux
      // desktops support it (Unity). Windows has no tray badge; the icon's shape and colour say it.
      if (opts.platform === 'darwin') tray.setTitle(model.badge > 0 ? String(model.badge) : '');
      if (opts.platform !== 'win32') app.setBadgeCount(model.badge);
    },
    destroy() {
      tray.destroy();
    },
  };
}
