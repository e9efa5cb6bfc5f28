/**
 * The one back-off rule of Backwatch (poller, HTTP retries, the window's WebSocket reconnect):
 * exponential from a base, capped, with random jitter so many clients that failed together do not
 * come back in step.
 */

export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  readonly baseMs: number;
  /** No delay is longer than this, ms (jitter included). */
  readonly capMs: number;
  /** Spread as a fraction of the delay: 0.25 gives ±25 %. Default 0.25. */
  readonly jitter?: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry): `baseMs × 2^(attempt − 1)` spread by
 * ±`jitter`, never more than `capMs`. `random` returns [0, 1) like Math.random (tests pass their own).
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0.25));
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const raw = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 52));
  const spread = 1 - jitter + 2 * jitter * random();
  return Math.round(Math.max(0, Math.min(policy.capMs, raw * spread)));
}
