import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../src-main/common/snapshot.js';
import { durationSeries, seriesSummary, transferSeries } from '../../../src-renderer/lib/job-charts.js';
import { fleetLead, problemJobs } from '../../../src-renderer/lib/fleet-jobs.js';
import { EMPTY_JOB_FILTER, jobListItems, jobRows, jobRowState, selectJobs } from '../../../src-renderer/lib/job-list.js';
import { applianceView, jobState, snapshotOf } from './job-fixtures.js';
import { session } from './fixtures.js';

const NOW = Date.parse('2025-01-02T12:00:00.000Z');

const fleet = () => [
  applianceView('a1', 'SPP prod', [
    jobState({ jobId: 'ok', jobName: 'Nightly VMs', lastOutcome: 'succeeded' }),
    jobState({ jobId: 'fail', jobName: 'SQL Logs', lastOutcome: 'failed', lastOutcomeSessionId: 'f1' }),
    jobState({ jobId: 'off', jobName: 'Archive', protection: 'disabled' }),
  ]),
  applianceView('a2', 'VB365', [
    jobState({ applianceId: 'a2', jobId: 'risk', jobName: 'Mailboxes', lastOutcome: 'succeeded', protection: 'at_risk', rpoSec: 3600 }),
    jobState({ applianceId: 'a2', jobId: 'run', jobName: 'Teams', lastOutcome: 'succeeded', running: true }),
    jobState({ applianceId: 'a2', jobId: 'warn', jobName: 'SharePoint', lastOutcome: 'warning' }),
    jobState({ applianceId: 'a2', jobId: 'new', jobName: 'OneDrive', lastOutcome: null, protection: 'new' }),
  ]),
];

describe('job rows', () => {
  it('name each state as the tray weighs it; an acknowledged failure is no longer failed', () => {
    expect(jobRowState({ ...jobState({ jobId: 'x', lastOutcome: 'failed' }), applianceName: 'x', vendor: 'spp' })).toBe('failed');
    expect(jobRowState({ ...jobState({ jobId: 'x', lastOutcome: 'failed', acknowledged: true }), applianceName: 'x', vendor: 'spp' })).toBe(
      'ok',
    );
  });

  it('sort worst first across appliances: failed, at risk, warning, running, ok, no run yet, disabled', () => {
    const rows = selectJobs(jobRows(fleet(), []), EMPTY_JOB_FILTER);
    expect(rows.map((r) => r.job.jobName)).toEqual(['SQL Logs', 'Mailboxes', 'SharePoint', 'Teams', 'Nightly VMs', 'OneDrive', 'Archive']);
    expect(rows.map((r) => r.job.applianceName)).toEqual(['SPP prod', 'VB365', 'VB365', 'VB365', 'SPP prod', 'VB365', 'SPP prod']);
  });

  it('filter by state and by job or appliance name or kind, case-insensitively', () => {
    const rows = jobRows(fleet(), []);
    const copy = jobRows(
      [applianceView('a3', 'VBR', [jobState({ applianceId: 'a3', jobId: 'copy', jobName: 'Offsite', kind: 'Backup copy' })])],
      [],
    );
    expect(selectJobs([...rows, ...copy], { states: [], text: 'COPY' }).map((r) => r.key)).toEqual(['a3/copy']);
    expect(selectJobs(rows, { states: ['failed', 'at_risk'], text: '' }).map((r) => r.key)).toEqual(['a1/fail', 'a2/risk']);
    expect(selectJobs(rows, { states: [], text: 'sql' }).map((r) => r.key)).toEqual(['a1/fail']);
    expect(selectJobs(rows, { states: ['ok'], text: 'spp PROD' }).map((r) => r.key)).toEqual(['a1/ok']);
  });

  it('keep each job’s newest 30 sessions oldest first, and the one running', () => {
    const sessions = Array.from({ length: 35 }, (_, i) =>
      session({ id: `s${i}`, jobId: 'run', applianceId: 'a2', start: new Date(NOW - (35 - i) * 3_600_000).toISOString() }),
    );
    const live = session({ id: 'live', jobId: 'run', applianceId: 'a2', status: 'running', start: new Date(NOW).toISOString(), end: null });
    const row = jobRows(fleet(), [live, ...sessions.reverse()]).find((r) => r.key === 'a2/run')!;
    expect(row.recent).toHaveLength(30);
    expect(row.recent[0]!.id).toBe('s6');
    expect(row.running?.id).toBe('live');
    expect(jobRows(fleet(), sessions).find((r) => r.key === 'a1/ok')!.recent).toEqual([]);
  });

  it('group under their appliance, worst appliance first, and a collapsed group keeps its heading only', () => {
    const sorted = selectJobs(jobRows(fleet(), []), EMPTY_JOB_FILTER);
    const items = jobListItems(sorted, true);
    expect(items.map((i) => (i.kind === 'group' ? `# ${i.applianceName} ${i.count} ${i.worst}` : i.row.job.jobName))).toEqual([
      '# SPP prod 3 failed',
      'SQL Logs',
      'Nightly VMs',
      'Archive',
      '# VB365 4 at_risk',
      'Mailboxes',
      'SharePoint',
      'Teams',
      'OneDrive',
    ]);
    expect(jobListItems(sorted, true, new Set(['a1'])).map((i) => i.key)).toEqual([
      'group:a1',
      'group:a2',
      'a2/risk',
      'a2/warn',
      'a2/run',
      'a2/new',
    ]);
    expect(jobListItems(sorted, false)).toHaveLength(7);
  });
});

describe('the overview’s words for jobs', () => {
  it('lead with the fleet’s protection, every job counted once, leaving out zero counts', () => {
    const appliances = fleet();
    expect(fleetLead(snapshotOf(appliances, { failedJobs: 1, atRiskJobs: 1 }))).toBe(
      '7 jobs: 4 protected · 1 at risk · 1 without a run yet · 1 disabled · 1 failed · 1 running',
    );
    const quiet = [applianceView('a1', 'SPP prod', [jobState({ jobId: 'ok', lastOutcome: 'succeeded' })])];
    expect(fleetLead(snapshotOf(quiet, {}))).toBe('1 job: 1 protected');
    expect(fleetLead(snapshotOf([], {}))).toBe('No jobs yet');
  });

  it('list an appliance’s failed, at-risk and warned jobs by name with their age, then “N more”', () => {
    const [spp, vb] = fleet();
    const ended = (id: string) => (id === 'f1' ? new Date(NOW - 3 * 3_600_000).toISOString() : null);
    expect(problemJobs(spp!, ended, NOW).shown).toEqual([{ jobId: 'fail', jobName: 'SQL Logs', kind: 'failed', words: 'failed 3 h ago' }]);
    const both: JobState = jobState({
      jobId: 'both',
      jobName: 'Both',
      lastOutcome: 'failed',
      protection: 'at_risk',
      lastSuccess: null,
      rpoSec: 3600,
    });
    const listed = problemJobs({ ...vb!, jobs: [...vb!.jobs, both] }, () => null, NOW, 2);
    expect(listed.shown.map((p) => [p.jobName, p.kind, p.words])).toEqual([
      ['Both', 'failed', 'last run failed; never succeeded, RPO 1 h'],
      ['Mailboxes', 'at_risk', 'last success 26 h ago, RPO 1 h'],
    ]);
    expect(listed.more).toBe(1);
  });
});

describe('job charts', () => {
  const runs = [
    session({ id: 'b', start: '2025-01-01T12:00:00.000Z', durationMs: 120_000, transferredBytes: 2_000 }),
    session({ id: 'a', start: '2025-01-01T10:00:00.000Z', durationMs: 60_000, transferredBytes: 1_000 }),
    session({ id: 'r', status: 'running', start: '2025-01-01T13:00:00.000Z', end: null, durationMs: null }),
  ];

  it('plot finished runs by start, and transferred data only where the vendor reports sizes', () => {
    expect(durationSeries(runs)).toEqual({ xs: [Date.parse(runs[1]!.start!) / 1000, Date.parse(runs[0]!.start!) / 1000], ys: [60, 120] });
    expect(transferSeries(runs)?.ys).toEqual([1_000, 2_000]);
    expect(transferSeries([session({ id: 'x' })])).toBeNull();
    expect(seriesSummary(durationSeries(runs), (v) => `${v} s`)).toBe('2 runs; latest 120 s, median 90 s, highest 120 s');
  });
});
