/** How much each status weighs in the one overall status the tray shows. Pure. */
import type { SessionStatus } from './model.js';
import { OVERALL_STATUSES } from './snapshot.js';
import type { OverallStatus } from './snapshot.js';

/** How much a session in each status weighs in the overall status. */
export const SESSION_STATUS_SEVERITY: Readonly<Record<SessionStatus, OverallStatus>> = {
  queued: 'running',
  paused: 'running',
  running: 'running',
  succeeded: 'ok',
  warning: 'warning',
  failed: 'failed',
  // A canceled run or an unrecognised vendor word means no confirmed backup: worth a look, not red.
  canceled: 'warning',
  unknown: 'warning',
};

/** Rank of an overall status: 0 is the worst (failed), higher is better. */
export function severityRank(status: OverallStatus): number {
  return OVERALL_STATUSES.indexOf(status);
}

/** The worst of some statuses; `no_data` when there are none. */
export function worstOf(statuses: Iterable<OverallStatus>): OverallStatus {
  let worst: OverallStatus = 'no_data';
  for (const s of statuses) if (severityRank(s) < severityRank(worst)) worst = s;
  return worst;
}
