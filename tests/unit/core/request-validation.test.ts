import { describe, expect, it } from 'vitest';
import type { IpcRequestChannel } from '../../../src-main/common/ipc-contract.js';
import { REQUEST_CHANNELS } from '../../../src-main/common/ipc-channels.js';
import type { IpcHandlers } from '../../../src-main/common/ipc-channels.js';
import { checkRequestArg, IpcValidationError, validatedHandlers } from '../../../src-main/core/services/request-validation.js';
import { draft, FP, long, REQUEST_ARG_CASES as CASES } from './request-arg-cases.js';

describe('checkRequestArg', () => {
  it('has cases for every request channel of the contract', () => {
    expect(Object.keys(CASES).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  for (const [channel, { good, bad }] of Object.entries(CASES) as [IpcRequestChannel, { good: unknown[]; bad: unknown[] }][]) {
    it(`${channel} accepts good arguments`, () => {
      for (const arg of good) expect(checkRequestArg(channel, arg), JSON.stringify(arg)).toMatchObject({ ok: true });
    });
    it(`${channel} refuses bad arguments with a short issue`, () => {
      for (const arg of bad) {
        const check = checkRequestArg(channel, arg);
        expect(check.ok, JSON.stringify(arg)?.slice(0, 80)).toBe(false);
        if (!check.ok) expect(check.issue.length).toBeLessThanOrEqual(200);
      }
    });
  }

  it('normalises fingerprints, trims names and brings them to one Unicode form', () => {
    const check = checkRequestArg('appliances:add', { ...draft, name: '  Cafe\u0301 prod  ', trustedFingerprint: FP.replace(/:/g, '') });
    if (!check.ok) throw new Error(check.issue);
    expect(check.value.name).toBe('Caf\u00e9 prod');
    expect(check.value.trustedFingerprint).toBe(FP.toUpperCase());
  });

  it('refuses control and bidi characters in names', () => {
    for (const name of ['SPP\u001b[2J', 'SPP\nprod', 'SPP \u202Eprod', 'SPP\u0007']) {
      expect(checkRequestArg('appliances:add', { ...draft, name }), JSON.stringify(name)).toMatchObject({ ok: false });
    }
  });

  it('never echoes a refused password or URL credentials in the issue', () => {
    const secret = `hunter2-${long(1100)}`;
    const tooLong = checkRequestArg('appliances:add', { ...draft, password: secret });
    expect(JSON.stringify(tooLong)).not.toContain('hunter2');
    for (const baseUrl of ['https://admin:hunter2@[::1', 'https://admin:hunter2@spp.example.test']) {
      const check = checkRequestArg('appliances:add', { ...draft, baseUrl });
      expect(check.ok).toBe(false);
      expect(JSON.stringify(check)).not.toContain('hunter2');
    }
  });
});

describe('validatedHandlers', () => {
  const calls: unknown[] = [];
  const handlers = validatedHandlers({
    'appliances:remove': async (id: string) => {
      calls.push(id);
      return { ok: true, value: { password: 'deleted' } };
    },
    'sessions:get': async () => null,
  } as unknown as IpcHandlers);

  it('calls the handler with the validated argument', async () => {
    await handlers['appliances:remove']('a1');
    expect(calls).toEqual(['a1']);
  });

  it('a channel that answers with a failure refuses a bad argument as one, without calling the handler', async () => {
    const refused = await handlers['appliances:remove']('../etc');
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/^Invalid value: /) as unknown });
    expect(calls).toEqual(['a1']);
  });

  it('other channels reject a bad argument with IpcValidationError', async () => {
    await expect(handlers['sessions:get']({ applianceId: 'a1' } as never)).rejects.toBeInstanceOf(IpcValidationError);
  });
});
