import { describe, expect, it } from 'vitest';
import { jobRows } from '../../../src-renderer/lib/job-list.js';
import { nextRunWords, rpoNote, usualRpo } from '../../../src-renderer/lib/job-timing.js';
import { applianceView, jobState } from './job-fixtures.js';

const NOW = Date.parse('2025-01-02T12:00:00.000Z');
const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const MIN = 60_000;

describe('next run', () => {
  it('is never in the past: a job running says so, a schedule that passed is overdue', () => {
    expect(nextRunWords({ running: true, nextRun: iso(-5 * MIN) }, NOW)).toBe('running now');
    expect(nextRunWords({ running: false, nextRun: iso(-5 * MIN) }, NOW)).toBe('overdue 5 min');
    expect(nextRunWords({ running: false, nextRun: iso(-30_000) }, NOW)).toBe('overdue 30 s');
    expect(nextRunWords({ running: false, nextRun: iso(3 * 60 * MIN) }, NOW)).toBe('in 3 h');
    expect(nextRunWords({ running: false, nextRun: null }, NOW)).toBe('—');
  });
});

describe('RPO in the rows', () => {
  const rows = jobRows(
    [
      applianceView('a1', 'SPP prod', [
        jobState({ jobId: 'a', rpoSec: 93_600 }),
        jobState({ jobId: 'b', rpoSec: 93_600 }),
        jobState({ jobId: 'logs', rpoSec: 3_600 }),
        jobState({ jobId: 'off', rpoSec: 3_600, protection: 'disabled' }),
        jobState({ jobId: 'off2', rpoSec: 3_600, protection: 'disabled' }),
        jobState({ jobId: 'none', rpoSec: null }),
      ]),
    ],
    [],
  );
  const row = (jobId: string) => rows.find((r) => r.job.jobId === jobId)!;

  it('names the usual RPO of enabled jobs once, and a job’s own only where it differs', () => {
    const usual = usualRpo(rows);
    expect(usual).toBe(93_600);
    expect(rpoNote(row('a'), usual)).toBeNull();
    expect(rpoNote(row('logs'), usual)).toBe('RPO 1 h');
    expect(rpoNote(row('none'), usual)).toBeNull();
  });

  it('shows no RPO for a disabled job', () => {
    expect(rpoNote(row('off'), usualRpo(rows))).toBeNull();
    expect(rpoNote(row('off'), null)).toBeNull();
  });
});
