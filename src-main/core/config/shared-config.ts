/**
 * The configuration file as a database the app and the CLI share, not a cache each process keeps:
 * every change is a read-modify-write under an exclusive lock on the file (proper-lockfile, which
 * also takes over the lock of a process that died holding it), saved by conf (the library under
 * electron-store: its tab-indented format, an atomic rename, mode 0600, the JSON Schema check),
 * and the folder is watched so that a change another process saved is seen within moments.
 * The shell's electron-store and the CLI's plain conf both go through here.
 *
 * Reading is ours rather than conf's: it is tolerant (see `parseConfig`), needs the file's bytes
 * to name a backup by its content, and must not let the schema refuse a file edited by hand.
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import lockfile from 'proper-lockfile';
import { STALE_LOCK_MS, withFileLock } from './file-lock.js';
import type { ConfigData } from '../../common/settings.js';
import { sameName } from '../../common/text.js';
import { composeConfigFile, MAX_CONFIG_DEPTH, withoutDeepValues } from './config-content.js';
import {
  CONFIG_JSON_SCHEMA,
  ConfigFormatError,
  defaultConfig,
  parseConfig,
  type ParsedConfig,
  type RejectedAppliance,
} from './config-schema.js';
import type { ConfigStore } from './config-store.js';
import { ConfigUnusableError } from './config-unusable.js';
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

/** Changes come in bursts (temp file, rename): one look at the file per burst. */
const WATCH_SETTLE_MS = 40;

interface Snapshot {
  readonly parsed: ParsedConfig;
  /** The file's bytes as last read or written, null when there is none. */
  readonly bytes: Buffer | null;
}

const NO_FILE: Snapshot = {
  parsed: { data: defaultConfig(), problems: [], rejected: [], newerSchema: null, lossy: false, migrated: {} },
  bytes: null,
};

function readBytes(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read the configuration file ${file}: ${(e as Error).message}`);
  }
}

/** A BOM from a hand edit in Notepad is not damage; nesting too deep to save again is dropped (a copy is kept). */
function parseBytes(bytes: Buffer): ParsedConfig {
  const dropped: string[] = [];
  const parsed = parseConfig(withoutDeepValues(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')), dropped));
  if (dropped.length === 0) return parsed;
  const keys = dropped.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 80)));
  const problem = `The configuration file nests ${keys.join(', ')} more than ${MAX_CONFIG_DEPTH} levels deep; what lies deeper is left out.`;
  return { ...parsed, lossy: true, problems: [...parsed.problems, problem] };
}
const sameBytes = (a: Buffer | null, b: Buffer | null) => a === b || (a !== null && b !== null && a.equals(b));

const isUnusable = (e: unknown): e is Error => e instanceof SyntaxError || e instanceof ConfigFormatError;
const whyUnusable = (e: Error) => (e instanceof SyntaxError ? 'it is not valid JSON' : e.message);

/** Where the copy of a file with this content is kept: one copy per distinct content. */
function backupPath(file: string, bytes: Buffer): string {
  return `${file}.bak-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
}

function keepCopy(file: string, bytes: Buffer): void {
  try {
    writeFileSync(backupPath(file, bytes), bytes, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/**
 * Moves a file that cannot be used aside (kept, never deleted), under the lock so that a good file
 * another process is saving right now is never the one moved. Returns the sentence for the admin.
 */
function setAsideAtOpen(file: string, bytes: Buffer, why: string, now: Date): string {
  let release: () => void;
  try {
    release = lockfile.lockSync(file, { realpath: false, stale: STALE_LOCK_MS });
  } catch {
    return `The configuration file could not be used (${why}); Backwatch started with default settings and moves the file aside when it next saves a change.`;
  }
  try {
    if (!sameBytes(readBytes(file), bytes)) return `The configuration file changed while it was read (it was not usable: ${why}).`;
    const aside = moveAside(file, now);
    return `The configuration file could not be used (${why}); it was moved to ${aside} and Backwatch started with default settings.`;
  } finally {
    release();
  }
}

function openSnapshot(file: string, now: () => Date, notices: string[], setAside: boolean): Snapshot {
  const bytes = readBytes(file);
  if (bytes === null) return NO_FILE;
  try {
    const parsed = parseBytes(bytes);
    notices.push(...parsed.problems);
    if (parsed.lossy && parsed.problems.length > 0 && parsed.newerSchema === null) {
      notices.push(`Before it next saves a change, Backwatch keeps a copy of the file as it is now at ${backupPath(file, bytes)}.`);
    }
    return { parsed, bytes };
  } catch (e) {
    if (!isUnusable(e)) throw e;
    if (!setAside) throw new ConfigUnusableError(`The configuration file ${file} cannot be used: ${whyUnusable(e)}.`);
    notices.push(setAsideAtOpen(file, bytes, whyUnusable(e), now()));
    return NO_FILE;
  }
}

const sameContent = (a: ParsedConfig, b: ParsedConfig) =>
  a.newerSchema === b.newerSchema && isDeepStrictEqual(a.data, b.data) && isDeepStrictEqual(a.rejected, b.rejected);

/**
 * Calls `changed` shortly after `file` was replaced or changed. It watches the folder, not the
 * file: a save renames a new file over the old one. A folder that does not exist yet is watched
 * from the next `start()` (the first save creates it).
 */
function fileWatcher(file: string, changed: () => void): { start(): void; stop(): void } {
  let watcher: FSWatcher | null = null;
  let settle: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const fire = () => {
    settle = null;
    changed();
  };
  return {
    start() {
      if (watcher || stopped) return;
      try {
        watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
          if (name && name !== path.basename(file)) return;
          settle ??= setTimeout(fire, WATCH_SETTLE_MS);
          settle.unref?.();
        });
        watcher.on('error', () => {
          watcher?.close();
          watcher = null;
        });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    },
    stop() {
      stopped = true;
      watcher?.close();
      watcher = null;
      if (settle) clearTimeout(settle);
    },
  };
}

/**
 * The configuration store over `file`. `openConf` opens it with conf (or electron-store) when the
 * first change is saved, so a read-only command never touches the disk. A file that cannot be used
 * is moved aside at once, or, for a command that only reads (`setAside` false), refused as it is.
 */
export function openSharedConfig(file: string, openConf: () => ConfFile, now: () => Date = () => new Date(), setAside = true): ConfigStore {
  const notices: string[] = [];
  let current = openSnapshot(file, now, notices, setAside);
  let conf: ConfFile | null = null;
  const listeners = new Set<(data: ConfigData) => void>();

  const emit = (data: ConfigData) => {
    for (const listener of listeners) {
      try {
        listener(data);
      } catch (e) {
        process.emitWarning(`A configuration listener failed: ${(e as Error).message}`);
      }
    }
  };

  /** The file as it is now, or null when its content cannot be used. */
  const look = (): Snapshot | null => {
    const bytes = readBytes(file);
    if (sameBytes(bytes, current.bytes)) return current;
    if (bytes === null) return NO_FILE;
    try {
      return { parsed: parseBytes(bytes), bytes };
    } catch (e) {
      if (isUnusable(e)) return null;
      throw e;
    }
  };

  const watcher = fileWatcher(file, () => {
    try {
      // Unusable (a hand edit half-saved): keep the last good content; a save moves it aside.
      const seen = look();
      if (!seen) return;
      const changed = !sameContent(seen.parsed, current.parsed);
      current = seen;
      if (changed) emit(seen.parsed.data);
    } catch {
      // Unreadable for a moment (permissions being changed): the next change looks again.
    }
  });
  watcher.start();

  /** The read-modify-write itself, run while holding the lock. */
  const saveLocked = (fn: (data: ConfigData) => ConfigData, keep: (entry: RejectedAppliance) => boolean = () => true): ConfigData => {
    let base = look();
    if (base === null) {
      notices.push(
        `The configuration file had become unusable; it was moved to ${moveAside(file, now())} and saved anew from what Backwatch held.`,
      );
      base = { parsed: current.parsed, bytes: null };
    }
    if (base.parsed.newerSchema !== null) {
      throw new ConfigReadOnlyError(
        `${file} was written by a newer Backwatch (schema ${base.parsed.newerSchema}); it is read-only here: update Backwatch to change the configuration.`,
      );
    }
    if (base.parsed.lossy && base.bytes) keepCopy(file, base.bytes);
    removeStaleTemps(file, STALE_LOCK_MS);
    const outside = !sameContent(base.parsed, current.parsed);
    const parsed = { ...base.parsed, rejected: base.parsed.rejected.filter(keep) };
    (conf ??= openConf()).store = composeConfigFile(parsed, fn(base.parsed.data));
    const bytes = readFileSync(file);
    current = { parsed: parseBytes(bytes), bytes };
    // What another process saved and the watch had not reported yet is part of this result.
    if (outside) emit(current.parsed.data);
    return current.parsed.data;
  };

  return {
    path: file,
    notices,
    read: () => current.parsed.data,
    rejected: () => current.parsed.rejected.map(({ name, reason }) => ({ name, reason })),
    async update(fn) {
      const saved = await withFileLock(file, 'configuration file', () => saveLocked(fn));
      watcher.start();
      return saved;
    },
    async discardRejected(name) {
      let discarded: RejectedAppliance | null = null;
      const keep = (entry: RejectedAppliance) => {
        if (discarded !== null || entry.name === null || !sameName(entry.name, name)) return true;
        discarded = entry;
        return false;
      };
      await withFileLock(file, 'configuration file', () => saveLocked((data) => data, keep));
      const entry = discarded as RejectedAppliance | null;
      if (entry === null) return null;
      const id = (entry.entry as { id?: unknown } | null)?.id;
      return { id: typeof id === 'string' ? id : null };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      watcher.stop();
      listeners.clear();
    },
  };
}
