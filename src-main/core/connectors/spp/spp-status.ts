/**
 * SPP status words → the unified session status (issue 2, section 2). The only place that knows them.
 */
import type { LogLevel, SessionStatus } from '../../../common/model.js';
import { lookupWord } from '../../../common/read-fields.js';

/** Job session `status` words (`/api/endeavour/jobsession`, `lastSessionStatus`, `lastrun.status`). */
export const SPP_SESSION_STATUS: Readonly<Record<string, SessionStatus>> = {
  RUNNING: 'running',
  PENDING: 'queued',
  HELD: 'queued',
  WAITING: 'queued',
  PAUSING: 'paused',
  PAUSED: 'paused',
  SUSPENDING: 'paused',
  SUSPENDED: 'paused',
  STOPPING: 'canceled',
  STOPPED: 'canceled',
  CANCELING: 'canceled',
  CANCELED: 'canceled',
  COMPLETED: 'succeeded',
  PARTIAL: 'warning',
  FAILED: 'failed',
};

/** `/api/progress` `summaryStatus` words. */
export const SPP_SUMMARY_STATUS: Readonly<Record<string, SessionStatus>> = {
  complete: 'succeeded',
  partial: 'warning',
  skipped: 'canceled',
  failed: 'failed',
  running: 'running',
  pending: 'queued',
};

/** `/api/endeavour/log/job` entry `type` words. */
export const SPP_LOG_LEVEL: Readonly<Record<string, LogLevel>> = {
  ERROR: 'error',
  WARN: 'warning',
  INFO: 'info',
  SUMMARY: 'info',
  DETAIL: 'debug',
  DEBUG: 'debug',
};

/** Session words that mean "not ended yet": what the connector's active-session filter asks for. */
export const SPP_ACTIVE_WORDS: readonly string[] = Object.entries(SPP_SESSION_STATUS)
  .filter(([, s]) => s === 'queued' || s === 'running' || s === 'paused')
  .map(([word]) => word)
  // STOPPING and CANCELING have not ended either, though they map to canceled.
  .concat(['STOPPING', 'CANCELING']);

/** Maps a session status word (case-insensitive); anything else is `unknown`. */
export function mapSppStatus(word: string): SessionStatus {
  return lookupWord(SPP_SESSION_STATUS, word, 'upper') ?? 'unknown';
}

/** Maps a progress `summaryStatus` word (case-insensitive); anything else is `unknown`. */
export function mapSppSummaryStatus(word: string): SessionStatus {
  return lookupWord(SPP_SUMMARY_STATUS, word, 'lower') ?? 'unknown';
}

/** Maps a log entry type; null for a word not in the table (the caller decides the fallback). */
export function mapSppLogLevel(word: string): LogLevel | null {
  return lookupWord(SPP_LOG_LEVEL, word, 'upper') ?? null;
}
