import { describe, expect, it } from 'vitest';
import { barTip, historyStrip, stripLabel, STRIP_LENGTH, stripPaths } from '../../../src-renderer/lib/history-strip.js';
import { session } from './fixtures.js';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();
/** A finished run starting at `minute`, lasting `minutes`. */
const run = (id: string, minute: number, minutes: number, status: 'succeeded' | 'warning' | 'failed' | 'canceled' = 'succeeded') =>
  session({ id, status, start: at(minute), end: at(minute + minutes), durationMs: minutes * 60_000 });
const iso = (value: string | null) => value ?? '?';

describe('historyStrip', () => {
  it('puts the oldest run left and keeps the newest 30', () => {
    const runs = Array.from({ length: 40 }, (_, i) => run(`s${i}`, i * 60, 10));
    const strip = historyStrip([...runs].reverse(), Date.parse(at(3000)));
    expect(strip.bars).toHaveLength(STRIP_LENGTH);
    expect(strip.bars[0]!.sessionId).toBe('s10');
    expect(strip.bars.at(-1)!.sessionId).toBe('s39');
  });

  it('sizes bars against the median: the median at half height, twice it or more full, short runs still visible', () => {
    const strip = historyStrip([run('a', 0, 10), run('b', 60, 10), run('c', 120, 40), run('d', 180, 1), run('e', 240, 10)], 0);
    expect(strip.bars.map((b) => b.height)).toEqual([0.5, 0.5, 1, 0.2, 0.5]);
  });

  it('tells each kind apart and says what happened, when, and for how long', () => {
    const running = session({ id: 'r', status: 'running', start: at(100), end: null, durationMs: null });
    const strip = historyStrip(
      [run('a', 0, 10), run('b', 20, 12, 'warning'), run('c', 40, 3, 'failed'), run('d', 60, 5, 'canceled'), running],
      Date.parse(at(125)),
    );
    expect(strip.bars.map((b) => b.kind)).toEqual(['succeeded', 'warning', 'failed', 'other', 'running']);
    expect(barTip(strip.bars[1]!, iso)).toBe(`${at(20)} · Warning · took 12 min`);
    expect(barTip(strip.bars[4]!, iso)).toBe(`${at(100)} · Running · for 25 min`);
    // The median ignores the running one; it grows with the clock.
    expect(strip.bars[4]!.height).toBe(1);
    expect(strip.label).toBe('5 runs: 1 succeeded, 1 warning, 1 failed, 1 canceled or unknown, 1 running');
  });

  it('draws every bar at half height when no run has finished, and says so when there is none', () => {
    const running = session({ id: 'r', status: 'queued', start: null, end: null, durationMs: null });
    expect(historyStrip([running], 0).bars[0]).toMatchObject({ kind: 'running', height: 0.5, durationMs: null });
    expect(historyStrip([], 0)).toEqual({ bars: [], label: 'No runs yet' });
  });
});

describe('stripLabel', () => {
  it('counts the way the issue reads: "30 runs: 27 succeeded, 2 warnings, 1 failed"', () => {
    const kinds = [...Array(27).fill('succeeded'), 'warning', 'warning', 'failed'].map((kind) => ({ kind }));
    expect(stripLabel(kinds)).toBe('30 runs: 27 succeeded, 2 warnings, 1 failed');
    expect(stripLabel([{ kind: 'failed' }])).toBe('1 run: 1 failed');
  });
});

describe('stripPaths', () => {
  it('draws each kind in its own path: runs above the baseline, failures below it', () => {
    const strip = historyStrip([run('a', 0, 10), run('b', 20, 10, 'failed'), run('c', 40, 10, 'canceled')], 0);
    const paths = stripPaths(strip.bars);
    expect(paths.succeeded).toBe('M0 9h5v8h-5z');
    expect(paths.failed).toBe('M7 18h5v4h-5z');
    expect(paths.other).toMatch(/^M16\.5 12/);
    expect(paths.warning).toBe('');
    expect(paths.running).toBe('');
  });
});
