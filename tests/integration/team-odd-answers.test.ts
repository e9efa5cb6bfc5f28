/**
 * A Backwatch server that answers in another shape (another version, or no Backwatch server at
 * all): `status`, `jobs` and `watch` say so in one line and go on, and a desktop that had a good
 * view keeps it whatever frame comes next.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_SERVER_ACCOUNT } from '../../src-main/common/settings.js';
import { createAppCore } from '../../src-main/core/app/app-core.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { openMemoryHistoryStore } from '../../src-main/core/history/history-store.js';
import { createLogger } from '../../src-main/core/logger.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { runCliIn } from '../support/cli-run.js';
import { eventually } from '../support/eventually.js';
import { goodTeamAnswers, startFakeTeamServer, teamConfigDir, type FakeTeamServer, type TeamAnswer } from '../support/fake-team-server.js';
import { testAppInfo } from '../support/throwaway-core.js';

const good = goodTeamAnswers();
const withField = (answer: TeamAnswer, field: string, value: unknown) => JSON.stringify({ ...JSON.parse(good[answer]), [field]: value });
const firstWith = (answer: TeamAnswer, field: string, value: unknown) =>
  JSON.stringify([{ ...(JSON.parse(good[answer]) as object[])[0], [field]: value }]);

/** Answers in other shapes, each for one GET of the team API. */
const ODD_ANSWERS: readonly [string, TeamAnswer, string][] = [
  ['appliances as an object', 'status', withField('status', 'appliances', {})],
  ['a status with one field', 'status', '{"at":"2025-01-02T12:00:00Z"}'],
  ['a proxy page', 'status', '<html>Sign in to the proxy</html>'],
  ['null', 'status', 'null'],
  ['an object for the list', 'jobs', '{}'],
  ['an unknown protection word', 'jobs', firstWith('jobs', 'protection', 'mostly')],
  ['numbers for jobs', 'jobs', '[1, 2]'],
  ['the list wrapped in an object', 'sessions', '{"sessions":[]}'],
  ['a start time as a number', 'sessions', firstWith('sessions', 'start', 1733500000)],
];

const TOKEN_ENV = { BW_TOKEN: 'bw_any' };
const BIN = path.resolve('bin/backwatch.mjs');
let server: FakeTeamServer;
let line: string;

beforeAll(async () => {
  server = await startFakeTeamServer();
  line = `The Backwatch server at ${server.url} answered in a form this version does not understand.`;
});
afterAll(() => server.close());

/** `backwatch watch` in its own process on `dir`, with every line it writes. */
function watch(dir: string) {
  const child = spawn(process.execPath, [BIN, 'watch', '--config-dir', dir], { env: { PATH: process.env.PATH, ...TOKEN_ENV } });
  const out: string[] = [];
  const err: string[] = [];
  createInterface({ input: child.stdout }).on('line', (l) => out.push(l));
  createInterface({ input: child.stderr }).on('line', (l) => err.push(l));
  return {
    out,
    err,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop(): Promise<number | null> {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('a Backwatch server answering in another shape', () => {
  it.each(ODD_ANSWERS)('status and jobs say it in one line: %s for %s', async (_, answer, text) => {
    const dir = await teamConfigDir(server);
    server.answers[answer] = text;
    try {
      const status = await runCliIn(dir, ['status'], TOKEN_ENV);
      expect(status).toEqual({ code: 3, out: `BACKWATCH UNKNOWN - ${line}`, err: '' });
      const jobs = await runCliIn(dir, ['jobs'], TOKEN_ENV);
      expect(jobs).toEqual({ code: 4, out: '', err: `backwatch: ${line}` });
    } finally {
      server.answers[answer] = good[answer];
    }
  });

  it('watch says it once and keeps running, from the first reading and through odd frames', { timeout: 60_000 }, async () => {
    const other = await startFakeTeamServer();
    other.answers.status = withField('status', 'appliances', {});
    const broken = watch(await teamConfigDir(other));
    const live = watch(await teamConfigDir(server));
    try {
      await eventually(() => server.streams() === 1, 20_000, 'the event stream of watch');
      await eventually(() => broken.err.length > 0, 20_000, 'the first words of watch');
      for (const [event, data] of [
        ['status', withField('status', 'jobsOmitted', 'many')],
        ['sessions', '{"reset":true,"upserted":{},"removed":[]}'],
        ['changes', '[{"kind":"session_failed","key":"k"}]'],
        ['status', '{"at":'],
      ]) {
        server.push(event!, data!);
      }
      await eventually(() => live.err.length > 0, 10_000, 'watch to tell the odd frames');
      // Time for anything else they would say, or a crash; the broken one tries again meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(broken.err).toEqual([`backwatch: ${line.replace(server.url, other.url)}`]);
      expect(live.err).toEqual([`warn: ${line}`]);
      expect([broken.running(), live.running()]).toEqual([true, true]);
      expect([await broken.stop(), await live.stop()]).toEqual([0, 0]);
    } finally {
      await Promise.all([broken, live].filter((w) => w.running()).map((w) => w.stop()));
      await other.close();
    }
  });

  it('leaves the desktop its last good view when the next frames come in other shapes', async () => {
    const dir = await teamConfigDir(server);
    const config = openConfigFile(dir);
    const warnings: string[] = [];
    const core = createAppCore({
      config,
      history: openMemoryHistoryStore(),
      secrets: createMemorySecretStore({ [TEAM_SERVER_ACCOUNT]: 'bw_any' }),
      log: createLogger((l) => l.level !== 'debug' && l.level !== 'info' && warnings.push(l.message)),
      info: testAppInfo,
      openExternal: async () => {},
      env: TOKEN_ENV,
    });
    try {
      core.start();
      await core.handlers['appliances:refresh']();
      const before = await core.snapshot();
      expect(before.appliances.map((a) => a.name)).toEqual(['SPP prod']);
      const streams = server.streams();
      server.push('status', withField('status', 'appliances', [{ name: 'Not an appliance' }]));
      server.push('sessions', '{"reset":true,"upserted":[{"id":"s9"}],"removed":[]}');
      server.push('changes', '{"kind":"rpo_breached"}');
      await eventually(() => warnings.length > 0, 10_000, 'the desktop to tell the odd frames');
      // The view stays as it was; the server banner says why it may be out of date.
      expect(await core.snapshot()).toEqual({ ...before, teamServer: { ...before.teamServer, message: line } });
      expect((await core.handlers['jobs:list']({})).map((j) => j.jobId)).toEqual(['j1']);
      expect((await core.handlers['sessions:list']({ limit: 10 })).map((s) => s.id)).toEqual(['s1']);
      expect(warnings).toEqual([line]);
      expect(server.streams()).toBe(streams);
    } finally {
      await core.close();
      config.close();
    }
  });
});
