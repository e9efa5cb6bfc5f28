import { describe, expect, it } from 'vitest';
import type { ComplianceReport, JobComplianceView } from '../../../src-main/common/compliance-report.js';
import { complianceTone, gapText, historyReach, reportRows, shareText } from '../../../src-renderer/lib/report-view.js';
import { ReportsStore } from '../../../src-renderer/lib/reports-store.svelte.js';
import { fakeMain, flush } from './fixtures.js';

const job = (over: Partial<JobComplianceView>): JobComplianceView => ({
  applianceId: 'a1',
  applianceName: 'SPP prod',
  jobId: 'j1',
  jobName: 'SQL nightly',
  share: 0.5,
  countedMs: 100,
  protectedMs: 50,
  runs: 10,
  failedRuns: 3,
  longestGap: { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T06:00:00.000Z', unprotectedMs: 30 * 3_600_000 },
  lastSuccess: '2026-11-20T04:00:00.000Z',
  ...over,
});

describe('the Reports view', () => {
  it('colours a share by whether the RPO was met, slipping or missed, and a period with nothing judged apart', () => {
    expect([1, 0.99, 0.9899, 0.95, 0.9499, 0, null].map(complianceTone)).toEqual([
      'ok',
      'ok',
      'warning',
      'warning',
      'failed',
      'failed',
      'no-data',
    ]);
  });

  it('writes a share without rounding it up to a full 100 %', () => {
    expect(shareText(0.99999)).toBe('99.99 %');
    expect(shareText(null)).toBe('—');
  });

  it('gives the longest gap its length and its dates, and a dash without one', () => {
    const gap = gapText(job({}).longestGap);
    expect(gap.length).toBe('1 d 06 h');
    expect(gap.dates).toContain('–');
    expect(gapText(null)).toEqual({ length: '—', dates: '' });
  });

  it('keeps the report order (worst first) and keys a row by appliance and job, so same-named jobs stay apart', () => {
    const rows = reportRows([job({ share: 0.2 }), job({ applianceId: 'a2', share: 0.9, failedRuns: 0 })]);
    expect(rows.map((r) => [r.key, r.share, r.tone, r.failedRuns])).toEqual([
      ['a1/j1', '20.00 %', 'failed', 3],
      ['a2/j1', '90.00 %', 'failed', 0],
    ]);
    expect(reportRows([job({ lastSuccess: null })])[0]!.lastSuccess).toBe('—');
  });

  it('says how far back history reaches, or that none is stored', () => {
    expect(historyReach('2025-12-01')).toBe('history from 2025-12-01');
    expect(historyReach(null)).toBe('no history stored yet');
  });
});

describe('ReportsStore', () => {
  const reportFor = (scope: string) => ({ scope, jobs: [] }) as unknown as ComplianceReport;

  it('asks for the chosen period and scope, and shows only the newest answer', async () => {
    const answers: ((r: unknown) => void)[] = [];
    const main = fakeMain({ 'reports:compliance': () => new Promise((resolve) => answers.push(resolve)) });
    const store = new ReportsStore(main.api);
    const first = store.load();
    store.days = 365;
    store.applianceId = 'a2';
    const second = store.load();
    await flush();
    expect(main.calls.map((c) => c.arg)).toEqual([
      { period: { lastDays: 30 }, machineRows: 100 },
      { period: { lastDays: 365 }, applianceId: 'a2', machineRows: 100 },
    ]);
    answers[1]!({ ok: true, value: reportFor('newest') });
    await second;
    answers[0]!({ ok: true, value: reportFor('older') });
    await first;
    expect(store.report?.scope).toBe('newest');
  });

  it('says why a report or a CSV could not be made', async () => {
    const main = fakeMain({
      'reports:compliance': () => ({ ok: false, message: 'The history store is busy.' }),
      'reports:export': () => {
        throw new Error('Connection lost.');
      },
    });
    const store = new ReportsStore(main.api);
    await store.load();
    expect(store.error).toBe('The report could not be made: The history store is busy.');
    expect(await store.exportCsv()).toBe('Connection lost.');
    expect(main.calls.at(-1)!.arg).toEqual({ period: { lastDays: 30 }, format: 'csv' });
  });
});
