/**
 * The app's log file, for when an admin needs to know what happened overnight: one line per
 * event, `logs/backwatch.log` in the config folder, rotated at a size cap (one previous file kept).
 * Appliance answers are logged as short excerpts and passwords never reach a logger at all.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LogLine } from './logger.js';

export interface FileLogOptions {
  readonly dir: string;
  /** Rotate when the file grows past this many bytes (default 2 MiB). */
  readonly maxBytes?: number;
  readonly now?: () => Date;
}

export const LOG_FILE_NAME = 'backwatch.log';

/** A sink for `createLogger` that appends to the log file; a failing disk never breaks the app. */
export function fileLogSink(options: FileLogOptions): (line: LogLine) => void {
  const file = path.join(options.dir, LOG_FILE_NAME);
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const now = options.now ?? (() => new Date());
  let size = existsSync(file) ? statSync(file).size : 0;
  let broken = false;
  return (line) => {
    if (broken) return;
    const fields = line.fields ? ` ${JSON.stringify(line.fields)}` : '';
    // One event, one line: a message's own line breaks (a notification's body) are folded.
    const message = line.message.trim().replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
    const text = `${now().toISOString()} ${line.level.toUpperCase().padEnd(5)} ${message}${fields}\n`;
    try {
      if (size + text.length > maxBytes && size > 0) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      appendFileSync(file, text, { mode: 0o600 });
      size += Buffer.byteLength(text);
    } catch {
      // A full or read-only disk must not stop the monitoring: stop logging instead.
      broken = true;
    }
  };
}
