/**
 * An object's restore points over time, as its page draws them: one track per appliance that backs
 * it up, its newest good point and its newest failure placed on one time axis ending now, and the
 * RPO's edge marked, so "too old" and "failed after the last good point" read at a glance. Pure.
 */
import type { ObjectBackupView } from '../../src-main/common/object-views.js';
import { toMs } from '../../src-main/common/time.js';

const HOUR_MS = 3_600_000;
/** The axis spans at least a day, so two points minutes apart do not sit at both ends. */
const MIN_SPAN_MS = 24 * HOUR_MS;
/** Room left of the oldest point, so it never sits on the edge. */
const MARGIN = 1.1;

export interface TimelinePoint {
  /** ISO time. */
  readonly at: string;
  /** Distance from the axis's left edge, percent (0..100). */
  readonly left: number;
}

export interface TimelineTrack {
  readonly backup: ObjectBackupView;
  readonly good: TimelinePoint | null;
  readonly failure: TimelinePoint | null;
  /** The newest failure is newer than the newest good point: the next restore comes from before it. */
  readonly failedSinceGood: boolean;
}

export interface RestoreTimeline {
  /** Epoch ms of the axis's left edge; its right edge is now. */
  readonly startMs: number;
  /** Where the RPO's edge lies (points left of it are too old), percent; null when the RPO is off or off the axis. */
  readonly rpoLeft: number | null;
  readonly tracks: readonly TimelineTrack[];
}

export function restoreTimeline(backups: readonly ObjectBackupView[], rpoSec: number | null, now: number): RestoreTimeline {
  const times = backups.flatMap((b) => [toMs(b.lastGoodPoint), toMs(b.lastFailure)]).filter((t): t is number => t !== null && t <= now);
  const oldestAge = times.length === 0 ? 0 : now - Math.min(...times);
  const rpoMs = rpoSec === null ? 0 : rpoSec * 1000;
  const span = Math.max(MIN_SPAN_MS, oldestAge * MARGIN, rpoMs * MARGIN);
  const startMs = now - span;
  const place = (iso: string | null): TimelinePoint | null => {
    const at = toMs(iso);
    return at === null || iso === null ? null : { at: iso, left: Math.min(100, Math.max(0, (100 * (at - startMs)) / span)) };
  };
  const tracks = backups.map((backup): TimelineTrack => {
    const good = place(backup.lastGoodPoint);
    const failure = place(backup.lastFailure);
    return { backup, good, failure, failedSinceGood: failure !== null && (good === null || toMs(failure.at)! > toMs(good.at)!) };
  });
  return { startMs, rpoLeft: rpoSec === null ? null : (100 * (span - rpoMs)) / span, tracks };
}
