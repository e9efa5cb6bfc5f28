/**
 * The configuration port on electron-store: the same `config.json` the CLI reads, checked at start
 * with the core's own `parseConfig` before electron-store opens it. A file that cannot be used is
 * moved aside with the core's `moveAside` (kept, never deleted) and the app starts from defaults,
 * with a notice for the admin; a file with invalid parts is copied first, then cleaned.
 */
import Store from 'electron-store';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ConfigData } from '../common/settings.js';
import { ConfigFormatError, defaultConfig, parseConfig } from '../core/config/config-schema.js';
import { CONFIG_FILE_NAME, moveAside, type ConfigStore } from '../core/config/config-store.js';

interface StartupRead {
  readonly data: ConfigData;
  readonly notices: string[];
}

function readRaw(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Reads the file as the core does; moves a corrupt one aside. */
export function readConfigAtStartup(file: string, now: Date): StartupRead {
  const text = readRaw(file);
  if (text === null) return { data: defaultConfig(), notices: [] };
  try {
    const { data, problems } = parseConfig(JSON.parse(text.replace(/^\uFEFF/, '')));
    if (problems.length === 0) return { data, notices: [] };
    // The invalid parts are dropped at the next save: keep the file as it was for the admin.
    const copy = `${file}.bak-${now.toISOString().replace(/:/g, '-')}`;
    copyFileSync(file, copy);
    return { data, notices: [...problems, `A copy of the configuration file as it was is kept at ${copy}.`] };
  } catch (e) {
    if (!(e instanceof SyntaxError || e instanceof ConfigFormatError)) throw e;
    const aside = moveAside(file, now);
    const why = e instanceof SyntaxError ? 'it is not valid JSON' : e.message;
    return {
      data: defaultConfig(),
      notices: [`The configuration file could not be used (${why}); it was moved to ${aside} and Backwatch started with default settings.`],
    };
  }
}

const configPart = (store: Record<string, unknown>) => ({
  schemaVersion: store.schemaVersion,
  appliances: store.appliances,
  settings: store.settings,
});

/** Opens `config.json` in `dir` through electron-store. */
export function openElectronConfigStore(dir: string, now: () => Date = () => new Date()): ConfigStore {
  const startup = readConfigAtStartup(join(dir, CONFIG_FILE_NAME), now());
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
