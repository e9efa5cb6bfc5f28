import { describe, expect, it } from 'vitest';
import { formatRpo, parseDuration, parseRpo, RPO_MAX_SEC, RPO_MIN_SEC } from '../../../src-main/common/duration.js';

describe('parseDuration', () => {
  it.each([
    ['12h', 12 * 3600],
    ['90m', 90 * 60],
    ['90min', 90 * 60],
    ['2d', 2 * 86_400],
    ['45s', 45],
    ['1h30m', 5400],
    [' 1d 12h ', 36 * 3600],
    ['26 H', 26 * 3600],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, seconds });
  });

  it('reads off as no duration', () => {
    expect(parseDuration('off')).toEqual({ ok: true, seconds: null });
    expect(parseDuration(' OFF ')).toEqual({ ok: true, seconds: null });
  });

  it.each(['', '12', 'h', '12x', '-5h', '1.5h', '12h and more', '12hh', 'offf', '\u001b[2J12h', '9999999999d'])(
    'refuses %j with the same one line, never echoing it',
    (text) => {
      expect(parseDuration(text)).toEqual({ ok: false, error: 'not a duration: write a number and a unit, e.g. 12h, 90m, 2d, or off' });
    },
  );
});

describe('parseRpo', () => {
  it('keeps RPOs inside their bounds, off included', () => {
    expect(parseRpo('5m')).toEqual({ ok: true, seconds: RPO_MIN_SEC });
    expect(parseRpo('366d')).toEqual({ ok: true, seconds: RPO_MAX_SEC });
    expect(parseRpo('off')).toEqual({ ok: true, seconds: null });
  });

  it('refuses an RPO below five minutes or above a year', () => {
    expect(parseRpo('4m')).toEqual({ ok: false, error: 'The RPO must be between 5 min and 366 d, or off.' });
    expect(parseRpo('soon')).toEqual({
      ok: false,
      error: 'The RPO is not a duration: write a number and a unit, e.g. 12h, 90m, 2d, or off.',
    });
    expect(parseRpo('367d').ok).toBe(false);
    expect(parseRpo('soon').ok).toBe(false);
  });
});

describe('formatRpo', () => {
  it.each([
    [26 * 3600, '26 h'],
    [36 * 3600, '36 h'],
    [86_400, '1 d'],
    [2 * 86_400, '2 d'],
    [50 * 3600, '2 d 2 h'],
    [90 * 60, '1 h 30 min'],
    [300, '5 min'],
    [null, 'off'],
  ])('writes %j as %j', (seconds, text) => {
    expect(formatRpo(seconds)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const seconds of [300, 5400, 93_600, 86_400, 180_000, 3_000_000]) {
      const text = formatRpo(seconds).replaceAll(' ', '');
      expect(parseDuration(text)).toEqual({ ok: true, seconds });
    }
  });
});
