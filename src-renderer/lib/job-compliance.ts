/**
 * The Jobs view's compliance column: each job's share of the last 30 days protected, taken from the
 * same report the Reports view shows, and the order it sorts the list in. Pure.
 */
import { NO_VALUE } from '../../src-main/common/format.js';
import { jobKey } from '../../src-main/common/snapshot.js';
import { percentText, type JobComplianceView } from '../../src-main/common/compliance-report.js';
import { complianceTone, shareText } from './report-view.js';

/** The period the column covers: the month an admin is asked about. */
export const COLUMN_DAYS = 30;

/** Each job's share of protected time by `jobKey` (null: no time of it could be judged). */
export type JobShares = ReadonlyMap<string, number | null>;

export const NO_SHARES: JobShares = new Map();

export function sharesByJob(jobs: readonly JobComplianceView[]): JobShares {
  return new Map(jobs.map((job) => [jobKey(job.applianceId, job.jobId), job.share]));
}

export interface ShareCell {
  readonly text: string;
  /** The state colour, only when the share is under the target; null keeps the cell quiet. */
  readonly tone: 'warning' | 'failed' | null;
  /** The share as the Reports view gives it (two decimals), what it means, or why there is none. */
  readonly title: string;
}

/** The Reports view's two decimals less the last, so never rounded up: 99.96 % shows as 99.9 %, not as 100.0 %. */
function oneDecimal(share: number): string {
  return `${percentText(share)!.slice(0, -1)} %`;
}

/**
 * A job's cell. `share` is undefined while the report is not read (or lists no such job);
 * `unavailable` is main's reason when it reads no compliance here (a team server's desktop).
 */
export function shareCell(share: number | null | undefined, unavailable: string | null): ShareCell {
  if (unavailable !== null) return { text: NO_VALUE, tone: null, title: unavailable };
  if (share === undefined) return { text: NO_VALUE, tone: null, title: 'No run of this job is stored yet.' };
  if (share === null) return { text: NO_VALUE, tone: null, title: `No time of the last ${COLUMN_DAYS} days could be judged.` };
  const tone = complianceTone(share);
  return {
    text: oneDecimal(share),
    tone: tone === 'warning' || tone === 'failed' ? tone : null,
    title: `${shareText(share)} of the last ${COLUMN_DAYS} days protected (RPO met; maintenance left out)`,
  };
}

/** Lowest share first, jobs without one last: compares two jobs by `jobKey`. */
export function compareShares(shares: JobShares, a: string, b: string): number {
  const ra = shares.get(a) ?? Number.POSITIVE_INFINITY;
  const rb = shares.get(b) ?? Number.POSITIVE_INFINITY;
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}
