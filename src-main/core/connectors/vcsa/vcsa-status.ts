/**
 * vCenter appliance backup status words → the unified session status (issue 3). The only place
 * that knows them.
 */
import type { SessionStatus } from '../../../common/model.js';
import { lookupWord } from '../../../common/read-fields.js';

/**
 * One table for both word sets: `status` of `.../backup/job/details` (PENDING, BLOCKED, RUNNING,
 * SUCCEEDED, FAILED) and `state` of `.../backup/job/{id}` (INPROGRESS, NONE, SUCCEEDED, FAILED).
 * The sets do not clash, so one lookup serves both answers.
 */
export const VCSA_STATUS: Readonly<Record<string, SessionStatus>> = {
  PENDING: 'queued',
  BLOCKED: 'queued',
  RUNNING: 'running',
  INPROGRESS: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  // `/job/{id}` says NONE for a backup "not started" yet (VMware's bindings): it waits.
  NONE: 'queued',
};

/** Whether the word is one of the documented ones (NONE included). */
export function isKnownVcsaWord(word: string): boolean {
  return lookupWord(VCSA_STATUS, word, 'upper') !== undefined;
}

/** Maps a status or state word (case-insensitive); anything else is `unknown`. */
export function mapVcsaStatus(word: string): SessionStatus {
  return lookupWord(VCSA_STATUS, word, 'upper') ?? 'unknown';
}
