/** What an acknowledgement did, said truthfully: a job still past its RPO stays at risk until a run succeeds. */
import { breachWords } from '../../src-main/common/problems.js';
import type { JobState } from '../../src-main/common/snapshot.js';

export function acknowledgedWords(
  job: Pick<JobState, 'protection' | 'lastSuccess' | 'rpoSec'> | undefined,
  how: string,
  now: number,
): string {
  const head = `Acknowledged ${how}: this job no longer turns Backwatch red`;
  if (job?.protection === 'at_risk') {
    return `${head} for this breach. It is still past its RPO (${breachWords(job, now)}) and shows as at risk until a run succeeds.`;
  }
  return `${head} until it fails again or misses its RPO.`;
}
