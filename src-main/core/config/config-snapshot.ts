/**
 * The configuration file's content as the shared store holds it: read tolerantly, compared by its
 * bytes, a copy kept before a lossy save, and a file that cannot be used moved aside under the lock
 * (kept, never deleted).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import lockfile from 'proper-lockfile';
import { STALE_LOCK_MS } from './file-lock.js';
import { MAX_CONFIG_DEPTH, withoutDeepValues } from './config-content.js';
import { ConfigFormatError } from './config-migrations.js';
import { defaultConfig, parseConfig, type ParsedConfig } from './config-parse.js';
import { moveAside } from './safe-file.js';
import { ConfigUnusableError } from './config-unusable.js';

/** The file as last read or written, parsed. */
export interface Snapshot {
  readonly parsed: ParsedConfig;
  /** The file's bytes as last read or written, null when there is none. */
  readonly bytes: Buffer | null;
}

export const NO_FILE: Snapshot = {
  parsed: { data: defaultConfig(), problems: [], rejected: [], newerSchema: null, lossy: false, migrated: {} },
  bytes: null,
};

export function readBytes(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read the configuration file ${file}: ${(e as Error).message}`);
  }
}

/** A BOM from a hand edit in Notepad is not damage; nesting too deep to save again is dropped (a copy is kept). */
export function parseBytes(bytes: Buffer): ParsedConfig {
  const dropped: string[] = [];
  const parsed = parseConfig(withoutDeepValues(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')), dropped));
  if (dropped.length === 0) return parsed;
  const keys = dropped.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 80)));
  const problem = `The configuration file nests ${keys.join(', ')} more than ${MAX_CONFIG_DEPTH} levels deep; what lies deeper is left out.`;
  return { ...parsed, lossy: true, problems: [...parsed.problems, problem] };
}
export const sameBytes = (a: Buffer | null, b: Buffer | null) => a === b || (a !== null && b !== null && a.equals(b));

export const isUnusable = (e: unknown): e is Error => e instanceof SyntaxError || e instanceof ConfigFormatError;
const whyUnusable = (e: Error) => (e instanceof SyntaxError ? 'it is not valid JSON' : e.message);

/** Where the copy of a file with this content is kept: one copy per distinct content. */
function backupPath(file: string, bytes: Buffer): string {
  return `${file}.bak-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
}

export function keepCopy(file: string, bytes: Buffer): void {
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

/**
 * The file at open; an unusable one is set aside (the notice says where) and the defaults used,
 * or, for a command that only reads (`setAside` false), refused as it is.
 */
export function openSnapshot(file: string, now: () => Date, notices: string[], setAside: boolean): Snapshot {
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

export const sameContent = (a: ParsedConfig, b: ParsedConfig) =>
  a.newerSchema === b.newerSchema && isDeepStrictEqual(a.data, b.data) && isDeepStrictEqual(a.rejected, b.rejected);
