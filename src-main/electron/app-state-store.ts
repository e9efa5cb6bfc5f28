/**
 * The shell's own state in electron-store, apart from config.json (which the CLI also writes):
 * the monitor's memory (notified keys, held events, watermarks; the same file name and shape the
 * CLI's plain-file memory uses) and the window's bounds.
 */
import Store from 'electron-store';
import type { ChangeEvent } from '../common/snapshot.js';
import { MEMORY_FILE_NAME, pruneLedger, type MonitorMemory, type MonitorMemoryData } from '../core/monitor-memory.js';
import type { WindowState, WindowStateStore } from './window.js';

const record = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};

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

/** The monitor's memory (the notification ledger with pruning, held events, watermarks) in electron-store. */
export function openElectronMonitorMemory(dir: string): MonitorMemory {
  const store = new Store<Record<string, unknown>>(storeOptions(dir, MEMORY_FILE_NAME.replace(/\.json$/, '')));
  let data: MonitorMemoryData = {
    notified: record(store.get('notified')),
    held: Array.isArray(store.get('held')) ? (store.get('held') as ChangeEvent[]) : [],
    watermarks: record(store.get('watermarks')),
  };
  return {
    read: () => data,
    update(fn) {
      const next = fn(data);
      data = { ...next, notified: pruneLedger(next.notified) };
      store.set({ notified: data.notified, held: data.held, watermarks: data.watermarks });
    },
  };
}

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
