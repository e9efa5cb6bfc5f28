/**
 * The shell's own state in electron-store, apart from config.json (which the CLI also writes) and
 * the history database (which every process shares): the window's bounds.
 */
import Store from 'electron-store';
import type { WindowState, WindowStateStore } from './window.js';

function isWindowState(value: unknown): value is WindowState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => Number.isFinite(v[k])) && typeof v.maximized === 'boolean';
}

const storeOptions = (dir: string, name: string) => ({
  cwd: dir,
  name,
  // Nothing here was configured by the admin: a damaged file is started afresh (at worst the
  // window opens centred, or an old event is notified once more), never a reason not to start.
  clearInvalidConfig: true,
  accessPropertiesByDotNotation: false,
  configFileMode: 0o600,
});

/** Where the window's size and position are kept. */
export function openWindowStateStore(dir: string): WindowStateStore {
  const store = new Store<Record<string, unknown>>(storeOptions(dir, 'window-state'));
  return {
    load: () => {
      const saved = store.get('bounds');
      return isWindowState(saved) ? saved : null;
    },
    save: (state) => store.set('bounds', state),
  };
}
