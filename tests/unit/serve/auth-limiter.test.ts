/** The failed-attempt limiter: counts failures only, says which are worth a log line, stays bounded. */
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { createAuthLimiter, MAX_ADDRESSES } from '../../../src-main/serve/auth-limiter.js';
import { clientAddress } from '../../../src-main/serve/client-address.js';

describe('createAuthLimiter', () => {
  it('blocks after five failures in a window, logs the first and the blocking one', () => {
    let now = 1_000_000;
    const limiter = createAuthLimiter({ now: () => now });
    const verdicts = Array.from({ length: 5 }, () => limiter.failed('10.0.0.1'));
    expect(verdicts).toEqual(['first', 'again', 'again', 'again', 'blocked']);
    expect(limiter.blockedFor('10.0.0.1')).toBe(5 * 60_000);
    expect(limiter.failed('10.0.0.1')).toBe('again');
    expect(limiter.blockedFor('10.0.0.2')).toBe(0);
    now += 5 * 60_000;
    expect(limiter.blockedFor('10.0.0.1')).toBe(0);
    expect(limiter.failed('10.0.0.1')).toBe('first');
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const limiter = createAuthLimiter({ now: () => now });
    for (let i = 0; i < 4; i++) limiter.failed('a');
    now += 60_000;
    expect(limiter.failed('a')).toBe('first');
    expect(limiter.blockedFor('a')).toBe(0);
  });

  it('remembers a bounded number of addresses, the most recent ones', () => {
    const limiter = createAuthLimiter({ now: () => 0 });
    for (let i = 0; i < 5; i++) limiter.failed('blocked');
    for (let i = 0; i < MAX_ADDRESSES; i++) limiter.failed(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(limiter.blockedFor('blocked')).toBe(0);
    expect(limiter.failed('10.0.0.0')).toBe('again');
  });
});

describe('clientAddress', () => {
  const req = (remoteAddress: string, forwarded?: string) =>
    ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

  it('takes the proxy’s own entry of X-Forwarded-For from the trusted proxy only', () => {
    expect(clientAddress(req('::ffff:10.0.0.9', 'spoofed, 203.0.113.5'), '10.0.0.9')).toBe('203.0.113.5');
    expect(clientAddress(req('10.0.0.8', '203.0.113.5'), '10.0.0.9')).toBe('10.0.0.8');
    expect(clientAddress(req('10.0.0.9', '203.0.113.5'), undefined)).toBe('10.0.0.9');
    expect(clientAddress(req('10.0.0.9', 'not an address'), '10.0.0.9')).toBe('10.0.0.9');
    expect(clientAddress(req('10.0.0.9'), '10.0.0.9')).toBe('10.0.0.9');
  });
});
