/** A report's period in whole UTC days: the last N days from today's midnight, or two dates with the second included. */
import { describe, expect, it } from 'vitest';
import { periodInterval, utcDateMs } from '../../../src-main/common/report-period.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 15, 30);

describe('periodInterval', () => {
  it('starts the last N days at a UTC midnight and ends them now', () => {
    expect(periodInterval({ lastDays: 30 }, NOW)).toEqual({ startMs: Date.UTC(2026, 11, 7) - 30 * DAY, endMs: NOW });
  });

  it('covers both dates of a range, the second to its end', () => {
    expect(periodInterval({ from: '2026-11-01', to: '2026-11-30' }, NOW)).toEqual({
      startMs: Date.UTC(2026, 10, 1),
      endMs: Date.UTC(2026, 11, 1),
    });
  });

  it('says what is wrong with a date that does not exist, a range backwards or in the future, or a length out of bounds', () => {
    expect(utcDateMs('2026-02-30')).toBeNull();
    expect(periodInterval({ from: '2026-02-30', to: '2026-03-01' }, NOW)).toMatch(/YYYY-MM-DD/);
    expect(periodInterval({ from: '2026-11-30', to: '2026-11-01' }, NOW)).toMatch(/ends \(2026-11-01\) before it starts/);
    expect(periodInterval({ from: '2027-01-01', to: '2027-01-31' }, NOW)).toMatch(/after today/);
    expect(periodInterval({ lastDays: 0 }, NOW)).toMatch(/1 to 3660 days/);
    expect(periodInterval({ from: '2000-01-01', to: '2026-01-01' }, NOW)).toMatch(/1 to 3660 days/);
  });
});
