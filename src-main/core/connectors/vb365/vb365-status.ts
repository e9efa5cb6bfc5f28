/**
 * VB365 status words → the unified session status (issue 3). The only place that knows them.
 */
import type { LogLevel, SessionStatus } from '../../../common/model.js';
import { lookupWord } from '../../../common/read-fields.js';

/** Job session `status` words, lower-cased (VB365 writes `Success`, `NotConfigured`...). */
export const VB365_SESSION_STATUS: Readonly<Record<string, SessionStatus>> = {
  running: 'running',
  queued: 'queued',
  success: 'succeeded',
  warning: 'warning',
  failed: 'failed',
  stopped: 'canceled',
  // The proxy lost the session: nothing says it failed, but the admin must look.
  disconnected: 'warning',
  notconfigured: 'unknown',
};

/** Log item words (`[Warning] ...` titles in v5–v7, `type` in v8), lower-cased. */
export const VB365_LOG_LEVEL: Readonly<Record<string, LogLevel>> = {
  error: 'error',
  failed: 'error',
  warning: 'warning',
  info: 'info',
  information: 'info',
  success: 'info',
  running: 'info',
  // v8 documents Stop; older servers and titles write Stopped.
  stop: 'warning',
  stopped: 'warning',
  none: 'debug',
};

/** Maps a job session status word (case-insensitive); anything else is `unknown`. */
export function mapVb365Status(word: string): SessionStatus {
  return lookupWord(VB365_SESSION_STATUS, word, 'lower') ?? 'unknown';
}

/** Maps a log item word; null for a word not in the table (the caller decides the fallback). */
export function mapVb365LogLevel(word: string): LogLevel | null {
  return lookupWord(VB365_LOG_LEVEL, word, 'lower') ?? null;
}
