/**
 * The monitor's memory in the history database (it was monitor-state.json, see monitor-memory.ts):
 * the keys of events already notified, the events held during quiet hours, and each appliance's
 * last good poll (its restart watermark). In the database, the desktop app, the CLI and `serve`
 * share one ledger without rewriting a whole file on every change.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ChangeEvent } from '../../common/snapshot.js';
import { MEMORY_FILE_NAME, readMonitorMemoryFile } from '../poller/monitor-memory.js';
import { writer } from './history-db.js';
import type { HistoryStore } from './history-types.js';

export type MonitorTables = Pick<HistoryStore, 'notifiedAmong' | 'markNotified' | 'held' | 'setHeld' | 'watermark' | 'setWatermark'>;

const isEvent = (v: unknown): v is ChangeEvent =>
  !!v && typeof v === 'object' && typeof (v as ChangeEvent).kind === 'string' && typeof (v as ChangeEvent).key === 'string';

function parseHeld(text: unknown): ChangeEvent[] {
  if (typeof text !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isEvent) : [];
  } catch {
    return [];
  }
}

export function monitorTables(db: Database): MonitorTables {
  const among = db.prepare('SELECT key FROM notified WHERE key IN (SELECT value FROM json_each(?))').pluck();
  const notify = db.prepare('INSERT INTO notified (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET at = excluded.at');
  const readHeld = db.prepare('SELECT events FROM held WHERE id = 1').pluck();
  const writeHeld = db.prepare('INSERT INTO held (id, events) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET events = excluded.events');
  const readWatermark = db.prepare('SELECT at FROM watermarks WHERE appliance_id = ?').pluck();
  const writeWatermark = db.prepare(
    'INSERT INTO watermarks (appliance_id, at) VALUES (?, ?) ON CONFLICT (appliance_id) DO UPDATE SET at = excluded.at',
  );
  const markNotified = writer(db, (keys: readonly string[], atIso: string) => {
    for (const key of keys) notify.run(key, atIso);
  });
  const setHeld = writer(db, (events: readonly ChangeEvent[]) => writeHeld.run(JSON.stringify(events)));
  const setWatermark = writer(db, (applianceId: string, atIso: string) => writeWatermark.run(applianceId, atIso));
  return {
    notifiedAmong: (keys) => new Set(keys.length === 0 ? [] : (among.all(JSON.stringify(keys)) as string[])),
    markNotified(keys, atIso) {
      if (keys.length > 0) markNotified(keys, atIso);
    },
    held: () => parseHeld(readHeld.get()),
    setHeld(events) {
      setHeld(events);
    },
    watermark(applianceId) {
      const at: unknown = readWatermark.get(applianceId);
      return typeof at === 'string' ? at : null;
    },
    setWatermark(applianceId, atIso) {
      setWatermark(applianceId, atIso);
    },
  };
}

/**
 * Copies monitor-state.json from `dir` into a new database's tables (inside the transaction that
 * creates it) and returns the file to rename once that transaction committed, or null.
 */
export function importMonitorState(db: Database, dir: string | null): string | null {
  if (dir === null) return null;
  const file = path.join(dir, MEMORY_FILE_NAME);
  if (!existsSync(file)) return null;
  const memory = readMonitorMemoryFile(dir);
  const tables = monitorTables(db);
  for (const [key, at] of Object.entries(memory.notified)) tables.markNotified([key], at);
  tables.setHeld(memory.held);
  for (const [applianceId, at] of Object.entries(memory.watermarks)) tables.setWatermark(applianceId, at);
  return file;
}

/** Keeps the imported file beside the database, renamed so that it is not imported again. */
export function setImportedAside(file: string): string {
  const target = `${file}.imported`;
  renameSync(file, target);
  return target;
}
