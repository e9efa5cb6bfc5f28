/**
 * The maintenance windows over time in the history database: a row each time they changed (from
 * the window, the CLI, the team API or an editor), so compliance leaves a window's time out only
 * while it was planned. Rows are read trusting nothing: a row whose windows do not all read back
 * is skipped, as if that change had not been recorded.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import { sameWindows, type MaintenanceRecord } from '../../common/maintenance-timeline.js';
import { maintenanceWindowSchema } from '../config/maintenance-schema.js';
import { writer } from './history-db.js';
import type { Row } from './history-rows.js';
import type { HistoryStore } from './history-types.js';

export type MaintenanceTables = Pick<HistoryStore, 'maintenanceRecords' | 'recordMaintenance'>;

const windowsSchema = z.array(maintenanceWindowSchema);

function rowToRecord(row: Row): MaintenanceRecord | null {
  const { at_ms: atMs, windows: text } = row;
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || typeof text !== 'string') return null;
  try {
    const windows = windowsSchema.safeParse(JSON.parse(text));
    return windows.success ? { atMs, windows: windows.data } : null;
  } catch {
    return null;
  }
}

export function maintenanceTables(db: Database): MaintenanceTables {
  const all = db.prepare('SELECT at_ms, windows FROM maintenance_settings ORDER BY at_ms, rowid');
  const newest = db.prepare('SELECT at_ms, windows FROM maintenance_settings ORDER BY at_ms DESC, rowid DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO maintenance_settings (at_ms, windows) VALUES (?, ?)');

  return {
    maintenanceRecords: () => (all.all() as Row[]).flatMap((row) => rowToRecord(row) ?? []),
    // In one write transaction: two processes that see the same change record it once.
    recordMaintenance: writer(db, (windows: readonly MaintenanceWindow[], atMs: number) => {
      const last = rowToRecord((newest.get() as Row | undefined) ?? {});
      if (last !== null && sameWindows(last.windows, windows)) return false;
      // A clock set back must not put a change before the one it follows.
      insert.run(Math.max(atMs, last?.atMs ?? atMs), JSON.stringify(windows));
      return true;
    }),
  };
}
