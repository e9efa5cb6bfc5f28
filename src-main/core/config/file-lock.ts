/**
 * The exclusive lock every read-modify-write of a shared file takes (config.json, serve-tokens.json):
 * proper-lockfile, which also takes over the lock of a process that died holding it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** A lock older than this belongs to a process that died: our hold lasts one synchronous write. */
export const STALE_LOCK_MS = 5_000;
const LOCK_OPTIONS: lockfile.LockOptions = {
  realpath: false,
  stale: STALE_LOCK_MS,
  // Long enough to outwait a stale lock; short steps, as holders only keep it for milliseconds.
  retries: { retries: 80, minTimeout: 10, maxTimeout: 250, factor: 1.3, randomize: true },
  // The default throws from a timer (a crash). The write under the lock is already done by then.
  onCompromised: () => undefined,
};

/** Runs `fn` holding the exclusive lock on `file` (its folder is created if need be); `what` names it in errors. */
export async function withFileLock<T>(file: string, what: string, fn: () => T): Promise<T> {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, LOCK_OPTIONS);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    throw new Error(`The ${what} ${file} stayed locked by another Backwatch process; nothing was saved. Try again.`);
  }
  try {
    return fn();
  } finally {
    // A lock taken over as stale meanwhile is the other process's now: nothing to release.
    await release().catch(() => undefined);
  }
}
