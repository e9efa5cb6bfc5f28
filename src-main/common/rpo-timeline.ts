/**
 * The RPO settings over time: each time the default RPO or a job's override changed, the history
 * store keeps the settings from then on, so compliance judges every moment by the RPO in force at
 * that moment rather than by today's. Pure; the records are passed in.
 */
import type { RpoSpan } from './compliance.js';
import type { KnownJob } from './job-history.js';
import type { Appliance } from './model.js';
import { rpoSecOf } from './protection.js';
import type { Settings } from './settings.js';

/** The RPO settings in force from `atMs` until the next record. */
export interface RpoRecord {
  readonly atMs: number;
  readonly rpoSec: Settings['rpoSec'];
  readonly jobRpo: Settings['jobRpo'];
}

/** Whether two records set the same RPOs (so the later one changes nothing). */
export function sameRpo(a: Pick<RpoRecord, 'rpoSec' | 'jobRpo'>, b: Pick<RpoRecord, 'rpoSec' | 'jobRpo'>): boolean {
  if (a.rpoSec !== b.rpoSec) return false;
  const keys = Object.keys(a.jobRpo);
  return keys.length === Object.keys(b.jobRpo).length && keys.every((key) => b.jobRpo[key]?.rpoSec === a.jobRpo[key]?.rpoSec);
}

/**
 * The RPO of one job over time, oldest first. The oldest record is taken to hold since always (what
 * was set before Backwatch kept records is not known); with no record at all, `current` holds.
 * Spans where the job's RPO did not change are one span.
 */
export function rpoTimeline(
  records: readonly RpoRecord[],
  current: Pick<Settings, 'rpoSec' | 'jobRpo'>,
  appliance: Pick<Appliance, 'id' | 'vendor'>,
  job: Pick<KnownJob, 'id' | 'type'>,
): RpoSpan[] {
  const spans: RpoSpan[] = [];
  const ordered: readonly Pick<RpoRecord, 'atMs' | 'rpoSec' | 'jobRpo'>[] =
    records.length > 0 ? records : [{ atMs: Number.NEGATIVE_INFINITY, rpoSec: current.rpoSec, jobRpo: current.jobRpo }];
  ordered.forEach((record, index) => {
    const rpoSec = rpoSecOf(record, appliance, job);
    if (spans.at(-1)?.rpoSec === rpoSec) return;
    spans.push({ fromMs: index === 0 ? Number.NEGATIVE_INFINITY : record.atMs, rpoSec });
  });
  return spans;
}

/** The streak split a ledger needs to answer every span exactly: the shortest RPO, 0 where there is none. */
export function ledgerSplitMs(spans: readonly RpoSpan[]): number {
  let shortest = Number.POSITIVE_INFINITY;
  for (const span of spans) if (span.rpoSec !== null && span.rpoSec > 0) shortest = Math.min(shortest, span.rpoSec);
  return Number.isFinite(shortest) ? shortest * 1000 : 0;
}
