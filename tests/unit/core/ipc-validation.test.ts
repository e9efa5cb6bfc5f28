import { describe, expect, it } from 'vitest';
import type { IpcRequestChannel } from '../../../src-main/common/ipc-contract.js';
import { REQUEST_CHANNELS } from '../../../src-main/common/ipc-channels.js';
import type { IpcHandlers } from '../../../src-main/common/ipc-channels.js';
import { IpcValidationError, dispatchRequest, parseRequestArg } from '../../../src-main/core/ipc-validation.js';

const FP = 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89';
const draft = { name: 'SPP prod', vendor: 'spp', baseUrl: 'https://spp.example.test', username: 'admin', password: 'pw' };
const flag = { applianceId: 'a1', jobId: 'j1', on: true, until: '2024-03-01T12:00:00.000Z' };
const long = (n: number) => 'x'.repeat(n);

/** For every channel: arguments it must accept and arguments it must refuse. */
const CASES = {
  'appliances:list': { good: [undefined, null], bad: [{}, 'x'] },
  'appliances:add': {
    good: [
      draft,
      {
        ...draft,
        password: undefined,
        credential: { kind: 'env', variable: 'SPP_PW' },
        options: { apiVersion: 'v8' },
        trustedFingerprint: FP,
      },
    ],
    bad: [
      { ...draft, vendor: 'netbackup' },
      { ...draft, baseUrl: 'http://spp.example.test' },
      { ...draft, baseUrl: 'https://user:pw@spp.example.test' },
      { ...draft, baseUrl: 'not a url' },
      { ...draft, name: '   ' },
      { ...draft, name: long(101) },
      { ...draft, password: long(1025) },
      { ...draft, credential: { kind: 'env', variable: 'BAD-NAME' } },
      { ...draft, trustedFingerprint: 'abc' },
      { ...draft, extra: 1 },
      null,
    ],
  },
  'appliances:update': {
    good: [{ id: 'a1', draft }],
    bad: [{ id: 'a 1', draft }, { id: 'a1' }, { id: 'a1', draft: { ...draft, vendor: 'x' } }],
  },
  'appliances:remove': { good: ['a1', 'Zx_9-'], bad: ['', long(65), 'a/b', 7, undefined] },
  'appliances:test': { good: [{ id: 'a1' }, { draft }, { draft, id: 'a1' }], bad: [{}, { id: 3 }, { draft: {} }, { id: 'a1', other: 1 }] },
  'appliances:probe-certificate': {
    good: ['https://vbo.example.test:4443'],
    bad: ['http://vbo.example.test', 'ftp://x', `https://${long(2050)}.test`, 42],
  },
  'appliances:trust-certificate': {
    good: [{ id: 'a1', fingerprint256: FP.replace(/:/g, '') }],
    bad: [{ id: 'a1', fingerprint256: 'zz' }, { id: 'a1' }],
  },
  'appliances:refresh': { good: [undefined], bad: ['now'] },
  'sessions:list': {
    good: [
      {},
      { applianceId: 'a1', statuses: ['failed', 'warning'], jobId: 'j1', text: 'nightly', since: '2024-03-01T00:00:00Z', limit: 50 },
    ],
    bad: [{ statuses: ['exploded'] }, { limit: 0 }, { limit: 1.5 }, { since: 'yesterday' }, { text: long(201) }, { unknown: true }],
  },
  'sessions:get': { good: [{ applianceId: 'a1', sessionId: '1712' }], bad: [{ applianceId: 'a1' }, { applianceId: 'a1', sessionId: '' }] },
  'sessions:log': {
    good: [{ applianceId: 'a1', sessionId: 's', page: 0 }],
    bad: [
      { applianceId: 'a1', sessionId: 's', page: -1 },
      { applianceId: 'a1', sessionId: 's' },
    ],
  },
  'status:snapshot': { good: [undefined], bad: [1] },
  'notifications:pause': { good: [{ until: null }, { until: '2024-03-01T13:00:00.000+01:00' }], bad: [{}, { until: 'tomorrow' }] },
  'notifications:mute': {
    good: [flag, { applianceId: 'a1', jobId: 'j1', on: false }],
    bad: [
      { ...flag, on: 'yes' },
      { ...flag, jobId: long(301) },
    ],
  },
  'notifications:acknowledge': { good: [{ ...flag, until: null }], bad: [{ ...flag, applianceId: '' }] },
  'settings:get': { good: [undefined], bad: [{ x: 1 }] },
  'settings:update': {
    good: [{}, { pollIntervalSec: 120 }, { quietHours: { enabled: true, start: '23:30', end: '06:00' }, startAtLogin: true }],
    bad: [
      { pollIntervalSec: 1 },
      { quietHours: { enabled: true, start: '25:00', end: '06:00' } },
      { notifications: { failure: true } },
      { theme: 'dark' },
    ],
  },
  'app:info': { good: [undefined], bad: ['v'] },
  'app:open-appliance': { good: ['a1'], bad: ['https://evil.example.test'] },
  'app:start-demo': { good: [null], bad: [true] },
} satisfies Record<IpcRequestChannel, { good: unknown[]; bad: unknown[] }>;

describe('parseRequestArg', () => {
  it('has cases for every request channel of the contract', () => {
    expect(Object.keys(CASES).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  for (const [channel, { good, bad }] of Object.entries(CASES) as [IpcRequestChannel, { good: unknown[]; bad: unknown[] }][]) {
    it(`${channel} accepts good arguments`, () => {
      for (const arg of good) expect(() => parseRequestArg(channel, arg), JSON.stringify(arg)).not.toThrow();
    });
    it(`${channel} refuses bad arguments with a short IpcValidationError`, () => {
      for (const arg of bad) {
        let error: unknown;
        try {
          parseRequestArg(channel, arg);
        } catch (e) {
          error = e;
        }
        expect(error, JSON.stringify(arg)?.slice(0, 80)).toBeInstanceOf(IpcValidationError);
        expect((error as Error).message.length).toBeLessThanOrEqual(260);
        expect((error as Error).message).toContain(channel);
      }
    });
  }

  it('normalises fingerprints and trims names', () => {
    const parsed = parseRequestArg('appliances:add', { ...draft, name: '  SPP prod  ', trustedFingerprint: FP.replace(/:/g, '') });
    expect(parsed.name).toBe('SPP prod');
    expect(parsed.trustedFingerprint).toBe(FP.toUpperCase());
  });

  it('never echoes a refused password in the message', () => {
    const secret = `hunter2-${long(1100)}`;
    expect(() => parseRequestArg('appliances:add', { ...draft, password: secret })).toThrow(IpcValidationError);
    try {
      parseRequestArg('appliances:add', { ...draft, password: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('refuses unknown channels without echoing them', () => {
    expect(() => parseRequestArg('shell:exec' as IpcRequestChannel, 'rm -rf /')).toThrow('Unknown request channel.');
  });
});

describe('dispatchRequest', () => {
  const calls: unknown[] = [];
  const handlers = {
    'appliances:remove': async (id: string) => {
      calls.push(id);
      return { ok: true, value: undefined };
    },
  } as unknown as IpcHandlers;

  it('calls the handler with the validated argument', async () => {
    await dispatchRequest(handlers, 'appliances:remove', 'a1');
    expect(calls).toEqual(['a1']);
  });

  it('rejects a bad argument without calling the handler', async () => {
    await expect(dispatchRequest(handlers, 'appliances:remove', '../etc')).rejects.toBeInstanceOf(IpcValidationError);
    expect(calls).toEqual(['a1']);
  });
});
