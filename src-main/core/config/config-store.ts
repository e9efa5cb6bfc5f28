/**
 * The configuration port and where its file lives: electron-store's `config.json` in Electron's
 * userData folder for productName "Backwatch", shared by the desktop app and the CLI. Its adapters
 * are conf-config-file.ts (CLI, browser harness) and the shell's electron-store; both go through
 * shared-config.ts.
 */
import path from 'node:path';
import type { ConfigData } from '../../common/settings.js';

/** An appliance entry of the file that cannot be used here: kept in the file, not monitored. */
export interface RejectedApplianceView {
  /** Its name, if it has one. */
  readonly name: string | null;
  /** Why it is not used, a sentence for the admin. */
  readonly reason: string;
}

/**
 * The configuration port: a file several processes share. What one saves the others see, and no
 * save loses another's.
 */
export interface ConfigStore {
  /** The latest known configuration (kept fresh by watching the file). */
  read(): ConfigData;
  /** The appliance entries of the file that cannot be used, with why; they survive every save. */
  rejected(): readonly RejectedApplianceView[];
  /**
   * Removes the set-aside entry with this name from the file (under the lock) and says which
   * appliance id it had, so its keychain entry can go too; null when no such entry exists.
   */
  discardRejected(name: string): Promise<{ readonly id: string | null } | null>;
  /**
   * Reads the file again under an exclusive lock, applies `fn`, saves atomically and returns the
   * result. Refused (rejects) for a file written by a newer Backwatch, and when the schema refuses
   * the result; nothing is saved then.
   */
  update(fn: (data: ConfigData) => ConfigData): Promise<ConfigData>;
  /** Calls `listener` when another process saved a different configuration; returns the unsubscribe. */
  onChange(listener: (data: ConfigData) => void): () => void;
  /** Stops watching the file. */
  close(): void;
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
