import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src-main/common/backoff.js';

const policy = { baseMs: 10_000, capMs: 300_000, jitter: 0.25 };

describe('backoffDelayMs', () => {
  it('doubles per attempt from the base (no jitter at the midpoint)', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, () => 0.5))).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it('spreads each delay by ±jitter', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(30_000);
    expect(backoffDelayMs(3, policy, () => 0.999_999)).toBe(50_000);
    expect(backoffDelayMs(3, { ...policy, jitter: 0.5 }, () => 0)).toBe(20_000);
    expect(backoffDelayMs(3, { ...policy, jitter: 0 }, () => 0.9)).toBe(40_000);
  });

  it('never exceeds the cap, jitter included, however many attempts', () => {
    expect(backoffDelayMs(6, policy, () => 0.999)).toBe(300_000);
    expect(backoffDelayMs(1_000, policy, () => 0.5)).toBe(300_000);
    expect(backoffDelayMs(1_000, policy, () => 0)).toBe(225_000);
  });

  it('treats attempts below 1 as the first', () => {
    expect(backoffDelayMs(0, policy, () => 0.5)).toBe(10_000);
    expect(backoffDelayMs(-3, policy, () => 0.5)).toBe(10_000);
  });

  it('defaults to ±25 % jitter', () => {
    expect(backoffDelayMs(1, { baseMs: 10_000, capMs: 300_000 }, () => 0)).toBe(7_500);
  });
});
