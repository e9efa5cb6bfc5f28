/**
 * What the monitor remembers across restarts, beside the configuration: which events were already
 * notified (so a restart never repeats one), events held during quiet hours, and each appliance's
 * last good poll (so failures that happened while the app was closed are still reported once).
 * A plain JSON file in the config folder; a damaged one is moved aside like the config.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChangeEvent } from '../common/snapshot.js';
import { moveAside, writeFileAtomic } from './config/safe-file.js';
import type { Logger } from './logger.js';

export interface MonitorMemoryData {
  /** Event key → ISO time it was notified. */
  readonly notified: Readonly<Record<string, string>>;
  readonly held: readonly ChangeEvent[];
  /** Appliance id → ISO time of its last good poll. */
  readonly watermarks: Readonly<Record<string, string>>;
}

export interface MonitorMemory {
  read(): MonitorMemoryData;
  update(fn: (data: MonitorMemoryData) => MonitorMemoryData): void;
}

const EMPTY: MonitorMemoryData = { notified: {}, held: [], watermarks: {} };
/** The ledger only needs to outlive the sessions an appliance still lists. */
const LEDGER_LIMIT = 20_000;
export const MEMORY_FILE_NAME = 'monitor-state.json';

function parse(text: string): MonitorMemoryData {
  const raw = JSON.parse(text) as Partial<MonitorMemoryData> | null;
  if (!raw || typeof raw !== 'object') throw new Error('not an object');
  const record = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {});
  return { notified: record(raw.notified), held: Array.isArray(raw.held) ? raw.held : [], watermarks: record(raw.watermarks) };
}

/** Keeps the newest `LEDGER_LIMIT` notified keys. */
export function pruneLedger(notified: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(notified);
  if (entries.length <= LEDGER_LIMIT) return { ...notified };
  entries.sort((a, b) => b[1].localeCompare(a[1]));
  return Object.fromEntries(entries.slice(0, LEDGER_LIMIT));
}

/** Opens the memory file in `dir` (created on first write). */
export function openMonitorMemory(dir: string, log: Logger): MonitorMemory {
  const file = path.join(dir, MEMORY_FILE_NAME);
  let data = EMPTY;
  if (existsSync(file)) {
    try {
      data = parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const aside = moveAside(file);
      log.warn(`The monitor state file was damaged (${(error as Error).message}); it was kept as ${aside} and Backwatch starts afresh.`);
    }
  }
  return {
    read: () => data,
    update(fn) {
      const next = fn(data);
      data = { ...next, notified: pruneLedger(next.notified) };
      writeFileAtomic(file, JSON.stringify(data));
    },
  };
}

/**
 * What the memory file holds, read without touching it (a damaged or missing file reads as empty):
 * the CLI starts from it, so a restart watermark applies, but never writes it, so a `status` run
 * from cron neither marks events as notified for the desktop app nor rewrites the file.
 */
export function readMonitorMemoryFile(dir: string): MonitorMemoryData {
  try {
    return parse(readFileSync(path.join(dir, MEMORY_FILE_NAME), 'utf8'));
  } catch {
    return EMPTY;
  }
}

/** An in-memory variant for tests and one-shot CLI commands. */
export function createMemoryMonitorMemory(initial: MonitorMemoryData = EMPTY): MonitorMemory {
  let data = initial;
  return {
    read: () => data,
    update(fn) {
      data = fn(data);
    },
  };
}
