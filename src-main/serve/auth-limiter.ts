/**
 * Failed token checks per client address: after `maxFailures` within `windowMs`, that address's
 * failures are answered 429 for `blockMs` without their token being checked, so tokens cannot be
 * guessed quickly. Only failures count and only failures are refused: a valid token always passes
 * (a desktop behind the same NAT as a misconfigured one must not be locked out with it).
 */
export interface AuthLimiter {
  /** Milliseconds the address must still wait before a failure is answered 401 again, 0 when not blocked. */
  blockedFor(address: string): number;
  /**
   * Counts a failure. Says whether it is worth a log line: the first failure of an address in a
   * window, and the one that blocks it; the rest would let a flood write the log full.
   */
  failed(address: string): 'first' | 'blocked' | 'again';
}

export interface AuthLimiterOptions {
  readonly now: () => number;
  readonly maxFailures?: number;
  readonly windowMs?: number;
  readonly blockMs?: number;
}

interface Record {
  failures: number[];
  blockedUntil: number;
}

/** Addresses remembered at most (a flood of new addresses must not grow memory without bound). */
export const MAX_ADDRESSES = 10_000;

export function createAuthLimiter(options: AuthLimiterOptions): AuthLimiter {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const blockMs = options.blockMs ?? 5 * 60_000;
  const records = new Map<string, Record>();

  return {
    blockedFor(address) {
      const record = records.get(address);
      return record ? Math.max(0, record.blockedUntil - options.now()) : 0;
    },
    failed(address) {
      const now = options.now();
      const record = records.get(address) ?? { failures: [], blockedUntil: 0 };
      const blocked = record.blockedUntil > now;
      record.failures = [...record.failures.filter((t) => now - t < windowMs), now].slice(-maxFailures);
      const first = record.failures.length === 1 && !blocked;
      let verdict: 'first' | 'blocked' | 'again' = first ? 'first' : 'again';
      if (!blocked && record.failures.length >= maxFailures) {
        record.blockedUntil = now + blockMs;
        record.failures = [];
        verdict = 'blocked';
      }
      // Most recent last: when full, the address that failed longest ago is forgotten first.
      records.delete(address);
      records.set(address, record);
      if (records.size > MAX_ADDRESSES) records.delete(records.keys().next().value!);
      return verdict;
    },
  };
}
