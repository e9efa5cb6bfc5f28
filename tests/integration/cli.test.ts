import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { askOn, runCli } from '../../src-main/cli/main.js';
import { createKeytarSecretStore } from '../../src-main/core/secrets/secret-store.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { startVbrSimulator, type VbrSimulator } from '../../src-main/demo/vbr/vbr-simulator.js';
import { eventually } from '../support/eventually.js';

let sim: SppSimulator;
let vbr: VbrSimulator | undefined;
let dir: string;
const env = () => ({
  PATH: process.env.PATH,
  SPP_PW: sim.credentials.password,
  WRONG_PW: 'not-the-password',
  ...(vbr ? { VBR_PW: vbr.credentials.password } : {}),
});

/** How far the CLI's clock runs ahead of the simulator's: time passing without waiting for it. */
let clockAheadMs = 0;

async function cli(args: string[], stdin = '', answer?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => stdin, isTTY: false };
  // With an answer, somebody sits at the terminal and answers the question asked.
  const ask = async (question: string) => (err.push(question), answer ?? '');
  const code = await runCli(
    [...args, '--config-dir', dir],
    answer === undefined ? term : { ...term, ask },
    env(),
    () => Date.now() + clockAheadMs,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const addArgs = (name = 'SPP prod', extra: string[] = []) => [
  'appliance',
  'add',
  '--vendor',
  'spp',
  '--name',
  name,
  '--url',
  sim.url,
  '--username',
  'admin',
  ...extra,
];
const pinned = () => ['--trust-fingerprint', sim.server.fingerprint256];

beforeAll(async () => {
  sim = await startSppSimulator({ historySize: 120, seed: 3 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  clockAheadMs = 0;
  dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-cli-'));
});

describe('backwatch appliance add, vendor by vendor', () => {
  beforeAll(async () => {
    vbr = await startVbrSimulator({ historySize: 40, seed: 3 });
  });
  afterAll(async () => {
    await vbr?.close();
    vbr = undefined;
  });
  const addAs = (vendor: string, url: string, server: { fingerprint256: string }, extra: string[]) =>
    cli([
      'appliance',
      'add',
      '--vendor',
      vendor,
      '--name',
      'Backup server',
      '--url',
      url,
      '--trust-fingerprint',
      server.fingerprint256,
      ...extra,
    ]);

  it('adds a Veeam Backup & Replication server end to end, with its API revision', async () => {
    const server = vbr!;
    const extra = ['--username', server.credentials.username, '--password-env', 'VBR_PW', '--api-version', '1.1-rev0'];
    const added = await addAs('vbr', server.url, server.server, extra);
    expect(added.err).toBe('');
    expect(added.out).toMatch(/^Added Backup server\. Connected to Backup server: \d+ jobs, \d+ recent sessions\.$/);
    expect(added.code).toBe(0);
    const [saved] = JSON.parse((await cli(['appliance', 'list', '--json'])).out) as { vendor: string; options: object }[];
    expect(saved).toMatchObject({ vendor: 'vbr', options: { apiVersion: '1.1-rev0' } });
    const tested = await cli(['appliance', 'test', 'Backup server']);
    expect(tested).toMatchObject({ code: 0, err: '' });
    expect(tested.out).toMatch(/Connected to Backup server/);
  });

  it('refuses a flag the vendor does not take, and a revision in another vendor’s form', async () => {
    const server = vbr!;
    const base = ['--username', server.credentials.username, '--password-env', 'VBR_PW'];
    const style = await addAs('vbr', server.url, server.server, [...base, '--api-style', 'rest']);
    expect(style.err).toBe('backwatch: --api-style does not apply to Veeam Backup & Replication. Nothing was saved.');
    const version = await addAs('vbr', server.url, server.server, [...base, '--api-version', 'v8']);
    expect(version.err).toBe('backwatch: API revision looks like 1.1-rev0. Nothing was saved.');
    expect((await cli(['appliance', 'list', '--json'])).out).toBe('[]');
  });

  it('says which product answers when the vendor is wrong, in one line', async () => {
    const result = await addAs('vb365', sim.url, sim.server, ['--username', 'admin', '--password-env', 'SPP_PW']);
    expect(result.code).toBe(4);
    expect(result.err.split('\n')).toEqual([
      'backwatch: This address answers like IBM Spectrum Protect Plus, not Veeam Backup for Microsoft 365. Nothing was saved.',
    ]);
    expect((await cli(['appliance', 'list', '--json'])).out).toBe('[]');
  });

  it('explains each vendor flag in the usage text', async () => {
    const help = await cli(['appliance', 'add', '--help']);
    expect(help.out).toContain('--vendor spp|vb365|vcsa|vbr');
    expect(help.out).toMatch(/--api-version \(vb365\): .*v5 to v8/);
    expect(help.out).toMatch(/--api-version \(vbr\): .*x-api-version/);
    expect(help.out).toMatch(/--api-style \(vcsa\): /);
  });
});

describe('backwatch appliance', () => {
  it('refuses an untrusted certificate until the admin names its fingerprint, and saves nothing', async () => {
    const refused = await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW']));
    expect(refused.code).toBe(4);
    expect(refused.err).toContain(sim.server.fingerprint256);
    expect((await cli(['appliance', 'list', '--json'])).out).toBe('[]');

    const added = await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', ...pinned()]));
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Added SPP prod/);
    const list = JSON.parse((await cli(['appliance', 'list', '--json'])).out) as { name: string; certificateFingerprint: string }[];
    expect(list).toMatchObject([{ name: 'SPP prod', certificateFingerprint: sim.server.fingerprint256 }]);
  });

  it('asks at the terminal when no trust flag is given, and saves only on yes', async () => {
    const refused = await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW']), '', 'n');
    expect(refused.err).toContain('Trust this certificate? [y/N]');
    expect(refused.err).toContain(sim.server.fingerprint256);
    expect(refused.code).toBe(4);
    expect((await cli(['appliance', 'list', '--json'])).out).toBe('[]');
    expect((await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW']), '', 'yes')).code).toBe(0);
    expect(JSON.parse((await cli(['appliance', 'list', '--json'])).out)).toMatchObject([
      { certificateFingerprint: sim.server.fingerprint256 },
    ]);
  });

  it('accepts a fingerprint written without colons in lower case', async () => {
    const fp = sim.server.fingerprint256.replace(/:/g, '').toLowerCase();
    expect((await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', '--trust-fingerprint', fp]))).code).toBe(0);
  });

  it('refuses a fingerprint that does not match what the appliance presents', async () => {
    const wrong = '00'.repeat(32);
    const result = await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', '--trust-fingerprint', wrong]));
    expect(result.code).toBe(4);
    expect(result.err).toMatch(/mismatch/i);
  });

  it('reports a wrong password in one line and keeps the existing configuration', async () => {
    expect((await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', ...pinned()]))).code).toBe(0);
    const before = readFileSync(path.join(dir, 'config.json'), 'utf8');
    const result = await cli(addArgs('SPP second', ['--password-env', 'WRONG_PW', ...pinned()]));
    expect(result.code).toBe(4);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/refused the user name or password/);
    expect(result.err).not.toContain('not-the-password');
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(before);
  });

  it('rejects bad input with a clear message', async () => {
    const add = (vendor: string, url: string) =>
      cli(['appliance', 'add', '--vendor', vendor, '--name', 'x', '--url', url, '--username', 'a', '--password-env', 'SPP_PW']);
    expect((await add('tsm', sim.url)).err).toMatch(/Unknown vendor "tsm"/);
    expect((await add('spp', 'not a url')).err).toMatch(/not a URL/);
    expect((await add('spp', 'http://plain')).err).toMatch(/HTTPS only/);
    const withPassword = await add('spp', 'https://admin:hunter2@[::1');
    expect(withPassword.err).not.toContain('hunter2');
    // A malformed address is the flag's mistake (64); a dead one is the world's (4).
    expect(withPassword.code).toBe(64);
    const credentials = await add('spp', 'https://admin:hunter2@spp.example.test');
    expect(credentials.err).toMatch(/must not contain a user name or password/);
    expect(credentials.err).not.toContain('hunter2');
    const dead = await add('spp', 'https://127.0.0.1:1');
    expect(dead.code).toBe(4);
    expect(dead.err).toMatch(/127\.0\.0\.1:1 refused the connection: nothing answers on that port/);
    expect((await cli(['frobnicate'])).code).toBe(64);
  });

  it('refuses what the services refuse before anything is stored, in one line', async () => {
    const run = (name: string, extra: string[] = []) => cli(addArgs(name, ['--password-env', 'SPP_PW', ...pinned(), ...extra]));
    const notItsOption = await run('SPP prod', ['--api-version', 'v8']);
    // A flag's mistake is a usage error, said before any request.
    expect(notItsOption.code).toBe(64);
    expect(notItsOption.err.split('\n')).toEqual([
      'backwatch: --api-version does not apply to IBM Spectrum Protect Plus. Nothing was saved.',
    ]);
    const asVb365 = [...addArgs('Veeam M365', ['--password-env', 'SPP_PW', ...pinned(), '--api-version', '8'])];
    asVb365[asVb365.indexOf('spp')] = 'vb365';
    const badVersion = await cli(asVb365);
    expect(badVersion.code).toBe(64);
    expect(badVersion.err.split('\n')).toEqual(['backwatch: API version looks like v8. Nothing was saved.']);
    expect(await run('n'.repeat(101))).toMatchObject({ code: 64, err: expect.stringMatching(/at most 100 characters/) });
    expect((await run('SPP\u001b[2J prod')).err).toMatch(/control or text-direction characters/);
    expect((await cli(['appliance', 'list', '--json'])).out).toBe('[]');
  });

  it('takes names in either Unicode form as the same name', async () => {
    expect((await cli(addArgs('Caf\u00e9', ['--password-env', 'SPP_PW', ...pinned()]))).code).toBe(0);
    expect((await cli(addArgs('Cafe\u0301', ['--password-env', 'SPP_PW', ...pinned()]))).err).toMatch(/already exists/);
    expect((await cli(['appliance', 'remove', 'CAFE\u0301'])).code).toBe(0);
  });

  it('prints its version, and says what is wrong with a negative value in its own words', async () => {
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+/);
    expect((await cli(['sessions', '--since', '-5h'])).err).toBe('backwatch: --since takes a duration like 30m, 24h or 7d, not "-5h".');
    expect((await cli(['sessions', '--limit', '-1'])).err).toBe('backwatch: --limit takes a whole number from 1 to 100,000.');
    expect((await cli(['sessions', '--bogus'])).err).toBe('backwatch: Unknown option --bogus. See backwatch sessions --help.');
  });

  it('removes an appliance', async () => {
    await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', ...pinned()]));
    expect((await cli(['appliance', 'remove', 'spp PROD'])).code).toBe(0);
    expect((await cli(['appliance', 'list', '--json'])).out).toBe('[]');
    expect((await cli(['appliance', 'remove', 'nothing'])).err).toMatch(/No appliance is named/);
  });
});

describe('a config.json the CLI cannot fully use', () => {
  const configFile = () => path.join(dir, 'config.json');
  const broken = {
    id: 'bad-1',
    name: 'Broken',
    vendor: 'spp',
    baseUrl: 'http://plain.example.test',
    username: 'a',
    credential: { kind: 'keychain' },
  };

  it('lists an appliance set aside, with why, and read-only commands never write the file', async () => {
    const content = JSON.stringify({ schemaVersion: 1, appliances: [broken], settings: { pollIntervalSec: -1 } });
    writeFileSync(configFile(), content);
    for (let run = 0; run < 3; run++) {
      const listed = await cli(['appliance', 'list']);
      expect(listed.code).toBe(0);
      expect(listed.out).toMatch(
        /Set aside in .*config\.json, not monitored: Broken\. Its baseUrl is invalid: the address must start with https:\/\/ \(Backwatch connects over HTTPS only\)/,
      );
      expect(listed.err).toMatch(/warning: Appliance "Broken" is set aside/);
      expect((await cli(['status'])).err).not.toMatch(/unexpected/);
    }
    expect(readFileSync(configFile(), 'utf8')).toBe(content);
    expect(readdirSync(dir).filter((name) => name.startsWith('config.json'))).toEqual(['config.json']);
  });

  it('removes a set-aside entry by its name, with the password the keychain still held for it', async () => {
    const keychain = createKeytarSecretStore();
    if (!(await keychain.availability()).available) return void console.warn('SKIPPED: no keychain here');
    await keychain.set(broken.id, 'orphaned-password');
    writeFileSync(configFile(), JSON.stringify({ schemaVersion: 1, appliances: [broken] }));
    const removed = await cli(['appliance', 'remove', 'broken']);
    expect(removed.out).toBe('Removed the set-aside entry broken and its stored password.');
    expect(await keychain.get(broken.id)).toBeNull();
    expect(readFileSync(configFile(), 'utf8')).not.toContain('Broken');
    expect((await cli(['appliance', 'remove', 'broken'])).err).toMatch(/No appliance is named "broken"/);
  });

  it('refuses to change a file written by a newer Backwatch, in one line, and leaves it as it is', async () => {
    const content = JSON.stringify({ schemaVersion: 99, appliances: [], hologram: true });
    writeFileSync(configFile(), content);
    const added = await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', ...pinned()]));
    expect(added.code).not.toBe(0);
    expect(added.err).toMatch(/config\.json was written by a newer Backwatch \(schema 99\); it is read-only here/);
    expect(added.out).not.toMatch(/Added/);
    expect(readFileSync(configFile(), 'utf8')).toBe(content);
  });
});

describe('backwatch status and sessions', () => {
  beforeEach(async () => {
    expect((await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', ...pinned()]))).code).toBe(0);
  });

  it('exits 2 while the latest run of a job failed, 0 once every job succeeded again', async () => {
    const failedJobs = sim.scenario.jobs().filter((j) => j.lastFinished?.state === 'failed');
    for (const job of sim.scenario.jobs()) {
      const run = sim.scenario.startRun(job.id);
      sim.scenario.finishRun(run.id, failedJobs.length === 0 && job === sim.scenario.jobs()[0] ? 'failed' : 'succeeded');
    }
    const anyFailed = sim.scenario.jobs().some((j) => j.lastFinished?.state === 'failed');
    const first = await cli(['status']);
    expect(first.code).toBe(anyFailed ? 2 : 0);
    for (const job of sim.scenario.jobs()) sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'succeeded');
    const second = await cli(['status', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ overall: 'ok', failedJobs: 0 });
  });

  it('status, jobs and sessions write nothing: the folder is as it was, and no notification is marked as shown', async () => {
    const job = sim.scenario.jobs()[2]!;
    sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'failed');
    const before = readdirSync(dir).sort();
    const config = readFileSync(path.join(dir, 'config.json'), 'utf8');
    for (const command of [['status'], ['jobs'], ['sessions'], ['status', '--json']]) await cli(command);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(before).not.toContain('monitor-state.json');
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(config);
  });

  it('status speaks the monitoring-plugin convention: state, summary, perfdata, then one line per problem', async () => {
    const job = sim.scenario.jobs()[1]!;
    sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'failed');
    const result = await cli(['status']);
    expect(result.code).toBe(2);
    const [head, ...problems] = result.out.split('\n');
    // The machines join the summary once their first read is judged; their counts in it are the perfdata's.
    const parts = head!.match(
      /^BACKWATCH CRITICAL - (\d+) failed(, \d+ at risk)?(?:, (\d+) machines? unprotected)?(?:, (\d+) machines? at risk)?(, \d+ with warnings)? \| failed=\1 at_risk=\d+ warning=\d+ running=\d+ ok=\d+ appliances_down=0 objects_unprotected=(\d+) objects_at_risk=(\d+) objects_protected=\d+ objects_acknowledged=0$/,
    );
    expect(parts, head).not.toBeNull();
    expect([parts![3] ?? '0', parts![4] ?? '0']).toEqual([parts![6], parts![7]]);
    expect(problems).toContain(`SPP prod: Backup failed: ${job.name}`);
  });

  it('jobs lists every job with its protection; job rpo sets, switches off and resets a job RPO', async () => {
    type JobJson = {
      applianceName: string;
      jobName: string;
      protection: string;
      lastStatus: string | null;
      lastSuccess: string | null;
      rpoSeconds: number | null;
    };
    const jobs = async (...extra: string[]) => JSON.parse((await cli(['jobs', '--json', ...extra])).out) as JobJson[];
    const all = await jobs();
    expect(all.length).toBe(sim.scenario.jobs().length);
    expect(Object.keys(all[0]!).sort()).toEqual(
      [
        'applianceId',
        'applianceName',
        'jobId',
        'jobName',
        'kind',
        'protection',
        'lastStatus',
        'lastSuccess',
        'rpoSeconds',
        'nextRun',
        'successRate',
      ].sort(),
    );
    // A run that succeeded an hour ago: inside the default RPO, outside one of 5 minutes.
    const job = sim.scenario.jobs()[0]!;
    sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'succeeded');
    const succeeded = (await jobs()).find((j) => j.jobName === job.name)!;
    expect(succeeded).toMatchObject({ protection: 'protected', lastStatus: 'succeeded' });
    clockAheadMs = 3600_000;

    const set = await cli(['job', 'rpo', 'spp prod', succeeded.jobName, '5m']);
    expect(set.out).toBe(`${succeeded.jobName} on SPP prod now has an RPO of 5 min.`);
    expect((await jobs()).find((j) => j.jobName === succeeded.jobName)).toMatchObject({ protection: 'at_risk', rpoSeconds: 300 });
    expect((await jobs('--state', 'at_risk')).map((j) => j.jobName)).toContain(succeeded.jobName);
    const status = await cli(['status']);
    expect(status.code).toBe(2);
    expect(status.out.split('\n')[0]).toMatch(/at risk/);
    expect(status.out).toContain(`SPP prod: At risk: ${succeeded.jobName}, last success`);

    await cli(['job', 'rpo', 'SPP prod', succeeded.jobName, 'off']);
    expect((await jobs()).find((j) => j.jobName === succeeded.jobName)).toMatchObject({ rpoSeconds: null });
    await cli(['job', 'rpo', 'SPP prod', succeeded.jobName, 'default']);
    expect((await jobs()).find((j) => j.jobName === succeeded.jobName)).toMatchObject({ rpoSeconds: 26 * 3600 });

    expect((await cli(['job', 'rpo', 'SPP prod', succeeded.jobName, '1 fortnight'])).err).toBe(
      'backwatch: The RPO is not a duration: write a number and a unit, e.g. 12h, 90m, 2d, or off.',
    );
    expect((await cli(['job', 'rpo', 'SPP prod', 'No such job', '1h'])).err).toBe('backwatch: SPP prod has no job named "No such job".');
    expect((await cli(['jobs'])).out.split('\n')[0]).toMatch(/^APPLIANCE\s+JOB\s+KIND\s+PROTECTION\s+LAST OUTCOME\s+LAST SUCCESS\s+RPO/);
  });

  it('prints sessions newest first as JSON with ISO UTC times', async () => {
    const result = await cli(['sessions', '--json', '--limit', '5']);
    expect(result.code).toBe(0);
    const sessions = JSON.parse(result.out) as { start: string; end: string | null; vendor: string; status: string }[];
    expect(sessions).toHaveLength(5);
    for (const s of sessions) {
      expect(s.vendor).toBe('spp');
      expect(s.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
    const starts = sessions.map((s) => s.start);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it('filters sessions by status and rejects an unknown status word', async () => {
    const failed = JSON.parse((await cli(['sessions', '--json', '--status', 'failed', '--limit', '500'])).out) as { status: string }[];
    expect(failed.every((s) => s.status === 'failed')).toBe(true);
    expect((await cli(['sessions', '--status', 'exploded'])).err).toMatch(/Unknown status exploded/);
    expect((await cli(['sessions', '--since', 'yesterday'])).err).toMatch(/--since takes/);
  });

  it('refuses a corrupt config file as it is when reading, keeps it aside and starts from defaults when changing', async () => {
    const corrupt = '{"schemaVersion": 1, "appliances": [';
    writeFileSync(path.join(dir, 'config.json'), corrupt);
    const list = await cli(['appliance', 'list', '--json']);
    expect(list.code).toBe(4);
    expect(list.err).toMatch(/config\.json cannot be used: it is not valid JSON\.$/);
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(corrupt);
    const remove = await cli(['appliance', 'remove', 'SPP prod']);
    expect(remove.err).toMatch(/could not be used \(it is not valid JSON\); it was moved to .*config\.json\.corrupt-/);
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.corrupt-'))).toBe(true);
  });
});

describe('backwatch watch --jsonl', () => {
  it('keeps polling and prints one JSON change event per line', { timeout: 60_000 }, async () => {
    expect((await cli(addArgs('SPP prod', ['--password-env', 'SPP_PW', ...pinned()]))).code).toBe(0);
    const watch = spawn(process.execPath, [path.resolve('bin/backwatch.mjs'), 'watch', '--jsonl', '--interval', '1', '--config-dir', dir], {
      env: env(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const events: { kind: string; session?: { id: string } }[] = [];
    createInterface({ input: watch.stdout }).on('line', (line) => events.push(JSON.parse(line) as (typeof events)[number]));
    const sessionReads = () => sim.server.stats.byPath.get('/api/endeavour/jobsession') ?? 0;
    const readsBefore = sessionReads();
    const until = (condition: () => boolean, what: string) => eventually(condition, 20_000, what);
    try {
      // A second read of the sessions means the first poll, which sets the baseline, is over.
      await until(() => sessionReads() >= readsBefore + 2, 'the second session read');
      const run = sim.scenario.startRun(sim.scenario.jobs()[2]!.id);
      sim.scenario.finishRun(run.id, 'failed');
      await until(() => events.some((e) => e.kind === 'session_failed' && e.session?.id === run.id), 'the failed run');
      expect(events.filter((e) => e.kind === 'session_failed').map((e) => e.session?.id)).toEqual([run.id]);
      expect(watch.exitCode).toBeNull();
    } finally {
      watch.kill('SIGTERM');
    }
    expect(await new Promise((r) => watch.once('exit', r))).toBe(0);
  });
});

describe('without a reachable keychain (no D-Bus session)', () => {
  // Asynchronously: the simulator answers from this process, which a synchronous spawn would block.
  const run = (args: string[], input = '') =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.resolve('bin/backwatch.mjs'), ...args, '--config-dir', dir], {
        env: { PATH: process.env.PATH, HOME: dir },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(input);
    });

  it('says what is true: the password is unknown, not missing; a removal may leave it; an add fails in one line', async () => {
    const saved = {
      id: 'spp-1',
      name: 'SPP prod',
      vendor: 'spp',
      baseUrl: sim.url,
      username: 'admin',
      credential: { kind: 'keychain' },
      certificate: { fingerprint256: sim.server.fingerprint256, pem: sim.server.pem },
    };
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, appliances: [saved] }));
    expect((await run(['appliance', 'list'])).stdout).toContain('unknown (keychain unreachable)');

    const added = await run([...addArgs('Other', ['--password-stdin', ...pinned()])], `${sim.credentials.password}\n`);
    expect(added.status).toBe(4);
    expect(added.stderr.trim().split('\n')).toHaveLength(1);
    expect(added.stderr).toMatch(/^backwatch: No OS keychain/);
    expect(added.stderr).not.toContain(sim.credentials.password);

    const removed = await run(['appliance', 'remove', 'SPP prod']);
    expect(removed.stdout.trim()).toBe('Removed SPP prod.');
    expect(removed.stderr).toMatch(/its password may still be in the OS keychain/);
  });
});

describe('the terminal prompt', () => {
  it('takes end of input (Ctrl+D) as no answer', async () => {
    const input = new PassThrough();
    const answer = askOn(input, new PassThrough(), 'Trust this certificate? [y/N] ');
    input.end();
    expect(await answer).toBe('');
  });

  it('returns the line typed', async () => {
    const input = new PassThrough();
    const answer = askOn(input, new PassThrough(), 'Trust? ');
    input.write('yes\n');
    expect(await answer).toBe('yes');
  });
});

describe('the backwatch binary', () => {
  it('prints its usage', () => {
    const result = spawnSync(process.execPath, [path.resolve('bin/backwatch.mjs'), '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('backwatch <command>');
  });
});
