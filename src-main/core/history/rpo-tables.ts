/**
 * The RPO settings over time in the history database: a row each time the default RPO or a job's
 * override changed, so a report judges last month by last month's RPO. Rows are read trusting
 * nothing: an override that does not read back is left out, a row without a readable RPO skipped.
 */
import type { Database } from 'better-sqlite3';
import type { RpoRecord } from '../../common/rpo-timeline.js';
import { sameRpo } from '../../common/rpo-timeline.js';
import type { JobRpo } from '../../common/settings.js';
import { writer } from './history-db.js';
import { readJsonObject, type Row } from './history-rows.js';
import type { HistoryStore } from './history-types.js';

export type RpoTables = Pick<HistoryStore, 'rpoRecords' | 'recordRpo'>;

const isRpo = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isInteger(v) && v > 0);

function readOverrides(text: unknown): Record<string, JobRpo> {
  const overrides: Record<string, JobRpo> = {};
  for (const [key, value] of Object.entries(readJsonObject(text) ?? {})) {
    const rpoSec: unknown = (value as { rpoSec?: unknown } | null)?.rpoSec;
    if (isRpo(rpoSec)) overrides[key] = { rpoSec };
  }
  return overrides;
}

function rowToRecord(row: Row): RpoRecord | null {
  const { at_ms: atMs, rpo_sec: rpoSec } = row;
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || typeof rpoSec !== 'number' || !isRpo(rpoSec)) return null;
  return { atMs, rpoSec, jobRpo: readOverrides(row.job_rpo) };
}

export function rpoTables(db: Database): RpoTables {
  const all = db.prepare('SELECT at_ms, rpo_sec, job_rpo FROM rpo_settings ORDER BY at_ms, rowid');
  const newest = db.prepare('SELECT at_ms, rpo_sec, job_rpo FROM rpo_settings ORDER BY at_ms DESC, rowid DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO rpo_settings (at_ms, rpo_sec, job_rpo) VALUES (?, ?, ?)');
  const rpoRecords = () => (all.all() as Row[]).flatMap((row) => rowToRecord(row) ?? []);

  return {
    rpoRecords,
    // In one write transaction: two processes that see the same change record it once.
    recordRpo: writer(db, (settings: Pick<RpoRecord, 'rpoSec' | 'jobRpo'>, atMs: number) => {
      const last = rowToRecord((newest.get() as Row | undefined) ?? {});
      if (last !== null && sameRpo(last, settings)) return false;
      // A clock set back must not put a change before the one it follows.
      insert.run(Math.max(atMs, last?.atMs ?? atMs), settings.rpoSec, JSON.stringify(settings.jobRpo));
      return true;
    }),
  };
}
