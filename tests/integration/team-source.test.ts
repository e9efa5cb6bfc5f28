/**
 * A desktop that reads a shared `backwatch serve` over TLS with a pinned certificate: the real
 * server over the SPP simulator, and the desktop's real core pointed at it. It sees the server's
 * jobs, hears a failure over the event stream and notifies it once (not again after a restart),
 * acknowledges for the team, is told in words when its token may only read, and refuses a server
 * whose certificate changed.
 */
import { on } from '../../src-main/common/event.js';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import type { Notice } from '../../src-main/common/notification-policy.js';
import { TEAM_SERVER_ACCOUNT, type TeamServerSource } from '../../src-main/common/settings.js';
import type { ChangeEvent } from '../../src-main/common/snapshot.js';
import { createAppCore, type AppCore } from '../../src-main/core/app/app-core.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { openHistoryStore } from '../../src-main/core/history/history-store.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { createFakeTime } from '../support/fake-time.js';
import { startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { testAppInfo } from '../support/throwaway-core.js';
import { eventually } from '../support/eventually.js';

const pinOf = (pem: string) => ({
  fingerprint256: createHash('sha256').update(new X509Certificate(pem).raw).digest('hex').toUpperCase().match(/../g)!.join(':'),
  pem,
});

/** Waits (on the real network) until `check` holds, for at most 10 s. */
const settled = (check: () => boolean | Promise<boolean>, what: string) => eventually(check, 10_000, what, { intervalMs: 20 });

interface Desktop {
  readonly core: AppCore;
  readonly notices: Notice[];
  readonly changes: ChangeEvent[];
  /** Every `status:changed` the desktop's window was sent. */
  readonly statuses: unknown[];
  readonly time: ReturnType<typeof createFakeTime>;
  close(): Promise<void>;
}

describe('a desktop that reads a Backwatch server', () => {
  let fleet: ServedFleet;
  let operator: string;
  let reader: string;
  let source: TeamServerSource;
  const open: Desktop[] = [];

  /** A desktop core in `dir` (its config and notification memory live there) holding `token`. */
  async function desktop(dir: string, token: string, server: TeamServerSource | null = source): Promise<Desktop> {
    const config = openConfigFile(dir);
    if (server) await config.update((d) => ({ ...d, teamServer: server }));
    const time = createFakeTime(Date.now());
    const history = openHistoryStore(dir, silentLogger);
    const core = createAppCore({
      config,
      history,
      secrets: createMemorySecretStore({ [TEAM_SERVER_ACCOUNT]: token }),
      log: silentLogger,
      info: testAppInfo,
      openExternal: async () => {},
      scheduler: time.scheduler,
      env: { BW_TOKEN: token },
      // Ten in the morning, whatever the machine's clock says: quiet hours are the test's to set.
      localMinutes: () => 600,
    });
    const notices: Notice[] = [];
    const changes: ChangeEvent[] = [];
    on(core.events, 'notice', (n) => notices.push(n));
    on(core.events, 'changes', (c) => changes.push(...c));
    const statuses: unknown[] = [];
    on(core.events, 'status:changed', (snapshot) => statuses.push(snapshot));
    core.start();
    await core.handlers['appliances:refresh']();
    const opened: Desktop = {
      core,
      notices,
      changes,
      statuses,
      time,
      async close() {
        open.splice(open.indexOf(opened), 1);
        await core.close();
        config.close();
        history.close();
      },
    };
    open.push(opened);
    return opened;
  }

  beforeAll(async () => {
    const tokens = openTokenStore(mkdtempSync(path.join(os.tmpdir(), 'backwatch-team-tokens-')));
    operator = await tokens.add('oncall', 'operate', new Date());
    reader = await tokens.add('wallboard', 'read', new Date());
    const tls = await makeSelfSignedCertificate('backwatch.team');
    fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 }, serve: { tokens, tls } });
    await fleet.core.handlers['appliances:refresh']();
    source = { url: fleet.server.url, credential: { kind: 'keychain' }, certificate: pinOf(tls.cert) };
  });
  afterAll(async () => {
    await Promise.all(open.map((d) => d.close()));
    await fleet.close();
  });

  it('shows the server’s jobs, notifies a failure once, and not again after a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-desktop-'));
    const first = await desktop(dir, operator);
    const snapshot = await first.core.snapshot();
    expect(snapshot.teamServer).toEqual({ url: fleet.server.url, link: 'live', message: '' });
    expect(snapshot.appliances.map((a) => a.name)).toEqual(['SPP 1']);
    const identity = (jobs: { jobId: string; lastOutcomeSessionId: string | null; protection: string }[]) =>
      jobs.map(({ jobId, lastOutcomeSessionId, protection }) => ({ jobId, lastOutcomeSessionId, protection }));
    expect(identity(await first.core.handlers['jobs:list']({}))).toEqual(identity(await fleet.core.handlers['jobs:list']({})));
    expect(first.notices).toEqual([]);

    const sim = fleet.sims[0]!;
    const job = sim.scenario.jobs()[1]!;
    const run = sim.scenario.startRun(job.id);
    sim.scenario.finishRun(run.id, 'failed');
    await fleet.core.handlers['appliances:refresh']();
    const failedNotices = (d: Desktop) => d.notices.filter((n) => n.kind === 'session_failed' && n.keys.some((k) => k.includes(run.id)));
    await settled(() => failedNotices(first).length > 0, 'the notice of the failed session');
    await settled(
      async () => (await first.core.handlers['sessions:list']({ jobId: job.id })).some((s) => s.id === run.id && s.status === 'failed'),
      'the failed session in the mirror',
    );
    // Another server poll, and its status on the stream: still the one notice.
    const statuses = first.statuses.length;
    await fleet.core.handlers['appliances:refresh']();
    await settled(() => first.statuses.length > statuses, 'the status of the next server poll');
    expect(failedNotices(first)).toHaveLength(1);
    await first.close();

    // The server replays its recent changes to a new stream: the restarted desktop hears the
    // failure again and stays quiet, while a desktop that never saw it notifies it once.
    const restarted = await desktop(dir, operator);
    const stranger = await desktop(mkdtempSync(path.join(os.tmpdir(), 'backwatch-desktop-')), operator);
    const heard = (d: Desktop) => d.changes.some((c) => c.kind === 'session_failed' && c.session.id === run.id);
    await settled(() => heard(restarted) && heard(stranger), 'the replayed failure');
    expect(failedNotices(restarted)).toEqual([]);
    expect(failedNotices(stranger)).toHaveLength(1);
  });

  it('keeps the desktop’s own quiet hours, and notifies what they held once they are over', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-quiet-'));
    const prepared = openConfigFile(dir);
    await prepared.update((d) => ({ ...d, settings: { ...d.settings, quietHours: { enabled: true, start: '09:00', end: '11:00' } } }));
    prepared.close();
    const d = await desktop(dir, operator);
    const sim = fleet.sims[0]!;
    const run = sim.scenario.startRun(sim.scenario.jobs()[3]!.id);
    sim.scenario.finishRun(run.id, 'failed');
    await fleet.core.handlers['appliances:refresh']();
    await settled(() => d.changes.some((c) => c.kind === 'session_failed' && c.session.id === run.id), 'the failure on the stream');
    expect(d.notices).toEqual([]);

    const saved = await d.core.handlers['settings:update']({ quietHours: { enabled: false, start: '09:00', end: '11:00' } });
    expect(saved.ok).toBe(true);
    await fleet.core.handlers['appliances:refresh']();
    await settled(() => d.notices.length > 0, 'the held notice');
    expect(d.notices).toHaveLength(1);
    expect(d.notices[0]!.keys.some((k) => k.includes(run.id))).toBe(true);
  });

  it('acknowledges on the server for the team, and a read token is told so in words', async () => {
    const sim = fleet.sims[0]!;
    const job = sim.scenario.jobs()[2]!;
    sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'failed');
    await fleet.core.handlers['appliances:refresh']();
    const operatorDesktop = await desktop(mkdtempSync(path.join(os.tmpdir(), 'backwatch-desktop-')), operator);
    const readerDesktop = await desktop(mkdtempSync(path.join(os.tmpdir(), 'backwatch-desktop-')), reader);
    const flag = { applianceId: 'spp-1', jobId: job.id, on: true };

    await expect(readerDesktop.core.handlers['notifications:acknowledge'](flag)).rejects.toThrow(
      /^This token may only read; ask for an operate token\.$/,
    );
    expect((await fleet.core.handlers['jobs:list']({})).find((j) => j.jobId === job.id)!.acknowledged).toBe(false);

    await operatorDesktop.core.handlers['notifications:acknowledge'](flag);
    expect((await fleet.core.handlers['jobs:list']({})).find((j) => j.jobId === job.id)!.acknowledged).toBe(true);
    // Every desktop, the reader's too, sees it once the server's status reaches them.
    for (const d of [operatorDesktop, readerDesktop]) {
      await settled(
        async () => (await d.core.handlers['jobs:list']({})).find((j) => j.jobId === job.id)?.acknowledged === true,
        'the acknowledgement on a desktop',
      );
    }
    // Appliances are the server's business: a desktop cannot add one.
    const added = await operatorDesktop.core.handlers['appliances:add']({
      name: 'x',
      vendor: 'spp',
      baseUrl: 'https://x.test',
      username: 'u',
    });
    expect(added).toEqual({ ok: false, message: 'Appliances are added on the Backwatch server this desktop reads, not here.' });
  });

  it('refuses a server whose certificate changed, and tries again later with back-off', async () => {
    const other = await makeSelfSignedCertificate('backwatch.team');
    const changed = { ...source, certificate: pinOf(other.cert) };
    const d = await desktop(mkdtempSync(path.join(os.tmpdir(), 'backwatch-desktop-')), operator, changed);
    const snapshot = await d.core.snapshot();
    expect(snapshot.teamServer?.link).toBe('down');
    expect(snapshot.teamServer?.message).toBe(
      `The certificate of the Backwatch server ${new URL(source.url).host} changed since you trusted it (it now presents SHA-256 ${source.certificate!.fingerprint256}): compare it with the server's, then add the server again.`,
    );
    expect(snapshot.appliances).toEqual([]);
    // The next try after the back-off, beside the maintenance windows' look a day ahead.
    const [retry, ...others] = d.time.pending();
    expect(retry).toBeGreaterThan(0);
    expect(others).toEqual([86_400_000]);
  });

  it('is added by the CLI with its fingerprint shown and pinned, and status and jobs read it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-cli-'));
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => '', isTTY: false };
      const code = await runCli([...args, '--config-dir', dir], term, { PATH: process.env.PATH, BW_TOKEN: operator });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const { fingerprint256 } = source.certificate!;
    // A desktop already running on this configuration follows what the CLI saves.
    const running = await desktop(dir, operator, null);
    expect((await running.core.snapshot()).teamServer).toBeUndefined();
    const unpinned = await cli('server', 'add', fleet.server.url, '--token-env', 'BW_TOKEN');
    expect(unpinned.code).toBe(4);
    expect(unpinned.err).toContain(`SHA-256 ${fingerprint256}`);
    expect(unpinned.err).toContain('run again with --trust-fingerprint');
    expect(openConfigFile(dir).read().teamServer).toBeUndefined();

    const added = await cli('server', 'add', fleet.server.url, '--token-env', 'BW_TOKEN', '--trust-fingerprint', fingerprint256);
    expect(added).toMatchObject({
      code: 0,
      out: `This computer now reads the Backwatch server ${fleet.server.url} (1 appliance, ${fleet.sims[0]!.scenario.jobs().length} jobs).`,
    });
    expect(openConfigFile(dir).read().teamServer).toMatchObject({ url: fleet.server.url, certificate: { fingerprint256 } });

    const jobs = await cli('jobs', '--json');
    expect(jobs.code).toBe(0);
    expect((JSON.parse(jobs.out) as { jobId: string }[]).map((j) => j.jobId).sort()).toEqual(
      (await fleet.core.handlers['jobs:list']({})).map((j) => j.jobId).sort(),
    );
    const status = await cli('status');
    expect(status.out).toMatch(/^BACKWATCH (OK|WARNING|CRITICAL)/);
    await settled(async () => (await running.core.snapshot()).teamServer?.link === 'live', 'the running desktop to read the server');
    expect(running.statuses.at(-1)).toMatchObject({ teamServer: { url: fleet.server.url }, appliances: [{ name: 'SPP 1' }] });

    expect((await cli('server', 'remove')).out).toBe(
      `This computer no longer reads ${fleet.server.url}; it watches the appliances configured here.`,
    );
    expect(openConfigFile(dir).read().teamServer).toBeUndefined();
    await settled(async () => (await running.core.snapshot()).teamServer === undefined, 'the running desktop to leave the server');
  });

  it('is added and removed from the window, and the desktop switches at once', async () => {
    const d = await desktop(mkdtempSync(path.join(os.tmpdir(), 'backwatch-window-')), operator, null);
    const draft = { url: fleet.server.url, token: operator };
    const wrongPin = await d.core.handlers['source:add-server']({ ...draft, trustedFingerprint: 'AB'.repeat(32) });
    expect(wrongPin).toMatchObject({ ok: false, message: expect.stringMatching(/is not the one you accepted/) });
    const badToken = await d.core.handlers['source:add-server']({
      ...draft,
      token: 'bw_nope',
      trustedFingerprint: source.certificate!.fingerprint256,
    });
    expect(badToken).toEqual({
      ok: false,
      message: `The Backwatch server ${new URL(fleet.server.url).host} refused the token: add the server again with a valid one.`,
    });
    expect((await d.core.snapshot()).teamServer).toBeUndefined();

    const added = await d.core.handlers['source:add-server']({ ...draft, trustedFingerprint: source.certificate!.fingerprint256 });
    expect(added).toEqual({
      ok: true,
      value: `This desktop now reads ${fleet.server.url} (1 appliance, ${fleet.sims[0]!.scenario.jobs().length} jobs).`,
    });
    await settled(async () => (await d.core.snapshot()).teamServer?.link === 'live', 'the desktop to read the server');
    expect(d.statuses.at(-1)).toMatchObject({ teamServer: { url: fleet.server.url }, appliances: [{ name: 'SPP 1' }] });

    expect(await d.core.handlers['source:remove-server']()).toEqual({ ok: true, value: undefined });
    expect((await d.core.snapshot()).teamServer).toBeUndefined();
    expect((await d.core.snapshot()).appliances).toEqual([]);
  });

  it('sets an unusable server entry aside and keeps it in the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-aside-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ schemaVersion: 1, appliances: [], teamServer: { url: 'http://plain.example', credential: { kind: 'keychain' } } }),
    );
    const config = openConfigFile(dir);
    expect(config.read().teamServer).toBeUndefined();
    expect(config.notices).toEqual([
      'The Backwatch server entry is set aside and not read. Its url is invalid: the address must start with https:// (Backwatch connects over HTTPS only).',
    ]);
    await config.update((d) => ({ ...d, settings: { ...d.settings, rpoSec: 7200 } }));
    expect(JSON.parse(readFileSync(file, 'utf8')).teamServer).toEqual({ url: 'http://plain.example', credential: { kind: 'keychain' } });
    await config.update((d) => ({ ...d, teamServer: null }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('teamServer');
    config.close();
  });
});
