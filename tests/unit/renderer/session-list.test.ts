import { describe, expect, it } from 'vitest';
import { applySessionsDelta, EMPTY_FILTER, jobOptions, matchesFilter, selectSessions } from '../../../src-renderer/lib/session-list.js';
import { sessionKey } from '../../../src-main/common/snapshot.js';
import { session } from './fixtures.js';

const NOW = Date.parse('2025-01-01T12:00:00.000Z');

describe('matchesFilter', () => {
  const s = session({ id: '1', jobName: 'Oracle Daily', message: 'Snapshot creation timed out', status: 'failed' });

  it('matches free text case-insensitively in job name and message', () => {
    expect(matchesFilter(s, { ...EMPTY_FILTER, text: 'oracle' })).toBe(true);
    expect(matchesFilter(s, { ...EMPTY_FILTER, text: '  TIMED OUT ' })).toBe(true);
    expect(matchesFilter(s, { ...EMPTY_FILTER, text: 'sql' })).toBe(false);
  });

  it('combines appliance, status and job', () => {
    expect(matchesFilter(s, { ...EMPTY_FILTER, applianceId: 'a1', statuses: ['failed'], job: 'a1/j1' })).toBe(true);
    expect(matchesFilter(s, { ...EMPTY_FILTER, applianceId: 'a2' })).toBe(false);
    expect(matchesFilter(s, { ...EMPTY_FILTER, statuses: ['running', 'warning'] })).toBe(false);
    expect(matchesFilter(s, { ...EMPTY_FILTER, job: 'a2/j1' })).toBe(false);
  });
});

describe('selectSessions', () => {
  const old = session({ id: 'old', start: '2025-01-01T08:00:00.000Z', durationMs: 60_000 });
  const mid = session({ id: 'mid', start: '2025-01-01T09:00:00.000Z', durationMs: 900_000, status: 'failed' });
  const running = session({ id: 'run', start: '2025-01-01T11:00:00.000Z', end: null, durationMs: null, status: 'running' });
  const noStart = session({ id: 'none', start: null, durationMs: null, status: 'unknown' });
  const all = [old, noStart, running, mid];
  const ids = (list: { id: string }[]) => list.map((s) => s.id);

  it('puts the newest first by default and sessions without a start last', () => {
    expect(ids(selectSessions(all, EMPTY_FILTER, { key: 'start', direction: 'desc' }, NOW))).toEqual(['run', 'mid', 'old', 'none']);
  });

  it('sorts by duration, counting a running session up to now', () => {
    // The running session has run 1 h at NOW: longer than the 15 min one.
    expect(ids(selectSessions(all, EMPTY_FILTER, { key: 'duration', direction: 'desc' }, NOW))).toEqual(['run', 'mid', 'old', 'none']);
    expect(ids(selectSessions(all, EMPTY_FILTER, { key: 'duration', direction: 'asc' }, NOW))).toEqual(['none', 'old', 'mid', 'run']);
  });

  it('sorts by status worst first when descending', () => {
    expect(ids(selectSessions(all, EMPTY_FILTER, { key: 'status', direction: 'desc' }, NOW))).toEqual(['mid', 'run', 'none', 'old']);
  });

  it('filters before sorting and never mutates its input', () => {
    const copy = [...all];
    expect(ids(selectSessions(all, { ...EMPTY_FILTER, statuses: ['running'] }, { key: 'start', direction: 'desc' }, NOW))).toEqual(['run']);
    expect(all).toEqual(copy);
  });
});

describe('applySessionsDelta', () => {
  const a = session({ id: 'a', status: 'running', end: null });
  const b = session({ id: 'b' });
  const start = new Map([a, b].map((s) => [sessionKey(s), s]));

  it('replaces a live row in place and removes what left the window', () => {
    const done = { ...a, status: 'succeeded' as const };
    const next = applySessionsDelta(start, { reset: false, upserted: [done], removed: ['a1/b'] });
    expect([...next.values()]).toEqual([done]);
    expect(start.size).toBe(2);
  });

  it('drops everything on reset', () => {
    const c = session({ id: 'c' });
    expect([...applySessionsDelta(start, { reset: true, upserted: [c], removed: [] }).keys()]).toEqual(['a1/c']);
  });
});

it('jobOptions lists each job of each appliance once, named with its appliance', () => {
  const list = [
    session({ id: '1', jobId: 'j2', jobName: 'Zeta' }),
    session({ id: '2' }),
    session({ id: '3', jobId: 'j2', jobName: 'Zeta' }),
    session({ id: '4', applianceId: 'a2', jobName: 'Nightly VMs' }),
    session({ id: '5', applianceId: 'gone', jobName: 'Nightly VMs' }),
  ];
  const names = new Map([
    ['a1', 'SPP prod'],
    ['a2', 'SPP lab'],
  ]);
  expect(jobOptions(list, names)).toEqual([
    { value: 'gone/j1', label: 'Nightly VMs — gone' },
    { value: 'a2/j1', label: 'Nightly VMs — SPP lab' },
    { value: 'a1/j1', label: 'Nightly VMs — SPP prod' },
    { value: 'a1/j2', label: 'Zeta — SPP prod' },
  ]);
});
