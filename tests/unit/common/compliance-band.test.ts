import { describe, expect, it } from 'vitest';
import { complianceBand } from '../../../src-main/common/compliance-band.js';
import { summarizeRuns } from '../../../src-main/common/compliance.js';
import { complianceTime } from '../../../src-main/common/compliance-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1);

describe('complianceBand', () => {
  it('lays out protected, at-risk and maintenance time in order, and leaves time before the first run out', () => {
    // Nightly at 02:00 from day 1, none on day 3; maintenance on day 5 from 10:00 to 14:00.
    const runs = [1, 2, 4, 5, 6].map((d) => ({ endMs: T0 + d * DAY + 2 * HOUR, protecting: true, failed: false }));
    const period = { startMs: T0, endMs: T0 + 7 * DAY };
    const maintenance = [{ startMs: T0 + 5 * DAY + 10 * HOUR, endMs: T0 + 5 * DAY + 14 * HOUR }];
    const time = complianceTime({
      period,
      nowMs: T0 + 30 * DAY,
      knownFromMs: runs[0]!.endMs,
      rpo: [{ fromMs: -Infinity, rpoSec: 26 * 3600 }],
      maintenance,
      summary: summarizeRuns(runs, T0 + 30 * DAY, period),
    });
    const band = complianceBand(time, period, 0.9);
    expect(band.pieces.map((p) => [p.kind, (p.startMs - T0) / HOUR, (p.endMs - T0) / HOUR])).toEqual([
      ['protected', 26, 76],
      ['at-risk', 76, 98],
      ['protected', 98, 130],
      ['maintenance', 130, 134],
      ['protected', 134, 168],
    ]);
    expect([band.startMs, band.endMs, band.share]).toEqual([period.startMs, period.endMs, 0.9]);
  });
});
