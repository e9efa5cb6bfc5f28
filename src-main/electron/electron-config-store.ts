/**
 * The configuration port on electron-store: the same `config.json` the CLI reads, checked at start
 * by the core's own `readConfigFile` before electron-store opens it. A file that cannot be used is
 * moved aside (kept, never deleted) and the app starts from defaults, with a notice for the admin;
 * a file with invalid parts is copied first, then cleaned.
 */
import Store from 'electron-store';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ConfigData } from '../common/settings.js';
import { CONFIG_FILE_NAME, readConfigFile, type ConfigStore } from '../core/config/config-store.js';

const configPart = (store: Record<string, unknown>) => ({
  schemaVersion: store.schemaVersion,
  appliances: store.appliances,
  settings: store.settings,
});

/** Opens `config.json` in `dir` through electron-store. */
export function openElectronConfigStore(dir: string, now: () => Date = () => new Date()): ConfigStore {
  const startup = readConfigFile(join(dir, CONFIG_FILE_NAME), now);
  const store = new Store<Record<string, unknown>>({
    cwd: dir,
    name: CONFIG_FILE_NAME.replace(/\.json$/, ''),
    // The file was checked above; never let the library wipe it silently.
    clearInvalidConfig: false,
    // Keys are plain names; a dot in a future key must not become nesting.
    accessPropertiesByDotNotation: false,
    // Private: the file lists hosts and user names (never passwords).
    configFileMode: 0o600,
  });
  let current = startup.data;
  const write = (data: ConfigData) => {
    // Other top-level keys stay as they are: set(object) only replaces the keys it names.
    store.set({ schemaVersion: data.schemaVersion, appliances: data.appliances, settings: data.settings });
    current = data;
  };
  // Persist migrations and clean-ups right away, so the CLI reads the same thing.
  if (!isDeepStrictEqual(configPart(store.store), configPart({ ...startup.data }))) write(startup.data);
  return {
    path: store.path,
    notices: startup.notices,
    read: () => current,
    write,
    update(fn) {
      write(fn(current));
      return current;
    },
  };
}
