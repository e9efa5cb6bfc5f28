import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { sendRenewingOnce, singleFlight, withHeader } from '../../../src-main/core/connectors/session-calls.js';

describe('singleFlight', () => {
  it('shares one running login among concurrent callers, and runs again once it settled', async () => {
    let runs = 0;
    const login = singleFlight(async () => `token-${++runs}`);
    expect(await Promise.all([login(), login(), login()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await login()).toBe('token-2');
  });

  it('lets the next call try again after a failed run', async () => {
    let fail = true;
    const login = singleFlight(async () => {
      if (fail) throw new Error('down');
      return 'ok';
    });
    await expect(login()).rejects.toThrow('down');
    fail = false;
    await expect(login()).resolves.toBe('ok');
  });
});

describe('withHeader', () => {
  it('adds the header beside the existing ones and the signal when given', () => {
    const signal = new AbortController().signal;
    expect(withHeader({ path: '/x', headers: { Accept: 'a' } }, 'X-Id', '7', signal)).toEqual({
      path: '/x',
      headers: { Accept: 'a', 'X-Id': '7' },
      signal,
    });
    expect(withHeader({ path: '/x' }, 'X-Id', '7')).toEqual({ path: '/x', headers: { 'X-Id': '7' } });
  });
});

describe('sendRenewingOnce', () => {
  function rig(refuse: (credential: number) => Error | null) {
    let held: number | null = null;
    let logins = 0;
    const expired: number[] = [];
    const call = sendRenewingOnce<number>({
      credential: async () => (held ??= ++logins),
      send: async (c) => {
        const e = refuse(c);
        if (e) throw e;
        return `sent with ${c}`;
      },
      expire: (c) => {
        expired.push(c);
        if (held === c) held = null;
      },
    });
    return { call, expired, logins: () => logins };
  }
  const refused = new ConnectorError('auth_failed', 'expired', { status: 401 });

  it('logs in again once when the held credential is refused with 401', async () => {
    const r = rig((c) => (c === 1 ? refused : null));
    await expect(r.call).resolves.toBe('sent with 2');
    expect(r.expired).toEqual([1]);
    expect(r.logins()).toBe(2);
  });

  it('gives up after the second refusal', async () => {
    const r = rig(() => refused);
    await expect(r.call).rejects.toBe(refused);
    expect(r.logins()).toBe(2);
  });

  it('passes other errors through without a new login', async () => {
    const denied = new ConnectorError('auth_failed', 'forbidden', { status: 403 });
    const r = rig(() => denied);
    await expect(r.call).rejects.toBe(denied);
    expect(r.expired).toEqual([]);
    expect(r.logins()).toBe(1);
  });
});
