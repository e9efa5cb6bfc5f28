import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { combineCompliance, jobCompliance } from '../../../src-main/common/compliance.js';
import type { ComplianceInput, ComplianceRun } from '../../../src-main/common/compliance.js';
import { intersect, normalize, subtract, totalMs } from '../../../src-main/common/intervals.js';
import type { Interval } from '../../../src-main/common/intervals.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1);

const ok = (endMs: number): ComplianceRun => ({ endMs, protecting: true, failed: false });
const failed = (endMs: number): ComplianceRun => ({ endMs, protecting: false, failed: true });
/** A nightly run at 02:00 on each of `days` days from T0 (the day before included, to cover the start). */
const nightly = (days: number, skip: ReadonlySet<number> = new Set()): ComplianceRun[] =>
  Array.from({ length: days + 1 }, (_, d) => d - 1)
    .filter((d) => !skip.has(d))
    .map((d) => ok(T0 + d * DAY + 2 * HOUR));

function input(over: Partial<ComplianceInput>): ComplianceInput {
  return {
    period: { startMs: T0, endMs: T0 + 7 * DAY },
    nowMs: T0 + 30 * DAY,
    knownFromMs: -Infinity,
    runs: nightly(7),
    rpo: [{ fromMs: -Infinity, rpoSec: 26 * 3600 }],
    maintenance: [],
    ...over,
  };
}

describe('jobCompliance', () => {
  it('counts a job whose every nightly run met its RPO as protected the whole period', () => {
    const f = jobCompliance(input({}));
    expect(f.countedMs).toBe(7 * DAY);
    expect(f.share).toBe(1);
    expect(f.runs).toBe(7);
    expect(f.longestGap).toBeNull();
  });

  it('names the longest gap with its dates when runs are missing', () => {
    // Nights 2, 3 and 4 did not run: protected until night 1 + 26 h, then at risk until night 5.
    const f = jobCompliance(input({ runs: nightly(7, new Set([2, 3, 4])) }));
    const gapStart = T0 + 1 * DAY + 2 * HOUR + 26 * HOUR;
    const gapEnd = T0 + 5 * DAY + 2 * HOUR;
    expect(f.longestGap).toEqual({ startMs: gapStart, endMs: gapEnd, unprotectedMs: gapEnd - gapStart });
    expect(f.protectedMs).toBe(7 * DAY - (gapEnd - gapStart));
    expect(f.share).toBeCloseTo((7 * DAY - (gapEnd - gapStart)) / (7 * DAY), 9);
  });

  it('judges a job created mid-period only from when it is known', () => {
    const knownFromMs = T0 + 3 * DAY;
    const runs = [ok(knownFromMs + HOUR), ok(knownFromMs + DAY + HOUR), ok(knownFromMs + 2 * DAY + HOUR), ok(knownFromMs + 3 * DAY + HOUR)];
    const f = jobCompliance(input({ knownFromMs, runs }));
    expect(f.countedMs).toBe(4 * DAY);
    expect(f.protectedMs).toBe(4 * DAY - HOUR);
    expect(f.longestGap).toEqual({ startMs: knownFromMs, endMs: knownFromMs + HOUR, unprotectedMs: HOUR });
  });

  it('applies each RPO from when it was set', () => {
    // Nightly runs; the RPO drops from 26 h to 12 h at the start of day 4: each day after, 12 h are at risk.
    const rpo = [
      { fromMs: -Infinity, rpoSec: 26 * 3600 },
      { fromMs: T0 + 4 * DAY, rpoSec: 12 * 3600 },
    ];
    const f = jobCompliance(input({ rpo }));
    // Day 4 00:00–02:00 is already 22 h past night 3 (> 12 h), then 14:00–02:00 each night after.
    const atRisk = 2 * HOUR + 3 * 12 * HOUR - 2 * HOUR;
    expect(f.countedMs).toBe(7 * DAY);
    expect(f.protectedMs).toBe(7 * DAY - atRisk);
  });

  it('does not count time with the RPO off', () => {
    const f = jobCompliance(input({ rpo: [{ fromMs: -Infinity, rpoSec: null }] }));
    expect(f.countedMs).toBe(0);
    expect(f.share).toBeNull();
    expect(f.runs).toBe(7);
  });

  it('does not count the future, and ignores runs dated far ahead of now (a clock jump)', () => {
    const nowMs = T0 + 3 * DAY;
    const runs = [...nightly(3), ok(nowMs + 80 * 365 * DAY)];
    const f = jobCompliance(input({ nowMs, runs }));
    expect(f.countedMs).toBe(3 * DAY);
    // Night 2 at 02:00 + 26 h = day 3 04:00 > now: protected all along; the run in 2106 changed nothing.
    expect(f.protectedMs).toBe(3 * DAY);
    const later = jobCompliance(input({ nowMs: T0 + 5 * DAY, runs }));
    expect(later.protectedMs).toBe(5 * DAY - (T0 + 5 * DAY - (T0 + 2 * DAY + 2 * HOUR + 26 * HOUR)));
    expect(later.runs).toBe(3);
  });

  it('counts a run that ends a little ahead of now (clock drift) as ending now', () => {
    const nowMs = T0 + 2 * DAY;
    const f = jobCompliance(input({ nowMs, runs: [ok(T0 - 30 * HOUR), ok(nowMs + 30 * 60_000)], period: { startMs: T0, endMs: nowMs } }));
    // The first run covers until T0 - 4 h: everything counted was at risk; the drifted run protects from now on only.
    expect(f.protectedMs).toBe(0);
    expect(f.runs).toBe(0);
  });

  it('leaves maintenance time out, and bridges a gap that a window interrupts', () => {
    const runs = nightly(7, new Set([2, 3, 4]));
    const window: Interval = { startMs: T0 + 3 * DAY, endMs: T0 + 4 * DAY };
    const plain = jobCompliance(input({ runs }));
    const f = jobCompliance(input({ runs, maintenance: [window] }));
    expect(f.countedMs).toBe(6 * DAY);
    expect(f.longestGap?.startMs).toBe(plain.longestGap?.startMs);
    expect(f.longestGap?.endMs).toBe(plain.longestGap?.endMs);
    expect(f.longestGap?.unprotectedMs).toBe((plain.longestGap?.unprotectedMs ?? 0) - DAY);
  });

  it('forgives a failure inside a window only when a good run follows before the window closes', () => {
    const window: Interval = { startMs: T0 + 2 * DAY, endMs: T0 + 2 * DAY + 6 * HOUR };
    const fixed = [...nightly(7), failed(T0 + 2 * DAY + HOUR)];
    const unfixed = [...nightly(7, new Set([2])), failed(T0 + 2 * DAY + HOUR)];
    expect(jobCompliance(input({ runs: fixed, maintenance: [window] })).failedRuns).toBe(0);
    expect(jobCompliance(input({ runs: unfixed, maintenance: [window] })).failedRuns).toBe(1);
    expect(jobCompliance(input({ runs: fixed })).failedRuns).toBe(1);
  });
});

describe('combineCompliance', () => {
  it('weighs each job by the time it was judged and keeps the longest gap of any', () => {
    const whole = jobCompliance(input({}));
    const gappy = jobCompliance(input({ runs: nightly(7, new Set([3])) }));
    const short = jobCompliance(input({ knownFromMs: T0 + 6 * DAY, runs: [ok(T0 + 6 * DAY + HOUR)] }));
    const fleet = combineCompliance([whole, gappy, short]);
    expect(fleet.countedMs).toBe(whole.countedMs + gappy.countedMs + short.countedMs);
    expect(fleet.share).toBeCloseTo((whole.protectedMs + gappy.protectedMs + short.protectedMs) / fleet.countedMs, 12);
    expect(fleet.longestGap).toEqual(gappy.longestGap);
    expect(combineCompliance([]).share).toBeNull();
  });
});

describe('intervals', () => {
  const arbSet = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 12 })), { maxLength: 8 })
    .map((pairs) => pairs.map(([startMs, length]) => ({ startMs, endMs: startMs + length })));
  const members = (set: readonly Interval[]): Set<number> => {
    const out = new Set<number>();
    for (const i of set) for (let t = i.startMs; t < i.endMs; t++) out.add(t);
    return out;
  };

  it('agree with counting each millisecond', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (rawA, rawB) => {
        const a = normalize(rawA);
        const b = normalize(rawB);
        const inA = members(rawA);
        const inB = members(rawB);
        expect(members(a)).toEqual(inA);
        expect(totalMs(a)).toBe(inA.size);
        expect(members(intersect(a, b))).toEqual(new Set([...inA].filter((t) => inB.has(t))));
        expect(members(subtract(a, b))).toEqual(new Set([...inA].filter((t) => !inB.has(t))));
        for (let i = 1; i < a.length; i++) expect(a[i]!.startMs).toBeGreaterThan(a[i - 1]!.endMs);
      }),
      { seed: 424242, numRuns: 300 },
    );
  });
});
