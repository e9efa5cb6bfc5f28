import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NO_PROGRESS } from '../../../src-main/common/model.js';
import { browserTitle, ipcUrl, readToken } from '../../../src-renderer/lib/browser-mode.js';
import { overrunKeys } from '../../../src-renderer/lib/overrun.js';
import { progressView } from '../../../src-renderer/lib/progress-view.js';
import { virtualWindow } from '../../../src-renderer/lib/virtual-window.js';
import { session } from './fixtures.js';

describe('virtualWindow', () => {
  it('renders only the visible rows plus overscan', () => {
    const w = virtualWindow(10_000, 44, 44 * 5000, 440, 8);
    expect(w.start).toBe(4992);
    expect(w.end).toBe(5000 + 11 + 8);
    expect(w.offsetTop).toBe(4992 * 44);
    expect(w.totalHeight).toBe(440_000);
  });

  it('always covers the viewport and stays inside the list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: -100, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2000 }),
        (count, scrollTop, height) => {
          const w = virtualWindow(count, 40, scrollTop, height);
          expect(w.start).toBeGreaterThanOrEqual(0);
          expect(w.end).toBeLessThanOrEqual(count);
          expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(Math.max(height, 40) / 40) + 1 + 16);
          const firstVisible = Math.min(Math.floor(Math.max(0, scrollTop) / 40), count);
          const lastVisible = Math.min(count, Math.ceil((Math.max(0, scrollTop) + height) / 40));
          if (firstVisible < count) {
            expect(w.start).toBeLessThanOrEqual(firstVisible);
            expect(w.end).toBeGreaterThanOrEqual(lastVisible);
          }
        },
      ),
    );
  });

  it('answers an empty window for an empty list', () => {
    expect(virtualWindow(0, 44, 100, 500)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  });
});

describe('progressView', () => {
  it('prefers the percent, clamped and rounded', () => {
    expect(progressView({ ...NO_PROGRESS, percent: 42.6 })).toEqual({ kind: 'percent', percent: 43, text: '43%' });
    expect(progressView({ ...NO_PROGRESS, percent: 130 })).toMatchObject({ percent: 100 });
  });
  it('computes a percent from completed of total (VCSA)', () => {
    expect(progressView({ percent: null, completed: 3, total: 4, unit: 'parts' })).toEqual({
      kind: 'percent',
      percent: 75,
      text: '75% (3 of 4 parts)',
    });
  });
  it('shows a counter when only a count is known (VB365)', () => {
    expect(progressView({ percent: null, completed: 1234, total: null, unit: 'objects' })).toEqual({
      kind: 'count',
      completed: 1234,
      text: '1,234 objects processed',
    });
    expect(progressView({ percent: null, completed: 1, total: null, unit: 'objects' }).text).toBe('1 object processed');
    expect(progressView({ percent: null, completed: 1, total: 1, unit: 'resources' }).text).toBe('100% (1 of 1 resource)');
  });
  it('ignores NaN and says so when nothing is known', () => {
    expect(progressView({ percent: Number.NaN, completed: null, total: 0, unit: null }).kind).toBe('none');
  });
});

describe('overrunKeys', () => {
  const NOW = Date.parse('2025-01-10T12:00:00.000Z');
  const finished = [1, 2, 3].map((d) => session({ id: `f${d}`, start: `2025-01-0${d}T10:00:00.000Z`, end: `2025-01-0${d}T10:10:00.000Z` }));

  it('flags a running session past twice the median of its job', () => {
    const late = session({ id: 'r', status: 'running', start: '2025-01-10T11:39:00.000Z', end: null, durationMs: null });
    const fine = session({ id: 'r2', jobId: 'j1', status: 'running', start: '2025-01-10T11:45:00.000Z', end: null, durationMs: null });
    expect([...overrunKeys([...finished, late, fine], NOW)]).toEqual(['a1/r']);
  });

  it('says nothing with fewer than three finished runs', () => {
    const late = session({ id: 'r', status: 'running', start: '2025-01-10T08:00:00.000Z', end: null, durationMs: null });
    expect(overrunKeys([...finished.slice(0, 2), late], NOW).size).toBe(0);
  });
});

describe('browser mode', () => {
  it('takes the token from the URL, else from the tab’s storage', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(readToken('', storage)).toBeNull();
    expect(readToken('?token=abc', storage)).toBe('abc');
    expect(readToken('', storage)).toBe('abc');
  });
  it('builds the socket address and the tab title', () => {
    expect(ipcUrl('127.0.0.1:8080', 'a b')).toBe('ws://127.0.0.1:8080/ipc?token=a%20b');
    expect(browserTitle('failed', 2)).toBe('Backup failed (2) · Backwatch');
    expect(browserTitle('ok', 0)).toBe('All backups OK · Backwatch');
  });
});
