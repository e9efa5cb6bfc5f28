// Recurring windows are local wall-clock times: pin a zone with daylight saving for this file.
process.env.TZ = 'Europe/Berlin';

import { describe, expect, it } from 'vitest';
import { coversScope, maintenanceTime, openMaintenance, windowIntervals } from '../../../src-main/common/maintenance.js';
import type { CronWindows, MaintenanceWindow } from '../../../src-main/common/maintenance.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Local wall-clock time in Berlin, as the user typed it. */
const local = (y: number, m: number, d: number, h = 0, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

/** Cron windows are evaluated by the Node side (tests/unit/core/maintenance-cron.test.ts); here a stand-in. */
const noCron: CronWindows = () => [];

const saturdayNight: MaintenanceWindow = {
  id: 'w1',
  label: 'Saturday patching',
  scope: { kind: 'appliance', applianceId: 'spp-1' },
  schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' },
};

describe('maintenance windows', () => {
  it('runs a weekly window over midnight, once a week', () => {
    // 2026-11-02 is a Monday; the range is two weeks.
    const spans = windowIntervals(saturdayNight, { startMs: local(2026, 11, 2), endMs: local(2026, 11, 16) }, noCron);
    expect(spans).toEqual([
      { startMs: local(2026, 11, 7, 22), endMs: local(2026, 11, 8, 4) },
      { startMs: local(2026, 11, 14, 22), endMs: local(2026, 11, 15, 4) },
    ]);
  });

  it('keeps local times across daylight saving: the window is an hour shorter or longer that night', () => {
    const nightly: MaintenanceWindow = {
      ...saturdayNight,
      schedule: { kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], start: '01:00', end: '05:00' },
    };
    // Summer time starts on 2026-03-29 at 02:00 and ends on 2026-10-25 at 03:00 in Berlin.
    const march = windowIntervals(nightly, { startMs: local(2026, 3, 28), endMs: local(2026, 3, 31) }, noCron);
    expect(march.map((s) => (s.endMs - s.startMs) / HOUR)).toEqual([4, 3, 4]);
    expect(march.map((s) => new Date(s.startMs).getHours())).toEqual([1, 1, 1]);
    const october = windowIntervals(nightly, { startMs: local(2026, 10, 24), endMs: local(2026, 10, 27) }, noCron);
    expect(october.map((s) => (s.endMs - s.startMs) / HOUR)).toEqual([4, 5, 4]);
  });

  it('clips a one-off window to the range asked for', () => {
    const once: MaintenanceWindow = {
      ...saturdayNight,
      schedule: { kind: 'once', fromMs: local(2026, 12, 1, 20), toMs: local(2026, 12, 2, 6) },
    };
    expect(windowIntervals(once, { startMs: local(2026, 12, 2), endMs: local(2026, 12, 3) }, noCron)).toEqual([
      { startMs: local(2026, 12, 2), endMs: local(2026, 12, 2, 6) },
    ]);
  });

  it('applies by scope: everything, one appliance, one job', () => {
    expect(coversScope({ kind: 'all' }, 'a', 'j')).toBe(true);
    expect(coversScope({ kind: 'appliance', applianceId: 'a' }, 'a', 'j')).toBe(true);
    expect(coversScope({ kind: 'appliance', applianceId: 'a' }, 'b', 'j')).toBe(false);
    expect(coversScope({ kind: 'job', applianceId: 'a', jobId: 'j' }, 'a', 'j')).toBe(true);
    expect(coversScope({ kind: 'job', applianceId: 'a', jobId: 'j' }, 'a', 'k')).toBe(false);
    expect(coversScope({ kind: 'job', applianceId: 'a', jobId: 'j' }, 'a', null)).toBe(false);
  });

  it('joins the windows of a scope and says when an open one ends', () => {
    const extra: MaintenanceWindow = {
      id: 'w2',
      label: 'Storage firmware',
      scope: { kind: 'job', applianceId: 'spp-1', jobId: 'oracle' },
      schedule: { kind: 'once', fromMs: local(2026, 11, 8, 3), toMs: local(2026, 11, 8, 9) },
    };
    const windows = [saturdayNight, extra];
    const range = { startMs: local(2026, 11, 7), endMs: local(2026, 11, 9) };
    expect(maintenanceTime(windows, 'spp-1', 'oracle', range, noCron)).toEqual([
      { startMs: local(2026, 11, 7, 22), endMs: local(2026, 11, 8, 9) },
    ]);
    expect(maintenanceTime(windows, 'spp-1', 'exchange', range, noCron)).toEqual([
      { startMs: local(2026, 11, 7, 22), endMs: local(2026, 11, 8, 4) },
    ]);
    expect(maintenanceTime(windows, 'vbr-1', 'oracle', range, noCron)).toEqual([]);

    const open = openMaintenance(windows, 'spp-1', 'oracle', local(2026, 11, 7, 23), noCron);
    expect(open?.window.id).toBe('w1');
    expect(open?.endsAtMs).toBe(local(2026, 11, 8, 9));
    expect(openMaintenance(windows, 'spp-1', 'oracle', local(2026, 11, 8, 10), noCron)).toBeNull();
    expect(openMaintenance(windows, 'spp-1', 'oracle', local(2026, 11, 7, 21, 59), noCron)).toBeNull();
  });

  it('ignores a malformed recurring time instead of guessing', () => {
    const broken: MaintenanceWindow = { ...saturdayNight, schedule: { kind: 'weekly', days: [6], start: '25:00', end: '04:00' } };
    expect(windowIntervals(broken, { startMs: local(2026, 11, 1), endMs: local(2026, 11, 1) + 14 * DAY }, noCron)).toEqual([]);
  });

  it('opens a cron window where the port says, cut at the range, including one begun before the range', () => {
    const asked: [string, number, number, number][] = [];
    const starts: CronWindows = (expression, durationMs, range) => {
      asked.push([expression, durationMs, range.startMs, range.endMs]);
      return [local(2026, 11, 7, 23), local(2026, 11, 14, 23)]
        .filter((t) => t + durationMs > range.startMs && t < range.endMs)
        .map((startMs) => ({ startMs, endMs: startMs + durationMs }));
    };
    const cron: MaintenanceWindow = { ...saturdayNight, schedule: { kind: 'cron', expression: '0 23 * * 6', durationMin: 180 } };
    const range = { startMs: local(2026, 11, 8, 1), endMs: local(2026, 11, 15) };
    expect(windowIntervals(cron, range, starts)).toEqual([
      { startMs: local(2026, 11, 8, 1), endMs: local(2026, 11, 8, 2) },
      { startMs: local(2026, 11, 14, 23), endMs: local(2026, 11, 15) },
    ]);
    expect(asked).toEqual([['0 23 * * 6', 3 * HOUR, range.startMs, range.endMs]]);
    expect(openMaintenance([cron], 'spp-1', 'any', local(2026, 11, 8, 1, 30), starts)?.endsAtMs).toBe(local(2026, 11, 8, 2));
  });
});
