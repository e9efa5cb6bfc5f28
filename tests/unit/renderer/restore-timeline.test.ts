import { describe, expect, it } from 'vitest';
import { restoreTimeline } from '../../../src-renderer/lib/restore-timeline.js';
import { backup } from './object-fixtures.js';

const NOW = Date.parse('2025-01-05T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('restoreTimeline', () => {
  it('places each appliance’s points on one axis ending now, the oldest clear of the edge', () => {
    const timeline = restoreTimeline(
      [backup({ lastGoodPoint: iso(NOW - 48 * HOUR) }), backup({ applianceId: 'spp1', lastGoodPoint: iso(NOW - 12 * HOUR) })],
      26 * 3600,
      NOW,
    );
    const [first, second] = timeline.tracks;
    expect(first!.good!.left).toBeGreaterThan(0);
    expect(first!.good!.left).toBeLessThan(second!.good!.left);
    expect(second!.good!.left).toBeLessThan(100);
    // The RPO's edge lies between the two points: the older one is too old, the newer one is not.
    expect(timeline.rpoLeft).toBeGreaterThan(first!.good!.left);
    expect(timeline.rpoLeft).toBeLessThan(second!.good!.left);
  });

  it('marks a failure newer than the newest good point, and only then', () => {
    const [failedAfter, failedBefore, neverGood] = restoreTimeline(
      [
        backup({ lastGoodPoint: iso(NOW - 10 * HOUR), lastFailure: iso(NOW - 2 * HOUR) }),
        backup({ lastGoodPoint: iso(NOW - 2 * HOUR), lastFailure: iso(NOW - 10 * HOUR) }),
        backup({ lastGoodPoint: null, lastFailure: iso(NOW - HOUR) }),
      ],
      null,
      NOW,
    ).tracks;
    expect(failedAfter!.failedSinceGood).toBe(true);
    expect(failedBefore!.failedSinceGood).toBe(false);
    expect(neverGood!.failedSinceGood).toBe(true);
  });

  it('spans a day at least, has no RPO edge when the RPO is off, and keeps a future point on the axis', () => {
    const timeline = restoreTimeline([backup({ lastGoodPoint: iso(NOW + HOUR), lastFailure: 'garbage' })], null, NOW);
    expect(NOW - timeline.startMs).toBe(24 * HOUR);
    expect(timeline.rpoLeft).toBeNull();
    expect(timeline.tracks[0]!.good!.left).toBe(100);
    expect(timeline.tracks[0]!.failure).toBeNull();
  });
});
