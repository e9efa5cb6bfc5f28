/**
 * Opening the history database: the settings that let the desktop app, the CLI and `serve` write
 * one file at once, and what becomes of a file Backwatch cannot use (kept aside, a fresh one begun:
 * the history is a copy of what the appliances list, so polling fills it again).
 */
import { existsSync, renameSync, statSync } from 'node:fs';
import Sqlite, { type Database } from 'better-sqlite3';
import { moveAside } from '../config/safe-file.js';
import type { Logger } from '../logger.js';
import { NewerSchemaError } from './history-schema.js';

/** How long a write waits for another process's write before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/** `fn` as a write transaction that takes the write lock at BEGIN, so it never fails half-way for a lock. */
export function writer<A extends unknown[], R>(db: Database, fn: (...args: A) => R): (...args: A) => R {
  const transaction = db.transaction(fn);
  return (...args) => transaction.immediate(...args);
}

function connect(location: string): Database {
  const db = new Sqlite(location, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL: readers never wait for a writer. NORMAL: a power cut may lose the last commits, never the file.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What to make of an open database (`file` null: in memory). */
type Build<T> = (db: Database, file: string | null) => T;

/** `build` over a connection; the connection is closed when it throws. */
function built<T>(db: Database, file: string | null, build: Build<T>): T {
  try {
    return build(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openMemoryDatabase<T>(build: Build<T>): T {
  return built(connect(':memory:'), null, build);
}

interface Unusable {
  /** What the log says, after "The history database <file>". */
  readonly problem: string;
  readonly reason: 'corrupt' | 'newer';
}

function unusable(error: unknown): Unusable | null {
  if (error instanceof NewerSchemaError) return { problem: `was written by a newer Backwatch (${error.message})`, reason: 'newer' };
  if (!(error instanceof Sqlite.SqliteError)) return null;
  const damaged = error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT');
  return damaged ? { problem: `was damaged (${error.message})`, reason: 'corrupt' } : null;
}

/** Moves the file and its WAL files aside under one name, so the kept copy still opens with its last commits. */
function setAside(file: string, reason: Unusable['reason']): string {
  const aside = moveAside(file, new Date(), reason);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  return aside;
}

const inode = (file: string): number | null => (existsSync(file) ? statSync(file).ino : null);

/**
 * Opens (or creates) the database file and hands it to `build` (migrations, statements). A file
 * that is no database, is damaged, or comes from a newer Backwatch is moved aside with one warning
 * and a fresh one begun; should the move fail (the file held open elsewhere on Windows), this run
 * keeps its history in memory. Other failures (no such folder, no permission) are thrown.
 */
export function openDatabaseFile<T>(file: string, log: Logger, build: Build<T>): T {
  const opened = inode(file);
  try {
    return built(connect(file), file, build);
  } catch (error) {
    const bad = unusable(error);
    if (bad === null) throw error;
    // Another process found the same damage first and began a fresh file: use that one.
    if (inode(file) !== opened) return built(connect(file), file, build);
    let aside: string;
    try {
      aside = setAside(file, bad.reason);
    } catch (moveError) {
      log.warn(
        `The history database ${file} ${bad.problem} and could not be moved aside (${(moveError as Error).message}); Backwatch keeps this run's history in memory.`,
      );
      return openMemoryDatabase(build);
    }
    log.warn(`The history database ${file} ${bad.problem}; it was kept as ${aside} and Backwatch rebuilds it from the appliances.`);
    return built(connect(file), file, build);
  }
}
