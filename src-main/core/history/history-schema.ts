/**
 * The history database's schema as an ordered list of migrations: migration n (from 1) brings a
 * file from version n - 1 to n, and `PRAGMA user_version` says how far a file got. A migration,
 * once released, is never edited: files out there were made by it; change the schema with a new one.
 */
import type { Database } from 'better-sqlite3';

/** Statuses of a session that has not ended (as `ACTIVE_STATUSES`), for SQL. */
export const ACTIVE_SQL = "('queued', 'paused', 'running')";

/** Version 1: sessions, jobs, each appliance's cursor, and the monitor's memory (was monitor-state.json). */
const V1 = `
CREATE TABLE sessions (
  appliance_id TEXT NOT NULL,
  id TEXT NOT NULL,
  job_id TEXT,
  job_name TEXT,
  vendor TEXT,
  type TEXT,
  status TEXT,
  vendor_status TEXT,
  start_ms INTEGER,
  end_ms INTEGER,
  -- The ISO text, only where start_ms/end_ms would not give it back (unreadable, not toISOString form).
  start_text TEXT,
  end_text TEXT,
  duration_ms INTEGER,
  message TEXT,
  progress_percent REAL,
  progress_completed REAL,
  progress_total REAL,
  progress_unit TEXT,
  log_link TEXT,
  details TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (appliance_id, id)
);
-- Newest first: read backwards, an index gives start_ms DESC then rowid DESC (its hidden last column).
CREATE INDEX sessions_by_appliance ON sessions (appliance_id, start_ms);
CREATE INDEX sessions_by_job ON sessions (appliance_id, job_id, start_ms);
-- Newest across the fleet, and pruning: what ended before a time started before it (or has no start).
CREATE INDEX sessions_by_start ON sessions (start_ms);
-- The few sessions that still run, whatever their age.
CREATE INDEX sessions_active ON sessions (appliance_id) WHERE status IN ${ACTIVE_SQL};

CREATE TABLE jobs (
  appliance_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  type TEXT,
  next_run TEXT,
  last_run TEXT,
  enabled INTEGER,
  -- Where the appliance lists the job.
  position INTEGER,
  PRIMARY KEY (appliance_id, id)
);
CREATE TABLE cursors (
  appliance_id TEXT PRIMARY KEY,
  cursor TEXT,
  behind INTEGER,
  updated_at INTEGER NOT NULL
);

CREATE TABLE notified (key TEXT PRIMARY KEY, at TEXT NOT NULL);
CREATE INDEX notified_by_at ON notified (at);
CREATE TABLE held (id INTEGER PRIMARY KEY CHECK (id = 1), events TEXT NOT NULL);
CREATE TABLE watermarks (appliance_id TEXT PRIMARY KEY, at TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value);
`;

const numberAt = (pathText: string) =>
  `CASE WHEN json_type(details, '${pathText}') IN ('integer', 'real') THEN json_extract(details, '${pathText}') END`;

/** Version 2: transferred bytes as a column (sums over time), filled in from the details kept so far (where the parsers of that version put them). */
const V2 = `
ALTER TABLE sessions ADD COLUMN bytes INTEGER;
UPDATE sessions SET bytes = coalesce(${numberAt('$.statistics.transferredDataBytes')}, ${numberAt('$.sizeBytes')})
  WHERE json_valid(details);
`;

/**
 * Version 3: each job's compliance ledger (see common/compliance-ledger.ts), rebuilt from its
 * sessions when a poll wrote one of them (`dirty`) or when it was built for another basis.
 */
const V3 = `
CREATE TABLE job_ledgers (
  appliance_id TEXT NOT NULL,
  job_id TEXT NOT NULL,
  -- The job's kind as its sessions say it (its RPO may follow from it).
  job_type TEXT,
  dirty INTEGER NOT NULL DEFAULT 1,
  split_ms INTEGER,
  warnings_unprotected INTEGER,
  job_name TEXT,
  first_end_ms INTEGER,
  last_end_ms INTEGER,
  last_success_ms INTEGER,
  first_day INTEGER,
  -- Runs per UTC day from first_day, little-endian 32-bit counts.
  runs_by_day BLOB,
  streaks TEXT,
  failures TEXT,
  PRIMARY KEY (appliance_id, job_id)
);
INSERT INTO job_ledgers (appliance_id, job_id, job_type)
  SELECT appliance_id, job_id, max(type) FROM sessions WHERE job_id IS NOT NULL GROUP BY appliance_id, job_id;
`;

/**
 * Version 4: the RPO settings each time they changed, so compliance judges each moment by the RPO
 * in force then; and a version per ledger row, from one counter that only grows, so a process
 * that keeps decoded ledgers knows which rows were built again (by it or by another process).
 */
const V4 = `
CREATE TABLE rpo_settings (
  at_ms INTEGER NOT NULL,
  -- The default RPO, seconds, and the per-job overrides as JSON ({"appliance/job": {"rpoSec": n | null}}).
  rpo_sec INTEGER NOT NULL,
  job_rpo TEXT NOT NULL
);
CREATE INDEX rpo_settings_by_time ON rpo_settings (at_ms);
ALTER TABLE job_ledgers ADD COLUMN version INTEGER;
-- Rows built before are one version each (0, which the counter never gives).
UPDATE job_ledgers SET version = 0 WHERE dirty = 0;
`;

/**
 * Version 5: what says whether each ledger row can answer, in an index of its own, so that a
 * compliance read checks a fleet's rows without walking past their blobs to the version column.
 */
const V5 = `
CREATE INDEX job_ledger_heads ON job_ledgers (appliance_id, job_id, job_type, dirty, split_ms, warnings_unprotected, version);
`;

/**
 * Version 6: the maintenance windows each time they changed, so a window's time is left out of
 * compliance only while it was planned, and a past report reads the same later.
 */
const V6 = `
CREATE TABLE maintenance_settings (
  at_ms INTEGER NOT NULL,
  -- Every window in force from then on, as the configuration file holds them (a JSON array).
  windows TEXT NOT NULL
);
CREATE INDEX maintenance_settings_by_time ON maintenance_settings (at_ms);
`;

/** The migrations in order: index i brings a file to version i + 1. */
export const MIGRATIONS: readonly string[] = [V1, V2, V3, V4, V5, V6];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** A file made by a newer Backwatch: this one cannot know what its schema means. */
export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(`schema version ${version}; this Backwatch knows up to ${SCHEMA_VERSION}`);
  }
}

/**
 * Brings the file to `SCHEMA_VERSION` in one write transaction, so two processes opening an old
 * file at once migrate it once. `created` runs in the same transaction when the file was new.
 */
export function migrate(db: Database, created: () => void): void {
  const stored = () => db.pragma('user_version', { simple: true }) as number;
  // The usual case, read without taking the write lock.
  if (stored() === SCHEMA_VERSION) return;
  db.transaction(() => {
    const version = stored();
    if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
    if (version === SCHEMA_VERSION) return;
    for (const step of MIGRATIONS.slice(version)) db.exec(step);
    if (version === 0) created();
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
