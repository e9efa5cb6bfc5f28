/**
 * The history database: one SQLite file, `history.db` in the config folder, that the desktop app,
 * the CLI and `serve` read and write at once. It keeps every session the appliances listed (for
 * the retention period), each appliance's jobs and connector cursor (so a restart resumes where the
 * last poll stopped), and the monitor's memory (notified events, held events, restart watermarks).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { openDatabaseFile, openMemoryDatabase, writer } from './history-db.js';
import { ACTIVE_SQL, migrate } from './history-schema.js';
import { ledgerTables } from './ledger-tables.js';
import { importMonitorState, monitorTables, setImportedAside } from './monitor-tables.js';
import { rpoTables } from './rpo-tables.js';
import { maintenanceTables } from './maintenance-tables.js';
import { sessionTables } from './session-tables.js';
import type { HistoryStore } from './history-types.js';

export const HISTORY_FILE_NAME = 'history.db';

export type { HistoryStore, PollRecord, StoredApplianceState } from './history-types.js';

const DAY_MS = 86_400_000;

/** Rows one prune step deletes at most: a short write lock even on a large file. */
const PRUNE_STEP = 500;

/** `pruneIfDue`: one step a call, each in one transaction; the day is done once a step finds less than a batch. */
function pruner(db: Database): HistoryStore['pruneIfDue'] {
  const lastPrune = db.prepare("SELECT value FROM meta WHERE key = 'last_prune_ms'").pluck();
  const setLastPrune = db.prepare(
    "INSERT INTO meta (key, value) VALUES ('last_prune_ms', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  const step = writer(db, (nowMs: number, before: number) => {
    const last: unknown = lastPrune.get();
    // Either way round: a clock set back a year must not stop pruning for a year.
    if (typeof last === 'number' && Math.abs(nowMs - last) < DAY_MS) return 0;
    const sessions = oldSessions.run({ before, batch: PRUNE_STEP }).changes;
    // The ledgers that counted what went are built again from what stays.
    if (sessions > 0) staleLedgers.run(before);
    const keys = oldKeys.run({ beforeIso: new Date(before).toISOString(), batch: PRUNE_STEP }).changes;
    if (sessions < PRUNE_STEP && keys < PRUNE_STEP) setLastPrune.run(nowMs);
    return sessions + keys;
  });
  // Ended (else started, else written: a session with no time at all) before the cut; found through the start index.
  const oldSessions = db.prepare(`DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions
    WHERE (start_ms < @before OR start_ms IS NULL) AND coalesce(end_ms, start_ms, updated_at) < @before
    AND status NOT IN ${ACTIVE_SQL} LIMIT @batch)`);
  const staleLedgers = db.prepare('UPDATE job_ledgers SET dirty = 1 WHERE dirty = 0 AND first_end_ms < ?');
  const oldKeys = db.prepare('DELETE FROM notified WHERE key IN (SELECT key FROM notified WHERE at < @beforeIso LIMIT @batch)');
  return (nowMs, retentionDays) => {
    const before = nowMs - retentionDays * DAY_MS;
    return Number.isFinite(before) ? step(nowMs, before) : 0;
  };
}

/** Migrates the database (importing monitor-state.json from `dir` into a new one) and builds the store over it. */
function storeOn(dir: string | null): (db: Database, file: string | null) => HistoryStore {
  return (db, file) => {
    let imported: string | null = null;
    migrate(db, () => (imported = importMonitorState(db, dir)));
    if (imported !== null) setImportedAside(imported);
    return {
      path: file,
      ...sessionTables(db),
      ...monitorTables(db),
      ...ledgerTables(db),
      ...rpoTables(db),
      ...maintenanceTables(db),
      pruneIfDue: pruner(db),
      close: () => db.close(),
    };
  };
}

/**
 * Opens `history.db` in `dir`, creating both when missing. Never throws: a file that is damaged or
 * from a newer Backwatch is kept aside with one warning and a fresh one begun, and where none can
 * be opened at all, this run's history is kept in memory (with one warning).
 */
export function openHistoryStore(dir: string, log: Logger): HistoryStore {
  const file = path.join(dir, HISTORY_FILE_NAME);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return openDatabaseFile(file, log, storeOn(dir));
  } catch (error) {
    // A folder Backwatch may not write (permissions, a full disk) is no reason not to watch.
    log.warn(`Backwatch cannot open its history database ${file} (${(error as Error).message}); this run keeps its history in memory.`);
    return openMemoryHistoryStore();
  }
}

/** The same store over an in-memory database, for tests and the demo. */
export function openMemoryHistoryStore(): HistoryStore {
  return openMemoryDatabase(storeOn(null));
}
