import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatDateTime,
  timeAxisLabels,
  formatBytes,
  formatClock,
  formatDuration,
  formatRate,
  formatRelative,
  NO_VALUE,
  OVERALL_LABELS,
  STATUS_LABELS,
} from '../../../src-main/common/format.js';
import { SESSION_STATUSES } from '../../../src-main/common/model.js';
import { OVERALL_STATUSES } from '../../../src-main/common/snapshot.js';
import { at, HOUR, MINUTE, T0 } from './factories.js';

describe('formatDuration', () => {
  it.each([
    [42_000, '42 s'],
    [59_999, '59 s'],
    [12 * MINUTE + 30_000, '12 min'],
    [HOUR + 5 * MINUTE, '1 h 05 min'],
    [23 * HOUR + 59 * MINUTE, '23 h 59 min'],
    [2 * 24 * HOUR + 3 * HOUR, '2 d 03 h'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('shows a dash for missing or impossible values', () => {
    for (const v of [null, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatDuration(v)).toBe(NO_VALUE);
  });
});

describe('formatRelative', () => {
  it('says how long ago or how soon', () => {
    expect(formatRelative(at(-12 * MINUTE), T0)).toBe('12 min ago');
    expect(formatRelative(at(3 * HOUR), T0)).toBe('in 3 h');
    expect(formatRelative(at(-20_000), T0)).toBe('20 s ago');
    expect(formatRelative(at(-59_999), T0)).toBe('59 s ago');
    expect(formatRelative(at(45_000), T0)).toBe('in 45 s');
    expect(formatRelative(at(-500), T0)).toBe('just now');
    expect(formatRelative(at(-MINUTE), T0)).toBe('1 min ago');
    expect(formatRelative(at(-3 * 24 * HOUR), T0)).toBe('3 d ago');
  });

  it('copes with missing and malformed times', () => {
    expect(formatRelative(null, T0)).toBe('never');
    expect(formatRelative('yesterday-ish', T0)).toBe(NO_VALUE);
  });
});

describe('dates and time axes', () => {
  it('writes every exact time in one pattern, with the year, and a dash when absent', () => {
    const text = formatDateTime('2026-12-07T08:15:00.000Z');
    expect(text).toMatch(/2026/);
    expect(text).toBe(formatDateTime('2026-12-07T08:15:00.000Z'));
    expect(formatDateTime(null)).toBe(NO_VALUE);
    expect(formatDateTime('not a date')).toBe(NO_VALUE);
  });

  it('labels an afternoon of ticks with times and the date once, and a week with dates only', () => {
    const start = Date.parse('2026-12-07T12:00:00');
    const afternoon = timeAxisLabels([0, 1, 2, 3].map((i) => start + i * HOUR));
    expect(afternoon[0]).toMatch(/7/);
    expect(afternoon.slice(1).every((label) => !label.includes('Dec'))).toBe(true);
    expect(new Set(afternoon).size).toBe(4);
    const week = timeAxisLabels([0, 2, 4, 6].map((d) => start + d * 24 * HOUR));
    expect(week.every((label) => label.includes('Dec') && !label.includes(':'))).toBe(true);
    expect(new Set(week).size).toBe(4);
  });
});

describe('countOf', () => {
  it('says one thing in the singular and any other count in the plural', () => {
    expect(countOf(1, 'objects')).toBe('1 object');
    expect(countOf(0, 'objects')).toBe('0 objects');
    expect(countOf(1234, 'items')).toBe('1,234 items');
    expect(countOf(null, 'items')).toBe(`${NO_VALUE} items`);
  });
});

describe('formatBytes and formatRate', () => {
  it('uses decimal units like the appliances', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(37_590_000_000)).toBe('37.6 GB');
    expect(formatBytes(1_500)).toBe('1.5 KB');
    expect(formatBytes(2e18)).toBe('2000.0 PB');
    expect(formatRate(120_500_000)).toBe('120.5 MB/s');
  });

  it('shows a dash for missing values', () => {
    expect(formatBytes(null)).toBe(NO_VALUE);
    expect(formatBytes(-5)).toBe(NO_VALUE);
    expect(formatRate(null)).toBe(NO_VALUE);
  });
});

describe('formatClock and labels', () => {
  it('prints minutes of the day as HH:MM', () => {
    expect(formatClock(7 * 60 + 5)).toBe('07:05');
    expect(formatClock(1440 + 1)).toBe('00:01');
  });

  it('has a distinct human label for every status', () => {
    expect(new Set(SESSION_STATUSES.map((s) => STATUS_LABELS[s])).size).toBe(SESSION_STATUSES.length);
    expect(new Set(OVERALL_STATUSES.map((s) => OVERALL_LABELS[s])).size).toBe(OVERALL_STATUSES.length);
  });
});
