/**
 * The configuration port on electron-store: the same `config.json` the CLI uses, through the core's
 * shared store (lock, re-read, save, watch). electron-store does the saving, guarded by the JSON
 * Schema made from the core's zod schemas; reading stays the core's tolerant one.
 */
import Store from 'electron-store';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, type ConfigStore } from '../core/config/config-store.js';
import { confOptions, openSharedConfig } from '../core/config/shared-config.js';

/** Opens `config.json` in `dir` through electron-store. */
export function openElectronConfigStore(dir: string, now: () => Date = () => new Date()): ConfigStore {
  const name = CONFIG_FILE_NAME.replace(/\.json$/, '');
  return openSharedConfig(join(dir, CONFIG_FILE_NAME), () => new Store<Record<string, unknown>>({ ...confOptions(dir), name }), now);
}
