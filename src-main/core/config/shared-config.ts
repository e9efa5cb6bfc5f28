/**
 * The configuration file as a database the app and the CLI share, not a cache each process keeps:
 * every change is a read-modify-write under an exclusive lock on the file (proper-lockfile, which
 * also takes over the lock of a process that died holding it), saved by conf (the library under
 * electron-store: its tab-indented format, an atomic rename, mode 0600, the JSON Schema check),
 * and the folder is watched so that a change another process saved is seen within moments.
 * The shell's electron-store and the CLI's plain conf both go through here. The file's content
 * and setting it aside are in config-snapshot.ts, the watch in config-watch.ts.
 *
 * Reading is ours rather than conf's: it is tolerant (see `parseConfig`), needs the file's bytes
 * to name a backup by its content, and must not let the schema refuse a file edited by hand.
 */
import { readFileSync } from 'node:fs';
import type { ConfigData } from '../../common/settings.js';
import { sameName } from '../../common/text.js';
import { composeConfigFile } from './config-content.js';
import type { RejectedAppliance } from './config-parse.js';
import { CONFIG_JSON_SCHEMA } from './config-schema.js';
import {
  isUnusable,
  keepCopy,
  NO_FILE,
  openSnapshot,
  parseBytes,
  readBytes,
  sameBytes,
  sameContent,
  type Snapshot,
} from './config-snapshot.js';
import type { ConfigStore, RejectedApplianceView } from './config-store.js';
import { fileWatcher } from './config-watch.js';
import { STALE_LOCK_MS, withFileLock } from './file-lock.js';
import { moveAside, removeStaleTemps } from './safe-file.js';

/** What of a conf instance (electron-store is one) the shared store uses: the path and the saving setter. */
export interface ConfFile {
  readonly path: string;
  store: Record<string, unknown>;
}

/** The conf options both stores open the file with (the caller adds the file's name). */
export function confOptions(dir: string) {
  return {
    cwd: dir,
    schema: CONFIG_JSON_SCHEMA,
    // conf's own getter then answers {} for a file its schema refuses instead of throwing in its
    // constructor. Nothing reads through that getter (reading is ours), so nothing is cleared.
    clearInvalidConfig: true,
    // Keys are plain names; a dot in a future key must not become nesting.
    accessPropertiesByDotNotation: false,
    // Private: the file lists hosts and user names (never passwords).
    configFileMode: 0o600,
  };
}

/** A save refused because the file belongs to a newer Backwatch. */
export class ConfigReadOnlyError extends Error {
  override readonly name = 'ConfigReadOnlyError';
}

/**
 * The configuration store over `file`. `openConf` opens it with conf (or electron-store) when the
 * first change is saved, so a read-only command never touches the disk. A file that cannot be used
 * is moved aside at once, or, for a command that only reads (`setAside` false), refused as it is.
 */
export function openSharedConfig(file: string, openConf: () => ConfFile, now: () => Date = () => new Date(), setAside = true): ConfigStore {
  return new SharedConfig(file, openConf, now, setAside);
}

class SharedConfig implements ConfigStore {
  readonly notices: string[] = [];
  #current: Snapshot;
  #conf: ConfFile | null = null;
  readonly #listeners = new Set<(data: ConfigData) => void>();
  readonly #watcher: { start(): void; stop(): void };

  constructor(
    readonly path: string,
    private readonly openConf: () => ConfFile,
    private readonly now: () => Date,
    setAside: boolean,
  ) {
    this.#current = openSnapshot(path, now, this.notices, setAside);
    this.#watcher = fileWatcher(path, () => this.#changedOutside());
    this.#watcher.start();
  }

  read(): ConfigData {
    return this.#current.parsed.data;
  }

  rejected(): readonly RejectedApplianceView[] {
    return this.#current.parsed.rejected.map(({ name, reason }) => ({ name, reason }));
  }

  async update(fn: (data: ConfigData) => ConfigData): Promise<ConfigData> {
    const saved = await withFileLock(this.path, 'configuration file', () => this.#saveLocked(fn));
    this.#watcher.start();
    return saved;
  }

  async discardRejected(name: string): Promise<{ readonly id: string | null } | null> {
    let discarded: RejectedAppliance | null = null;
    const keep = (entry: RejectedAppliance) => {
      if (discarded !== null || entry.name === null || !sameName(entry.name, name)) return true;
      discarded = entry;
      return false;
    };
    await withFileLock(this.path, 'configuration file', () => this.#saveLocked((data) => data, keep));
    const entry = discarded as RejectedAppliance | null;
    if (entry === null) return null;
    const id = (entry.entry as { id?: unknown } | null)?.id;
    return { id: typeof id === 'string' ? id : null };
  }

  onChange(listener: (data: ConfigData) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#watcher.stop();
    this.#listeners.clear();
  }

  #emit(data: ConfigData): void {
    for (const listener of this.#listeners) {
      try {
        listener(data);
      } catch (e) {
        process.emitWarning(`A configuration listener failed: ${(e as Error).message}`);
      }
    }
  }

  /** The file as it is now, or null when its content cannot be used. */
  #look(): Snapshot | null {
    const bytes = readBytes(this.path);
    if (sameBytes(bytes, this.#current.bytes)) return this.#current;
    if (bytes === null) return NO_FILE;
    try {
      return { parsed: parseBytes(bytes), bytes };
    } catch (e) {
      if (isUnusable(e)) return null;
      throw e;
    }
  }

  #changedOutside(): void {
    try {
      // Unusable (a hand edit half-saved): keep the last good content; a save moves it aside.
      const seen = this.#look();
      if (!seen) return;
      const changed = !sameContent(seen.parsed, this.#current.parsed);
      this.#current = seen;
      if (changed) this.#emit(seen.parsed.data);
    } catch {
      // Unreadable for a moment (permissions being changed): the next change looks again.
    }
  }

  /** The read-modify-write itself, run while holding the lock. */
  #saveLocked(fn: (data: ConfigData) => ConfigData, keep: (entry: RejectedAppliance) => boolean = () => true): ConfigData {
    const file = this.path;
    let base = this.#look();
    if (base === null) {
      this.notices.push(
        `The configuration file had become unusable; it was moved to ${moveAside(file, this.now())} and saved anew from what Backwatch held.`,
      );
      base = { parsed: this.#current.parsed, bytes: null };
    }
    if (base.parsed.newerSchema !== null) {
      throw new ConfigReadOnlyError(
        `${file} was written by a newer Backwatch (schema ${base.parsed.newerSchema}); it is read-only here: update Backwatch to change the configuration.`,
      );
    }
    if (base.parsed.lossy && base.bytes) keepCopy(file, base.bytes);
    removeStaleTemps(file, STALE_LOCK_MS);
    const outside = !sameContent(base.parsed, this.#current.parsed);
    const parsed = { ...base.parsed, rejected: base.parsed.rejected.filter(keep) };
    (this.#conf ??= this.openConf()).store = composeConfigFile(parsed, fn(base.parsed.data));
    const bytes = readFileSync(file);
    this.#current = { parsed: parseBytes(bytes), bytes };
    // What another process saved and the watch had not reported yet is part of this result.
    if (outside) this.#emit(this.#current.parsed.data);
    return this.#current.parsed.data;
  }
}
