/**
 * The configuration store on plain conf (CLI, browser harness); the Electron shell opens the same
 * file with electron-store. Both go through `openSharedConfig`, so they lock, save, watch and treat
 * a damaged file the same way: kept, never deleted.
 */
import Conf from 'conf';
import path from 'node:path';
import type { ConfigStore } from './config-store.js';
import { CONFIG_FILE_NAME } from './config-store.js';
import { confOptions, openSharedConfig } from './shared-config.js';

/**
 * Opens `config.json` in `dir` (neither need exist) on conf. A file that is not usable at all is
 * moved aside and the store starts from defaults (`notices` says so and where it went), or, with
 * `setAside` false, refused with a `ConfigUnusableError`.
 */
export function openConfigFile(dir: string, now: () => Date = () => new Date(), setAside = true): ConfigStore {
  const file = path.join(path.resolve(dir), CONFIG_FILE_NAME);
  const configName = CONFIG_FILE_NAME.replace(/\.json$/, '');
  const conf = () => new Conf<Record<string, unknown>>({ ...confOptions(path.dirname(file)), configName });
  return openSharedConfig(file, conf, now, setAside);
}
