/**
 * Failed token checks per client address: after `maxFailures` within `windowMs`, that address is
 * refused for `blockMs` without its token even being checked, so tokens cannot be guessed quickly.
 */
export interface AuthLimiter {
  /** Milliseconds the address must still wait, 0 when it may try. */
  blockedFor(address: string): number;
  failed(address: string): void;
  succeeded(address: string): void;
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
const MAX_ADDRESSES = 10_000;

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
      record.failures = [...record.failures.filter((t) => now - t < windowMs), now];
      if (record.failures.length >= maxFailures) {
        record.blockedUntil = now + blockMs;
        record.failures = [];
      }
      records.delete(address);
      records.set(address, record);
      if (records.size > MAX_ADDRESSES) records.delete(records.keys().next().value!);
    },
    succeeded(address) {
      if (records.get(address)?.blockedUntil === 0) records.delete(address);
    },
  };
}
