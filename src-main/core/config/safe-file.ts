/**
 * Writing and setting aside the app's own files (configuration, monitor state) so that nothing is
 * ever half-written or deleted: an atomic write, and a move aside that keeps a damaged file.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

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
 * Moves a damaged file out of the way to `<file>.corrupt-<time>` (or another `reason` than
 * `corrupt`; kept for the admin, never deleted) and returns where it went.
 */
export function moveAside(file: string, now: Date = new Date(), reason = 'corrupt'): string {
  const target = freeName(`${file}.${reason}-${fileTimestamp(now)}`);
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

/**
 * Removes the temporary files a writer of `file` killed mid-save left (ours `<file>.<pid>.<hex>.tmp`,
 * conf's `<file>.tmp-<digits>`), once older than `olderThanMs`. Call it holding the file's lock:
 * no live writer has a temporary file then, and the age spares one whose lock was taken over.
 */
export function removeStaleTemps(file: string, olderThanMs: number, now: number = Date.now()): void {
  const base = path.basename(file);
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.tmp-`) && !(name.startsWith(`${base}.`) && name.endsWith('.tmp'))) continue;
    const temp = path.join(dir, name);
    try {
      if (now - statSync(temp).mtimeMs > olderThanMs) rmSync(temp, { force: true });
    } catch {
      // Gone meanwhile: nothing to clean.
    }
  }
}
