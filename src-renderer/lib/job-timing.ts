/**
 * A job's times and RPO as its row and page say them: the next run never in the past, and the
 * RPO only where it tells something (not for a disabled job, not when it is the usual one).
 */
import type { JobView } from '../../src-main/common/ipc-contract.js';
import { formatRpo } from '../../src-main/common/duration.js';
import { coarseDistance, formatRelative, NO_VALUE } from '../../src-main/common/format.js';
import { toMs } from '../../src-main/common/time.js';
import type { JobRow } from './job-list.js';

/** "running now", "overdue 5 min", "in 3 h", or a dash when the vendor gives no schedule. */
export function nextRunWords(job: Pick<JobView, 'nextRun' | 'running'>, now: number): string {
  if (job.running) return 'running now';
  const at = toMs(job.nextRun);
  if (at === null) return NO_VALUE;
  return at < now ? `overdue ${coarseDistance(now - at)}` : formatRelative(job.nextRun, now);
}

/** The RPO most enabled jobs have (the earliest set on a tie): the list names it once. */
export function usualRpo(rows: readonly JobRow[]): number | null {
  const counts = new Map<number, number>();
  for (const { job, state } of rows) {
    if (state !== 'disabled' && job.rpoSec !== null) counts.set(job.rpoSec, (counts.get(job.rpoSec) ?? 0) + 1);
  }
  let usual: number | null = null;
  for (const [rpo, count] of counts) if (usual === null || count > (counts.get(usual) ?? 0)) usual = rpo;
  return usual;
}

/** "RPO 1 h" where a job's RPO differs from the usual one; null for a disabled job or an RPO that is off. */
export function rpoNote(row: Pick<JobRow, 'job' | 'state'>, usual: number | null): string | null {
  if (row.state === 'disabled' || row.job.rpoSec === null || row.job.rpoSec === usual) return null;
  return `RPO ${formatRpo(row.job.rpoSec)}`;
}
