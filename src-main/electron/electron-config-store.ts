/**
 * The configuration port on electron-store: the same `config.json` the CLI reads, checked at start
 * by the core's own `readConfigFile` before electron-store opens it. A file that cannot be used is
 * moved aside (kept, never deleted) and the app starts from defaults, with a notice for the admin;
 * a file with invalid parts is copied first, then cleaned. electron-store then guards every write
 * with the JSON Schema made from the core's zod schemas.
 */
import Store from 'electron-store';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ConfigData } from '../common/settings.js';
import { CONFIG_JSON_SCHEMA } from '../core/config/config-schema.js';
import { CONFIG_FILE_NAME, readConfigFile, writeFileAtomic, type ConfigStore } from '../core/config/config-store.js';

const configPart = (store: Record<string, unknown>) => ({
  schemaVersion: store.schemaVersion,
  appliances: store.appliances,
  settings: store.settings,
});

/** The file's top-level object as it is on disk now (it parsed at start, or it was moved aside). */
function onDisk(file: string): Record<string, unknown> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>) : {};
}

/** Opens `config.json` in `dir` through electron-store. */
export function openElectronConfigStore(dir: string, now: () => Date = () => new Date()): ConfigStore {
  const file = join(dir, CONFIG_FILE_NAME);
  const startup = readConfigFile(file, now);
  // electron-store checks the file against the schema as it opens it: save the checked, migrated
  // data first (other top-level keys kept), so the CLI reads the same thing too.
  if (!isDeepStrictEqual(configPart(onDisk(file)), configPart({ ...startup.data }))) {
    writeFileAtomic(file, JSON.stringify({ ...startup.extras, ...startup.data }, null, '\t'));
  }
  const store = new Store<Record<string, unknown>>({
    schema: CONFIG_JSON_SCHEMA,
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
  return {
    path: store.path,
    notices: startup.notices,
    read: () => current,
    write,
    async update(fn) {
      write(fn(current));
      return current;
    },
  };
}
