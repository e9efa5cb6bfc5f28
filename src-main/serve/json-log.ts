/** Serve mode's log: one JSON object per line on stdout, for journald, Docker and log shippers. */
import { createLogger, type LogLine, type Logger } from '../core/logger.js';

export interface JsonLogOptions {
  readonly write: (line: string) => void;
  readonly now: () => number;
  /** Debug lines are dropped unless asked for. */
  readonly verbose?: boolean;
}

/** The JSON text of one log line: `time`, `level`, `msg`, then the line's own fields. */
export function jsonLogLine(line: LogLine, at: number): string {
  return JSON.stringify({ time: new Date(at).toISOString(), level: line.level, msg: line.message, ...line.fields });
}

export function createJsonLogger(options: JsonLogOptions): Logger {
  return createLogger((line) => {
    if (line.level === 'debug' && !options.verbose) return;
    options.write(jsonLogLine(line, options.now()));
  });
}
