import { describe, expect, it } from 'vitest';
import { fleetLead } from '../../../src-renderer/lib/fleet-jobs.js';
import { fleetCounts, problemTarget } from '../../../src-renderer/lib/fleet-summary.js';
import type { ProblemView } from '../../../src-main/common/snapshot.js';
import { applianceView, jobState, snapshotOf } from './job-fixtures.js';

const SINCE = '2025-01-01T06:00:00.000Z';
const fleet = () => [
  applianceView('a1', 'SPP prod', [
    jobState({ jobId: 'ok' }),
    jobState({ jobId: 'late', protection: 'at_risk', breachAcknowledged: true, atRiskSince: SINCE }),
    jobState({ jobId: 'off', protection: 'disabled' }),
    jobState({ jobId: 'off2', protection: 'disabled' }),
  ]),
];

describe('the fleet summary', () => {
  it('counts an acknowledged breach as at risk, so protection, risk and disabled add up to every job', () => {
    const snapshot = snapshotOf(fleet(), { atRiskJobs: 0 });
    const counts = fleetCounts(snapshot);
    expect(counts.protected + counts.atRisk + counts.disabled + counts.new).toBe(counts.jobs);
    expect(counts).toMatchObject({ jobs: 4, protected: 1, atRisk: 1, acknowledged: 1, disabled: 2 });
    expect(fleetLead(snapshot)).toBe('4 jobs: 1 protected · 1 at risk (1 acknowledged) · 2 disabled');
  });

  it('leads every problem row somewhere: its session, the job at risk, or the appliance', () => {
    const appliances = fleet();
    const problem = (over: Partial<ProblemView>): ProblemView => ({
      applianceId: 'a1',
      applianceName: 'SPP prod',
      sessionId: null,
      title: 'x',
      at: null,
      severity: 'failed',
      ...over,
    });
    expect(problemTarget(problem({ sessionId: 's1' }), appliances)).toEqual({ kind: 'session', applianceId: 'a1', sessionId: 's1' });
    expect(problemTarget(problem({ severity: 'at_risk', at: SINCE }), appliances)).toEqual({
      kind: 'job',
      applianceId: 'a1',
      jobId: 'late',
    });
    expect(problemTarget(problem({ severity: 'appliance_problem' }), appliances)).toEqual({ kind: 'appliance', applianceId: 'a1' });
  });
});
