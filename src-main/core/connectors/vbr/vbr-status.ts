/**
 * Veeam Backup & Replication words → the unified session status and log levels. The only place
 * that knows them. Every word is compared case-insensitively: REST API 1.3-rev1 changed the casing
 * of its enums, and servers in the field write both.
 */
import type { LogLevel, SessionStatus } from '../../../common/model.js';
import { lookupWord } from '../../../common/read-fields.js';

/** Session `state` words of a session that has not stopped, lower-cased. */
export const VBR_ACTIVE_STATE: Readonly<Record<string, SessionStatus>> = {
  working: 'running',
  stopping: 'running',
  pausing: 'running',
  resuming: 'running',
  postprocessing: 'running',
  starting: 'queued',
  // A backup copy job waiting for new restore points to copy.
  idle: 'queued',
  waitingtape: 'queued',
  waitingrepository: 'queued',
  waitingslot: 'queued',
};

/**
 * The `state` a sessions query filters running sessions by, in the API's own casing (the filter
 * compares as the server does); sessions in the other active states are read by id (the poller asks).
 */
export const VBR_RUNNING_STATE = 'Working';

/**
 * State words of a session that waits for a person to act. 1.3-rev2 documents `ActionRequired`;
 * without its document the word is taken at its meaning: a warning, so that someone looks.
 */
const VBR_ATTENTION_STATES: ReadonlySet<string> = new Set(['actionrequired']);

/** Whether a session in this `state` waits for someone to act on the server. */
export const needsVbrAttention = (state: string): boolean => VBR_ATTENTION_STATES.has(state.trim().toLowerCase());

/** `result.result` words of a stopped session, lower-cased (`None` depends on `isCanceled`). */
export const VBR_RESULT: Readonly<Record<string, SessionStatus>> = {
  success: 'succeeded',
  warning: 'warning',
  failed: 'failed',
};

/** Session log record `status` words (their own set: Succeeded, not Success), lower-cased. */
export const VBR_LOG_LEVEL: Readonly<Record<string, LogLevel>> = {
  succeeded: 'info',
  success: 'info',
  none: 'info',
  warning: 'warning',
  failed: 'error',
};

/** What a session's `state` and `result` say. */
export interface VbrSessionWords {
  readonly state: string;
  readonly result: string | null;
  readonly isCanceled: boolean | null;
}

/**
 * `Working`, `Starting`, `Waiting*`... → running or queued; `ActionRequired` → warning; `Stopped` →
 * the result word (`None` with `isCanceled` → canceled); any other word → unknown (the caller keeps it).
 */
export function mapVbrStatus(words: VbrSessionWords): SessionStatus {
  if (needsVbrAttention(words.state)) return 'warning';
  const active = lookupWord(VBR_ACTIVE_STATE, words.state, 'lower');
  if (active) return active;
  if (words.state.trim().toLowerCase() !== 'stopped') return 'unknown';
  const result = words.result ?? '';
  if (result.trim().toLowerCase() === 'none') return words.isCanceled === true ? 'canceled' : 'unknown';
  return lookupWord(VBR_RESULT, result, 'lower') ?? 'unknown';
}

/** Maps a log record word; null for a word not in the table (the caller decides the fallback). */
export function mapVbrLogLevel(word: string): LogLevel | null {
  return lookupWord(VBR_LOG_LEVEL, word, 'lower') ?? null;
}

/** Job `status` (running, inactive, disabled; PascalCase from 1.3-rev1): whether the job is disabled. */
export function isVbrJobDisabled(word: string): boolean {
  return word.trim().toLowerCase() === 'disabled';
}
