/** Planned downtime counts only while the window was planned: from when it was added until it was removed. */
import { describe, expect, it } from 'vitest';
import type { CronWindows, MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import {
  plannedDuring,
  plannedMaintenanceTimes,
  plannedWindows,
  sameWindows,
  startsBeforeAdded,
} from '../../../src-main/common/maintenance-timeline.js';

const noCron: CronWindows = () => [];
const once = (id: string, fromMs: number, toMs: number): MaintenanceWindow => ({
  id,
  label: id,
  scope: { kind: 'all' },
  schedule: { kind: 'once', fromMs, toMs },
});
const a = once('a', 0, 1000);
const b = once('b', 500, 2000);

describe('maintenance windows over time', () => {
  it('plans each window from the record that first holds it until the one that no longer does, the oldest record since always', () => {
    const records = [
      { atMs: 5, windows: [] },
      { atMs: 100, windows: [a] },
      { atMs: 200, windows: [a, b] },
      { atMs: 300, windows: [b] },
      { atMs: 400, windows: [b, a] },
    ];
    expect(plannedWindows(records, [])).toEqual([
      { window: a, addedMs: 100, removedMs: 300 },
      { window: b, addedMs: 200, removedMs: Infinity },
      { window: a, addedMs: 400, removedMs: Infinity },
    ]);
    expect(plannedWindows([{ atMs: 5, windows: [a] }], [])).toEqual([{ window: a, addedMs: -Infinity, removedMs: Infinity }]);
    // Nothing recorded (no history kept): today's windows hold since always.
    expect(plannedWindows([], [b])).toEqual([{ window: b, addedMs: -Infinity, removedMs: Infinity }]);
  });

  it('takes a window edited in place for another one, whatever order its keys come in', () => {
    const moved = { ...a, schedule: { kind: 'once', fromMs: 0, toMs: 5000 } } as const;
    expect(
      plannedWindows(
        [
          { atMs: 0, windows: [a] },
          { atMs: 100, windows: [moved] },
        ],
        [],
      ),
    ).toEqual([
      { window: a, addedMs: -Infinity, removedMs: 100 },
      { window: moved, addedMs: 100, removedMs: Infinity },
    ]);
    const reordered = JSON.parse('{"schedule":{"toMs":1000,"fromMs":0,"kind":"once"},"scope":{"kind":"all"},"label":"a","id":"a"}');
    expect(sameWindows([a, b], [b, reordered])).toBe(true);
    expect(sameWindows([a], [a, b])).toBe(false);
    expect(sameWindows([a], [moved])).toBe(false);
  });

  it('leaves out a window’s time only while it was planned, and lists the windows in force in a range', () => {
    const planned = plannedWindows(
      [
        { atMs: 0, windows: [] },
        { atMs: 600, windows: [a, b] },
        { atMs: 1500, windows: [a] },
      ],
      [],
    );
    expect(plannedMaintenanceTimes(planned, { startMs: 0, endMs: 3000 }, noCron)('spp-1', 'j1')).toEqual([{ startMs: 600, endMs: 1500 }]);
    expect(plannedDuring(planned, { startMs: 0, endMs: 600 })).toEqual([]);
    expect(plannedDuring(planned, { startMs: 1600, endMs: 3000 }).map((p) => p.window.id)).toEqual(['a']);
  });

  it('says when a one-off window being added starts before now', () => {
    expect(startsBeforeAdded(a.schedule, 10)).toBe(true);
    expect(startsBeforeAdded(a.schedule, 0)).toBe(false);
    expect(startsBeforeAdded({ kind: 'weekly', days: [6], start: '22:00', end: '04:00' }, 10)).toBe(false);
  });
});
