/** Job states, appliance views and snapshots for the Jobs view's unit tests. */
import type { ApplianceView, JobState, StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { countProtection } from '../../../src-main/common/status-rules.js';
import { makeJobState } from '../common/factories.js';

/** A job's state: protected, last succeeded, on appliance a1 unless told otherwise. */
export const jobState = makeJobState;

export function applianceView(id: string, name: string, jobs: readonly JobState[]): ApplianceView {
  const none = { queued: 0, paused: 0, running: 0, succeeded: 0, warning: 0, failed: 0, canceled: 0, unknown: 0 };
  return {
    id,
    name,
    vendor: 'spp',
    baseUrl: `https://${id}.invalid`,
    username: 'admin',
    credential: { kind: 'keychain' },
    hasSecret: true,
    certificateFingerprint: null,
    options: {},
    enabled: true,
    health: { state: 'ok', message: '', lastGoodPoll: null, lastPoll: null },
    status: 'ok',
    jobCounts: none,
    protectionCounts: countProtection(jobs),
    jobs,
    jobsOmitted: 0,
    runningSessionIds: [],
    missedRuns: [],
  };
}

export function snapshotOf(appliances: readonly ApplianceView[], over: Partial<StatusSnapshot>): StatusSnapshot {
  return {
    at: '2025-01-02T12:00:00.000Z',
    overall: 'ok',
    failedJobs: 0,
    atRiskJobs: 0,
    jobsNeedingAttention: 0,
    appliances,
    problems: [],
    lastPoll: null,
    notificationsPausedUntil: null,
    setAsideAppliances: [],
    ...over,
  };
}
