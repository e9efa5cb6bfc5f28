// Cron windows run on local wall-clock time: pin a zone with daylight saving for this file.
process.env.TZ = 'Europe/Berlin';

import { describe, expect, it } from 'vitest';
import { maintenanceTime, openMaintenance, windowIntervals, type MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { cronProblem, cronStarts, MAX_CRON_STARTS } from '../../../src-main/core/maintenance/cron-starts.js';

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
    const march = windowIntervals(nightly, { startMs: local(2026, 3, 28), endMs: local(2026, 3, 31) }, cronStarts);
    expect(march.map((s) => new Date(s.startMs).getHours())).toEqual([1, 1, 1]);
    expect(march.map((s) => new Date(s.endMs).getHours())).toEqual([5, 6, 5]);
    const october = windowIntervals(nightly, { startMs: local(2026, 10, 24), endMs: local(2026, 10, 27) }, cronStarts);
    expect(october.map((s) => new Date(s.startMs).getHours())).toEqual([1, 1, 1]);
    expect(october.map((s) => (s.endMs - s.startMs) / HOUR)).toEqual([4, 4, 4]);
    expect(october.map((s) => new Date(s.endMs).getHours())).toEqual([5, 4, 5]);
  });

  it('moves a start that falls in the skipped hour to just after it, and starts once in the repeated hour', () => {
    const at = (expression: string, from: number, to: number) =>
      cronStarts(expression, from, to).map((t) => new Date(t).toTimeString().slice(0, 8));
    expect(at('30 2 * * *', local(2026, 3, 28), local(2026, 3, 31))).toEqual(['02:30:00', '03:30:00', '02:30:00']);
    expect(at('30 2 * * *', local(2026, 10, 24), local(2026, 10, 27))).toEqual(['02:30:00', '02:30:00', '02:30:00']);
  });

  it('finds a window open now that started before the hour asked about, and when it closes', () => {
    const open = openMaintenance([nightly], 'spp-1', 'oracle', local(2026, 11, 3, 4, 30), cronStarts);
    expect(open?.window.id).toBe('w-cron');
    expect(open?.endsAtMs).toBe(local(2026, 11, 3, 5));
    expect(openMaintenance([nightly], 'spp-1', 'oracle', local(2026, 11, 3, 5), cronStarts)).toBeNull();
    const week = maintenanceTime([nightly], 'spp-1', null, { startMs: local(2026, 11, 2), endMs: local(2026, 11, 9) }, cronStarts);
    expect(week).toHaveLength(7);
  });

  it('refuses what is not a five-field cron expression in words, and opens no window for it', () => {
    expect(cronProblem('0 22 * * 6')).toBeNull();
    expect(cronProblem('0 0 22 * * 6')).toMatch(/five fields/);
    expect(cronProblem('61 22 * * 6')).toMatch(/cannot be read/);
    expect(cronStarts('every night', local(2026, 11, 1), local(2026, 11, 8))).toEqual([]);
  });

  it('answers again for the time zone the process is in when the zone changes, and the same as before when it returns', () => {
    const week = { startMs: local(2026, 11, 2), endMs: local(2026, 11, 9) };
    const inBerlin = cronStarts('0 1 * * *', week.startMs, week.endMs);
    process.env.TZ = 'America/New_York';
    try {
      const inNewYork = cronStarts('0 1 * * *', week.startMs, week.endMs);
      expect(inNewYork.map((t) => new Date(t).getHours())).toEqual(Array(inNewYork.length).fill(1));
      expect(inNewYork[0]! - inBerlin[0]!).toBe(6 * HOUR);
    } finally {
      process.env.TZ = 'Europe/Berlin';
    }
    expect(cronStarts('0 1 * * *', week.startMs, week.endMs)).toEqual(inBerlin);
  });

  it('reads at most a bounded number of starts however often the expression fires', () => {
    expect(cronStarts('* * * * *', local(2026, 11, 1), local(2026, 11, 30))).toHaveLength(MAX_CRON_STARTS);
  });
});
