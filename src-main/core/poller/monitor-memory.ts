/**
 * The file in which earlier versions kept the monitor's memory (notified events, events held during
 * quiet hours, each appliance's last good poll). The history database imports it once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChangeEvent } from '../../common/snapshot.js';

export interface MonitorMemoryData {
  /** Event key → ISO time it was notified. */
  readonly notified: Readonly<Record<string, string>>;
  readonly held: readonly ChangeEvent[];
  /** Appliance id → ISO time of its last good poll. */
  readonly watermarks: Readonly<Record<string, string>>;
}

const EMPTY: MonitorMemoryData = { notified: {}, held: [], watermarks: {} };
export const MEMORY_FILE_NAME = 'monitor-state.json';

function parse(text: string): MonitorMemoryData {
  const raw = JSON.parse(text) as Partial<MonitorMemoryData> | null;
  if (!raw || typeof raw !== 'object') throw new Error('not an object');
  const record = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {});
  return { notified: record(raw.notified), held: Array.isArray(raw.held) ? raw.held : [], watermarks: record(raw.watermarks) };
}

/** What the file in `dir` holds; a damaged or missing file reads as empty. */
export function readMonitorMemoryFile(dir: string): MonitorMemoryData {
  try {
    return parse(readFileSync(path.join(dir, MEMORY_FILE_NAME), 'utf8'));
  } catch {
    return EMPTY;
  }
}
