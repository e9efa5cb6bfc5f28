// Cron windows run on local wall-clock time: pin a zone with daylight saving for this file.
process.env.TZ = 'Europe/Berlin';

import { describe, expect, it } from 'vitest';
import { maintenanceTime, openMaintenance, windowIntervals, type MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { cronProblem, cronStarts, cronWindows, MAX_CRON_STARTS } from '../../../src-main/core/maintenance/cron-starts.js';

const HOUR = 3_600_000;
/** Local wall-clock time in Berlin, as the admin typed it. */
const local = (y: number, m: number, d: number, h = 0, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

const nightly: MaintenanceWindow = {
  id: 'w-cron',
  label: 'Nightly storage job',
  scope: { kind: 'all' },
  schedule: { kind: 'cron', expression: '0 1 * * *', durationMin: 240 },
};

describe('cron maintenance windows', () => {
  it('starts at the local time every day, so the window is an hour shorter or longer on a daylight-saving night', () => {
    // Summer time starts on 2026-03-29 at 02:00 and ends on 2026-10-25 at 03:00 in Berlin.
    const march = windowIntervals(nightly, { startMs: local(2026, 3, 28), endMs: local(2026, 3, 31) }, cronWindows);
    expect(march.map((s) => new Date(s.startMs).getHours())).toEqual([1, 1, 1]);
    expect(march.map((s) => new Date(s.endMs).getHours())).toEqual([5, 6, 5]);
    const october = windowIntervals(nightly, { startMs: local(2026, 10, 24), endMs: local(2026, 10, 27) }, cronWindows);
    expect(october.map((s) => new Date(s.startMs).getHours())).toEqual([1, 1, 1]);
    expect(october.map((s) => (s.endMs - s.startMs) / HOUR)).toEqual([4, 4, 4]);
    expect(october.map((s) => new Date(s.endMs).getHours())).toEqual([5, 4, 5]);
  });

  it('moves a start that falls in the skipped hour to just after it, and starts once in the repeated hour', () => {
    const at = (expression: string, from: number, to: number) =>
      cronWindows(expression, 60_000, { startMs: from, endMs: to }).map((w) => new Date(w.startMs).toTimeString().slice(0, 8));
    expect(at('30 2 * * *', local(2026, 3, 28), local(2026, 3, 31))).toEqual(['02:30:00', '03:30:00', '02:30:00']);
    expect(at('30 2 * * *', local(2026, 10, 24), local(2026, 10, 27))).toEqual(['02:30:00', '02:30:00', '02:30:00']);
  });

  it('finds a window open now that started before the hour asked about, and when it closes', () => {
    const open = openMaintenance([nightly], 'spp-1', 'oracle', local(2026, 11, 3, 4, 30), cronWindows);
    expect(open?.window.id).toBe('w-cron');
    expect(open?.endsAtMs).toBe(local(2026, 11, 3, 5));
    expect(openMaintenance([nightly], 'spp-1', 'oracle', local(2026, 11, 3, 5), cronWindows)).toBeNull();
    const week = maintenanceTime([nightly], 'spp-1', null, { startMs: local(2026, 11, 2), endMs: local(2026, 11, 9) }, cronWindows);
    expect(week).toHaveLength(7);
  });

  it('refuses what is not a five-field cron expression in words, and opens no window for it', () => {
    expect(cronProblem('0 22 * * 6')).toBeNull();
    expect(cronProblem('0 0 22 * * 6')).toMatch(/five fields/);
    expect(cronProblem('61 22 * * 6')).toMatch(/cannot be read/);
    expect(cronWindows('every night', HOUR, { startMs: local(2026, 11, 1), endMs: local(2026, 11, 8) })).toEqual([]);
    expect(cronStarts('every night', local(2026, 11, 1), local(2026, 11, 8))).toEqual([]);
  });

  it('keeps a quarter-hourly window open for a whole year, not only as far as a few thousand starts reach', () => {
    const quarterly: MaintenanceWindow = { ...nightly, schedule: { kind: 'cron', expression: '*/15 * * * *', durationMin: 15 } };
    const year = { startMs: local(2026, 1, 1), endMs: local(2027, 1, 1) };
    // Starts come once in the hour the clocks repeat (as above), so its second pass is the one hour not covered.
    const repeated = { startMs: Date.UTC(2026, 9, 25, 1), endMs: Date.UTC(2026, 9, 25, 2) };
    expect(windowIntervals(quarterly, year, cronWindows)).toEqual([
      { startMs: year.startMs, endMs: repeated.startMs },
      { startMs: repeated.endMs, endMs: year.endMs },
    ]);
    const everyOtherHour: MaintenanceWindow = { ...nightly, schedule: { kind: 'cron', expression: '0 */2 * * *', durationMin: 60 } };
    const stretches = windowIntervals(everyOtherHour, year, cronWindows);
    // Twelve an ordinary day; the night summer time starts, the 02:00 start moves to 03:00 and runs into the 04:00 one.
    expect(stretches).toHaveLength(365 * 12 - 1);
    expect(stretches.reduce((sum, s) => sum + s.endMs - s.startMs, 0)).toBe(365 * 12 * HOUR);
  });

  it('answers again for the time zone the process is in when the zone changes, and the same as before when it returns', () => {
    const week = { startMs: local(2026, 11, 2), endMs: local(2026, 11, 9) };
    const inBerlin = cronStarts('0 1 * * *', week.startMs, week.endMs);
    const windowsInBerlin = cronWindows('0 1 * * *', HOUR, week);
    process.env.TZ = 'America/New_York';
    try {
      const inNewYork = cronStarts('0 1 * * *', week.startMs, week.endMs);
      expect(inNewYork.map((t) => new Date(t).getHours())).toEqual(Array(inNewYork.length).fill(1));
      expect(inNewYork[0]! - inBerlin[0]!).toBe(6 * HOUR);
      expect(cronWindows('0 1 * * *', HOUR, week).map((w) => new Date(w.startMs).getHours())).toEqual(
        Array(windowsInBerlin.length).fill(1),
      );
    } finally {
      process.env.TZ = 'Europe/Berlin';
    }
    expect(cronStarts('0 1 * * *', week.startMs, week.endMs)).toEqual(inBerlin);
    expect(cronWindows('0 1 * * *', HOUR, week)).toEqual(windowsInBerlin);
  });

  it('reads at most a bounded number of starts however often the expression fires', () => {
    expect(cronStarts('* * * * *', local(2026, 11, 1), local(2026, 11, 30))).toHaveLength(MAX_CRON_STARTS);
  });
});
