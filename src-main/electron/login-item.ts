/** Start at login, where the platform has login items (macOS and Windows). */
import { app } from 'electron';

export interface LoginItem {
  /** False where Electron cannot register a login item (Linux). */
  readonly supported: boolean;
  get(): boolean;
  set(enabled: boolean): void;
}

export function createLoginItem(platform: NodeJS.Platform): LoginItem {
  const supported = platform === 'darwin' || platform === 'win32';
  return {
    supported,
    get: () => supported && app.getLoginItemSettings().openAtLogin,
    set(enabled) {
      // No "open as hidden" needed: Backwatch starts in the tray and opens its window only when asked.
      if (supported) app.setLoginItemSettings({ openAtLogin: enabled });
    },
  };
}
