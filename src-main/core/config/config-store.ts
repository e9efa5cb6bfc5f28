/**
 * The configuration file on disk, shared by the desktop app and the CLI: electron-store's
 * `config.json` in Electron's userData folder for productName "Backwatch". This is the plain-fs
 * store (CLI, browser harness); the Electron shell wraps electron-store with the same
 * `parseConfig` and `moveAside`, so both treat a damaged file the same way: kept, never deleted.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ConfigData } from '../../common/settings.js';
import { ConfigFormatError, defaultConfig, parseConfig } from './config-schema.js';

/** The configuration port. */
export interface ConfigStore {
  /** The current configuration (as read at open, or as last written). */
  read(): ConfigData;
  /** Replaces the configuration and saves it atomically. */
  write(data: ConfigData): void;
  /** Reads, applies `fn`, writes and returns the result. */
  update(fn: (data: ConfigData) => ConfigData): Promise<ConfigData>;
  /** Absolute path of the file. */
  readonly path: string;
  /** Sentences for the admin about problems found when the file was opened. */
  readonly notices: readonly string[];
}

/** electron-store's default file name, so the app and the CLI share one file. */
export const CONFIG_FILE_NAME = 'config.json';
export const PRODUCT_NAME = 'Backwatch';

/**
 * Electron's `userData` folder for productName "Backwatch", where electron-store keeps its file;
 * `BACKWATCH_CONFIG_DIR` in `env` overrides it.
 */
export function defaultConfigDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homedir: string): string {
  if (env.BACKWATCH_CONFIG_DIR) return env.BACKWATCH_CONFIG_DIR;
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(homedir, '.config'), PRODUCT_NAME);
}

/** The folder to use: `--config-dir` first, then `BACKWATCH_CONFIG_DIR`, then the app's default. */
export function resolveConfigDir(cliDir: string | undefined, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homedir: string): string {
  return cliDir ? path.resolve(cliDir) : defaultConfigDir(platform, env, homedir);
}

/** ISO time made safe for file names on every OS (Windows refuses `:`). */
function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/:/g, '-');
}

function freeName(base: string): string {
  let candidate = base;
  for (let n = 1; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * Moves a damaged file out of the way to `<file>.corrupt-<time>` (kept for the admin, never
 * deleted) and returns where it went.
 */
export function moveAside(file: string, now: Date = new Date()): string {
  const target = freeName(`${file}.corrupt-${fileTimestamp(now)}`);
  renameSync(file, target);
  return target;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file; mode 0600. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

const KNOWN_KEYS = new Set(['schemaVersion', 'appliances', 'settings']);

/** The configuration file as read at start: what it holds, and what the admin must be told. */
export interface LoadedConfig {
  readonly data: ConfigData;
  /** Top-level keys we do not own (e.g. the shell's window state): written back untouched. */
  readonly extras: Record<string, unknown>;
  readonly notices: string[];
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read the configuration file ${file}: ${(e as Error).message}`);
  }
}

/**
 * Reads and checks the file (it need not exist). Invalid parts are dropped after a copy of the
 * file is kept; a file that cannot be used at all is moved aside and defaults are returned.
 * Shared by this store and the Electron shell's electron-store one.
 */
export function readConfigFile(file: string, now: () => Date): LoadedConfig {
  const text = readText(file);
  if (text === null) return { data: defaultConfig(), extras: {}, notices: [] };
  try {
    // A BOM from a hand edit in Notepad is not damage.
    const raw: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    const { data, problems } = parseConfig(raw);
    const extras = Object.fromEntries(Object.entries(raw as object).filter(([key]) => !KNOWN_KEYS.has(key)));
    if (problems.length === 0) return { data, extras, notices: [] };
    // What was dropped would be lost at the next save: keep a copy of the file as it was.
    const copy = freeName(`${file}.bak-${fileTimestamp(now())}`);
    copyFileSync(file, copy);
    return { data, extras, notices: [...problems, `A copy of the configuration file as it was is kept at ${copy}.`] };
  } catch (e) {
    if (!(e instanceof SyntaxError || e instanceof ConfigFormatError)) throw e;
    const aside = moveAside(file, now());
    const why = e instanceof SyntaxError ? 'it is not valid JSON' : e.message;
    return {
      data: defaultConfig(),
      extras: {},
      notices: [`The configuration file could not be used (${why}); it was moved to ${aside} and Backwatch started with default settings.`],
    };
  }
}

/**
 * Opens `config.json` in `dir` (the file need not exist). A corrupt, truncated or wrong-schema
 * file is moved aside and the store starts from defaults; `notices` says so and where it went.
 */
export function openConfigFile(dir: string, now: () => Date = () => new Date()): ConfigStore {
  const file = path.join(dir, CONFIG_FILE_NAME);
  const loaded = readConfigFile(file, now);
  let current = loaded.data;
  const write = (data: ConfigData) => {
    // electron-store (conf) indents with tabs; keep the file looking the same whoever wrote it.
    writeFileAtomic(file, `${JSON.stringify({ ...loaded.extras, ...data }, null, '\t')}\n`);
    current = data;
  };
  return {
    path: file,
    notices: loaded.notices,
    read: () => current,
    write,
    async update(fn) {
      write(fn(current));
      return current;
    },
  };
}
