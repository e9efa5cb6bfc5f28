/**
 * Answers the vendors' documents allow, however odd, never stop the CLI: a VB365 session of only
 * `{id, status}` on several appliances, a job link with a bare `%`, a VBR run stopped on a leap
 * second without an end. Each is listed, none is taken for a backup, and the CLI answers with a
 * status, never "unexpected error".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArgs, cliRunner } from '../support/cli-runner.js';
import type { StubAppliance } from '../support/stub-appliances.js';
import { startVb365Stub, startVbrStub } from '../support/stub-appliances.js';

const stubs: StubAppliance[] = [];
afterAll(async () => {
  for (const s of stubs.splice(0)) await s.close();
});

const listedIds = (out: string): string[] => (JSON.parse(out) as { id: string }[]).map((s) => s.id);

describe('backwatch over answers the documents allow', () => {
  const cli = cliRunner({ STUB_PW: 'secret' });

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) stubs.push(await startVb365Stub());
    stubs.push(await startVbrStub());
    const [first, second, third, vbr] = stubs;
    first!.sessions = [{ id: 'm365-bare', status: 'Success' }];
    second!.sessions = [
      { id: 'm365-bare-2', status: 'Success' },
      { id: 'm365-percent', status: 'Failed', _links: { job: { href: '/v6/Jobs/100%' } } },
    ];
    third!.sessions = [{ id: 'm365-bare-3', status: 'Warning' }];
    vbr!.sessions = [
      {
        id: '6a1f3f3e-0a8c-4d0e-9a55-2f1f7d6b1c01',
        name: 'Backup Job - Leap',
        jobId: '6a1f3f3e-0a8c-4d0e-9a55-2f1f7d6b1c02',
        sessionType: 'BackupJob',
        creationTime: '2026-06-30T23:59:60Z',
        state: 'Stopped',
        result: { result: 'Success' },
        usn: 1,
      },
    ];
    for (const [i, s] of stubs.entries()) {
      const added = await cli(addArgs(i < 3 ? 'vb365' : 'vbr', `Appliance ${i}`, s.server));
      expect(added).toMatchObject({ code: 0, err: '' });
    }
  });

  it('status answers with a status: the timeless runs protect nothing, the failure is named', async () => {
    const status = await cli(['status']);
    expect(status.err).not.toMatch(/unexpected error/i);
    expect(status.code).toBe(2);
    const json = await cli(['status', '--json']);
    expect(json.code).toBe(2);
    const snapshot = JSON.parse(json.out) as { appliances: { jobs: { lastSuccessSessionId: string | null }[] }[] };
    expect(snapshot.appliances.flatMap((a) => a.jobs).every((j) => j.lastSuccessSessionId === null)).toBe(true);
  });

  it('sessions --json lists every session served, as JSON', async () => {
    const sessions = await cli(['sessions', '--json', '--limit', '100']);
    expect(sessions).toMatchObject({ code: 0, err: '' });
    const served = stubs.flatMap((s) => s.sessions.map((x) => String(x['id'])));
    expect(listedIds(sessions.out).sort()).toEqual(served.sort());
  });

  it('refuses a --limit past what a query returns, in words', async () => {
    expect(await cli(['sessions', '--limit', '200000'])).toMatchObject({
      code: 64,
      err: 'backwatch: --limit takes a whole number from 1 to 100,000.',
    });
  });
});
