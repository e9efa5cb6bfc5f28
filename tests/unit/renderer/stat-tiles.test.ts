import { describe, expect, it } from 'vitest';
import { formatTickingDuration } from '../../../src-main/common/format.js';
import type { ResourceProgress } from '../../../src-main/common/model.js';
import { resourceLeadMs, runDurationMs } from '../../../src-main/common/time.js';
import { jobRowState } from '../../../src-renderer/lib/job-list.js';
import { jobTiles, sessionTiles } from '../../../src-renderer/lib/stat-tiles.js';
import { HOUR, MINUTE, T0, at, makeRunning, makeSession } from '../common/factories.js';
import { jobState } from './job-fixtures.js';

const view = (over: Omit<Parameters<typeof jobState>[0], 'jobId'>) => {
  const job = { ...jobState({ jobId: 'gold', ...over }), applianceName: 'SPP demo', vendor: 'spp' as const };
  return { job, state: jobRowState(job) };
};
const words = (tiles: ReturnType<typeof jobTiles>) => tiles.map((t) => [t.label, t.value, t.note]);

describe('a job’s tiles', () => {
  it('say its state in colour, its last success against its RPO, its next run and its success rate', () => {
    const row = view({
      lastSuccess: at(-31 * HOUR),
      protection: 'at_risk',
      nextRun: at(-5 * MINUTE),
      successRate: 0.9,
      lastOutcome: 'failed',
    });
    const tiles = jobTiles(row, T0);
    expect(words(tiles)).toEqual([
      ['State', 'Failed', ''],
      ['Last success', '31 h ago', 'RPO 26 h'],
      ['Next run', 'overdue 5 min', expect.any(String)],
      ['Success rate', '90%', 'of the last 30 runs'],
    ]);
    expect(tiles[0]!.token).toBe('--state-failed');
    expect(tiles[1]!.token).toBe('--state-at-risk');
  });

  it('say a running job runs now, and give a disabled job no RPO', () => {
    expect(jobTiles(view({ running: true, nextRun: at(-HOUR) }), T0)[2]).toMatchObject({ value: 'running now', note: '' });
    expect(jobTiles(view({ protection: 'disabled' }), T0)[1]!.note).toBe('');
    expect(jobTiles(view({ rpoSec: null }), T0)[1]!.note).toBe('no RPO');
    expect(jobTiles(view({ successRate: null }), T0)[3]).toMatchObject({ value: '—', note: 'no finished run yet' });
  });
});

const resource = (elapsedSec: number | null): ResourceProgress => ({
  resourceName: 'vm',
  type: null,
  status: 'running',
  vendorStatus: 'running',
  percent: 10,
  transferredText: null,
  throughputBytesPS: null,
  elapsedSec,
});

describe('a running session’s duration', () => {
  const running = makeRunning(-10 * MINUTE);

  it('ticks to the second from its start', () => {
    expect(formatTickingDuration(10 * MINUTE + 5_000)).toBe('10 min 05 s');
    expect(formatTickingDuration(HOUR + 5 * MINUTE + 12_000)).toBe('1 h 05 min 12 s');
    expect(formatTickingDuration(42_000)).toBe('42 s');
    expect(sessionTiles(running, 0, T0 + 1_000)[2]!.value).toBe('10 min 01 s');
  });

  it('is never behind what a resource has run, and still ticks', () => {
    const lead = resourceLeadMs(running, [resource(30), resource(12 * 60)], T0);
    expect(lead).toBe(2 * MINUTE);
    expect(runDurationMs(running, T0, lead)).toBe(12 * MINUTE);
    expect(sessionTiles(running, lead, T0 + 3_000)[2]!.value).toBe('12 min 03 s');
    // Resources behind the session's own clock lend it nothing.
    expect(resourceLeadMs(running, [resource(60), resource(null)], T0)).toBe(0);
  });

  it('of a finished session is what it took, whatever its resources say', () => {
    const done = makeSession({ start: at(-HOUR), end: at(-30 * MINUTE), durationMs: 30 * MINUTE });
    expect(resourceLeadMs(done, [resource(99 * 60)], T0)).toBe(0);
    expect(runDurationMs(done, T0, 5 * MINUTE)).toBe(30 * MINUTE);
    expect(sessionTiles(done, 0, T0)[2]!.value).toBe('30 min');
  });
});
