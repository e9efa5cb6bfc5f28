import { describe, expect, it } from 'vitest';
import type { ComplianceReport, JobComplianceView } from '../../../src-main/common/compliance-report.js';
import { compareShares, shareCell, sharesByJob } from '../../../src-renderer/lib/job-compliance.js';
import { EMPTY_JOB_FILTER, jobListItems, jobRows, selectJobs } from '../../../src-renderer/lib/job-list.js';
import { JobSharesStore } from '../../../src-renderer/lib/job-shares-store.svelte.js';
import { applianceView, jobState } from './job-fixtures.js';
import { fakeMain } from './fixtures.js';

const view = (applianceId: string, jobId: string, share: number | null): JobComplianceView => ({
  applianceId,
  applianceName: applianceId,
  jobId,
  jobName: jobId,
  share,
  countedMs: 100,
  protectedMs: 50,
  runs: 1,
  failedRuns: 0,
  longestGap: null,
  lastSuccess: null,
});

const fleet = () => [
  applianceView('a1', 'SPP prod', [
    jobState({ jobId: 'fail', jobName: 'SQL Logs', lastOutcome: 'failed', lastOutcomeSessionId: 'f1' }),
    jobState({ jobId: 'ok', jobName: 'Nightly VMs', lastOutcome: 'succeeded' }),
  ]),
  applianceView('a2', 'VB365', [
    jobState({ applianceId: 'a2', jobId: 'mail', jobName: 'Mailboxes', lastOutcome: 'succeeded' }),
    jobState({ applianceId: 'a2', jobId: 'new', jobName: 'OneDrive', lastOutcome: null, protection: 'new' }),
  ]),
];

describe('the Jobs view’s compliance column', () => {
  it('shows one decimal, never rounded up to a met 100 %, and the state colour only under the target', () => {
    expect(shareCell(1, null)).toMatchObject({ text: '100.0 %', tone: null });
    expect(shareCell(0.99, null)).toMatchObject({ text: '99.0 %', tone: null });
    expect(shareCell(0.9999, null)).toMatchObject({ text: '99.9 %', tone: null });
    expect(shareCell(0.984375, null)).toMatchObject({ text: '98.4 %', tone: 'warning' });
    expect(shareCell(0.5, null)).toMatchObject({ text: '50.0 %', tone: 'failed' });
    // The title carries the Reports view's figure, two decimals.
    expect(shareCell(0.984375, null).title).toBe('98.43 % of the last 30 days protected (RPO met; maintenance left out)');
  });

  it('shows a dash, quietly, with why: nothing judged, nothing stored, or compliance not read here', () => {
    const refused = 'Compliance reports are made on the Backwatch server this desktop reads, not here.';
    expect(shareCell(null, null)).toEqual({ text: '—', tone: null, title: 'No time of the last 30 days could be judged.' });
    expect(shareCell(undefined, null)).toEqual({ text: '—', tone: null, title: 'No run of this job is stored yet.' });
    expect(shareCell(0.5, refused)).toEqual({ text: '—', tone: null, title: refused });
  });

  it('sorts by compliance lowest first, jobs without a share last, equal shares worst state first', () => {
    const shares = sharesByJob([view('a1', 'ok', 0.97), view('a2', 'mail', 0.999), view('a1', 'fail', 0.999), view('a2', 'new', null)]);
    expect(compareShares(shares, 'a1/ok', 'a2/mail')).toBeLessThan(0);
    expect(compareShares(shares, 'a2/new', 'gone/job')).toBe(0);
    const rows = jobRows(fleet(), []);
    expect(selectJobs(rows, EMPTY_JOB_FILTER, 'compliance', shares).map((r) => r.key)).toEqual(['a1/ok', 'a1/fail', 'a2/mail', 'a2/new']);
    expect(selectJobs(rows, EMPTY_JOB_FILTER, 'name', shares).map((r) => r.job.jobName)).toEqual([
      'Mailboxes',
      'Nightly VMs',
      'OneDrive',
      'SQL Logs',
    ]);
    expect(selectJobs(rows, EMPTY_JOB_FILTER).map((r) => r.key)[0]).toBe('a1/fail');
  });

  it('heads a group with its worst state whatever the order of its rows', () => {
    const byName = selectJobs(jobRows(fleet(), []), EMPTY_JOB_FILTER, 'name');
    const headings = jobListItems(byName, true).flatMap((i) => (i.kind === 'group' ? [`${i.applianceName} ${i.worst}`] : []));
    expect(headings).toEqual(['SPP prod failed', 'VB365 ok']);
  });
});

describe('JobSharesStore', () => {
  const report = (jobs: JobComplianceView[]) => ({ ok: true, value: { jobs } as unknown as ComplianceReport });

  it('reads every job’s 30-day share in one request, again only after a minute or when the source changes', async () => {
    let nowMs = 0;
    const main = fakeMain({ 'reports:compliance': () => report([view('a1', 'ok', 0.97)]) });
    const store = new JobSharesStore(main.api, () => nowMs);
    await store.load('this desktop');
    expect(main.calls).toEqual([{ channel: 'reports:compliance', arg: { period: { lastDays: 30 }, machineRows: 0 } }]);
    expect(store.shares.get('a1/ok')).toBe(0.97);
    nowMs = 59_000;
    await store.load('this desktop');
    expect(main.calls).toHaveLength(1);
    await store.load('https://team.example');
    expect(main.calls).toHaveLength(2);
    nowMs = 120_000;
    await store.load('https://team.example');
    expect(main.calls).toHaveLength(3);
  });

  it('keeps a refusal as the reason the column is empty, not as an error', async () => {
    const message = 'Compliance reports are made on the Backwatch server this desktop reads, not here.';
    const main = fakeMain({ 'reports:compliance': () => ({ ok: false, message }) });
    const store = new JobSharesStore(main.api, () => 0);
    await store.load('https://team.example');
    expect(store.unavailable).toBe(message);
    expect(store.shares.size).toBe(0);
  });
});
