/**
 * `backwatch serve` against real SPP simulators: what it answers and to whom, what its metrics
 * say, how it refuses to listen where it should not, and how it stops (logged out of the appliance).
 */
import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';
import { startSppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { startServe } from '../../src-main/serve/serve.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { withTimeout } from '../support/with-timeout.js';
import { httpGet, startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { eventually } from '../support/eventually.js';

/** The value of one series in a text exposition (labels given in their exposition order), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('backwatch serve over HTTP', () => {
  let fleet: ServedFleet;
  beforeAll(async () => {
    fleet = await startServedFleet(1, { settings: { pollIntervalSec: 3600 }, serve: { publicNames: ['backwatch.example.org'] } });
    await fleet.core.handlers['appliances:refresh']();
  });
  afterAll(() => fleet.close());

  it('answers /healthz and logs JSON lines', async () => {
    const health = await httpGet(`${fleet.server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', appliances: 1 });
    expect(fleet.logLines.length).toBeGreaterThan(0);
    for (const line of fleet.logLines) expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String) });
    expect(fleet.logLines.map((l) => JSON.parse(l) as { msg: string; url?: string })).toContainEqual(
      expect.objectContaining({ msg: 'Serving', url: fleet.server.url }),
    );
  });

  it('answers only to its own names and grants no CORS', async () => {
    const port = new URL(fleet.server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `backwatch.example.org:${port}`, 'LOCALHOST']) {
      expect((await httpGet(`${fleet.server.url}/healthz`, { host })).status, host).toBe(200);
    }
    for (const host of [`attacker.example:${port}`, `127.0.0.1.attacker.example:${port}`, `[::2]:${port}`, 'bad host']) {
      const refused = await httpGet(`${fleet.server.url}/metrics`, { host });
      expect(refused.status, host).toBe(421);
      expect(refused.text).not.toContain('backwatch_');
    }
    const fromPage = await httpGet(`${fleet.server.url}/metrics`, { origin: 'https://attacker.example' });
    const preflight = await httpGet(`${fleet.server.url}/metrics`, { origin: 'https://attacker.example' }, 'OPTIONS');
    expect(preflight.status).toBe(405);
    for (const answer of [fromPage, preflight]) {
      expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect((await httpGet(`${fleet.server.url}/nothing-here`)).status).toBe(404);
    expect((await httpGet(`${fleet.server.url}/metrics`, {}, 'POST')).status).toBe(405);
  });

  it('exposes every job and the appliance, counted as the simulator counts, with no session id in a label', async () => {
    const sim = fleet.sims[0]!;
    const job = sim.scenario.jobs()[2]!;
    const polls = (text: string) => sample(text, 'backwatch_appliance_poll_duration_seconds_count{appliance="SPP 1",vendor="spp"}')!;
    const before = polls((await httpGet(`${fleet.server.url}/metrics`)).text);
    const run = sim.scenario.startRun(job.id);
    sim.scenario.advance(60_000);
    await fleet.core.handlers['appliances:refresh']();
    const { text } = await httpGet(`${fleet.server.url}/metrics`);
    const labels = (name: string) => `appliance="SPP 1",vendor="spp",job="${name}"`;
    // The simulator's own schedule may start another job in the minute advanced: count as it does.
    const runningJobs = new Set(sim.scenario.activeSessions().map((s) => s.jobId));
    expect(runningJobs.has(job.id)).toBe(true);
    for (const j of sim.scenario.jobs())
      expect(sample(text, `backwatch_job_running{${labels(j.name)}}`), j.name).toBe(runningJobs.has(j.id) ? 1 : 0);
    const progress = sample(text, `backwatch_job_progress_ratio{${labels(job.name)}}`)!;
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThanOrEqual(1);
    expect(sample(text, 'backwatch_appliance_up{appliance="SPP 1",vendor="spp"}')).toBe(1);
    expect(sample(text, 'backwatch_appliance_health{appliance="SPP 1",vendor="spp",state="ok"}')).toBe(1);
    expect(sample(text, 'backwatch_appliance_requests_total{appliance="SPP 1",vendor="spp"}')).toBe(sim.server.stats.requests);
    expect(sample(text, 'backwatch_appliance_response_bytes_total{appliance="SPP 1",vendor="spp"}')).toBe(sim.server.stats.bytes);
    expect(polls(text)).toBe(before + 1);
    const ids = new Set(sim.scenario.sessions().map((s) => s.id));
    const labelValues = [...text.matchAll(/="([^"]*)"/g)].map((m) => m[1]!);
    expect(labelValues.filter((v) => ids.has(v))).toEqual([]);
    sim.scenario.finishRun(run.id, 'succeeded');
  });

  it('counts a failed poll by kind and reports the appliance down', async () => {
    const sim = fleet.sims[0]!;
    await sim.server.setDown(true);
    await fleet.core.handlers['appliances:refresh']();
    await sim.server.setDown(false);
    const { text } = await httpGet(`${fleet.server.url}/metrics`);
    expect(sample(text, 'backwatch_appliance_up{appliance="SPP 1",vendor="spp"}')).toBe(0);
    expect(sample(text, 'backwatch_appliance_health{appliance="SPP 1",vendor="spp",state="unreachable"}')).toBe(1);
    expect(sample(text, 'backwatch_appliance_poll_errors_total{appliance="SPP 1",vendor="spp",kind="unreachable"}')).toBe(1);
  });
});

describe('backwatch serve: where it listens', () => {
  const run = (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => '', isTTY: false };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-serve-'));
    return runCli(['serve', ...argv, '--config-dir', dir], term, {}).then((code) => ({ code, out, err }));
  };

  it('refuses an address beyond this machine without TLS, and bad options, in one line', async () => {
    const tlsDir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-tls-'));
    const tlsFile = (name: string) => path.join(tlsDir, name);
    const [a, b] = await Promise.all([makeSelfSignedCertificate('a.local'), makeSelfSignedCertificate('b.local')]);
    const locked = createPrivateKey(a.key).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' });
    for (const [name, text] of [
      ['a.crt', a.cert],
      ['a.key', a.key],
      ['b.key', b.key],
      ['locked.key', locked],
    ] as const)
      writeFileSync(tlsFile(name), text);
    for (const [argv, message] of [
      [['--listen', '0.0.0.0:9847'], /Refusing to listen on 0\.0\.0\.0 without TLS: add --tls-cert/],
      [['--listen', '[::]:9847'], /Refusing to listen on :: without TLS/],
      [['--listen', 'nine'], /--listen takes HOST:PORT/],
      [['--tls-cert', '/nonexistent.crt'], /--tls-cert and --tls-key go together/],
      [['--tls-cert', '/nonexistent.crt', '--tls-key', '/nonexistent.key'], /Cannot read the TLS certificate \/nonexistent\.crt: ENOENT/],
      [['--bogus'], /^backwatch: Unknown option --bogus\. See backwatch serve --help\.$/],
      [['--tls-cert', tlsFile('a.crt'), '--tls-key', tlsFile('b.key')], /The TLS key .*b\.key does not belong to the certificate .*a\.crt/],
      [['--tls-cert', tlsFile('a.crt'), '--tls-key', tlsFile('locked.key')], /The TLS key .*locked\.key is encrypted/],
      [['--tls-cert', tlsFile('a.key'), '--tls-key', tlsFile('a.key')], /The TLS certificate .*a\.key is not a certificate/],
    ] as const) {
      const result = await run([...argv]);
      expect(result.code, argv.join(' ')).not.toBe(0);
      expect(result.err, argv.join(' ')).toHaveLength(1);
      expect(result.err[0], argv.join(' ')).toMatch(message);
      expect(result.out).toEqual([]);
    }
  });

  it('serves HTTPS with the certificate it is given', async () => {
    const tls = await makeSelfSignedCertificate('backwatch.local');
    const { throwawayCore } = await import('../support/throwaway-core.js');
    const { core, close } = await throwawayCore();
    const server = await startServe({ core, listen: { host: '127.0.0.1', port: 0 }, tls, log: silentLogger });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const status = await new Promise<number>((resolve, reject) =>
        httpsRequest(`${server.url}/healthz`, { ca: tls.cert }, (res) => (res.resume(), resolve(res.statusCode ?? 0)))
          .on('error', reject)
          .end(),
      );
      expect(status).toBe(200);
    } finally {
      await server.close();
      await close();
    }
  });
});

describe('backwatch serve as a process', () => {
  it('polls with the stored credentials and, on SIGTERM, logs out of the appliance and exits 0', async () => {
    const sim = await startSppSimulator({ historySize: 20, seed: 5 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-serve-'));
    const env = { PATH: process.env.PATH, SPP_PW: sim.credentials.password };
    const term = { out: () => {}, err: () => {}, readStdin: async () => '', isTTY: false };
    const add = ['appliance', 'add', '--vendor', 'spp', '--name', 'SPP prod', '--url', sim.url, '--username', 'admin'];
    expect(
      await runCli([...add, '--password-env', 'SPP_PW', '--trust-fingerprint', sim.server.fingerprint256, '--config-dir', dir], term, env),
    ).toBe(0);
    const main = path.join(import.meta.dirname, '../../src-main/cli/main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'serve', '--listen', '127.0.0.1:0', '--config-dir', dir], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await withTimeout(
        new Promise<string>((resolve) =>
          createInterface({ input: child.stdout }).on('line', (line) => {
            lines.push(line);
            const parsed = JSON.parse(line) as { msg: string; url?: string };
            if (parsed.msg === 'Serving') resolve(parsed.url!);
          }),
        ),
        20_000,
        'the Serving line',
      );
      const polled = async () => (await httpGet(`${url}/metrics`)).text.includes('backwatch_appliance_last_good_poll_timestamp_seconds{');
      await eventually(polled, 15_000, "serve's first poll of the simulator");
      expect(sim.openSessions).toBe(1);
      child.kill('SIGTERM');
      expect(await withTimeout(exited, 15_000, 'the exit after SIGTERM')).toBe(0);
      expect(sim.openSessions).toBe(0);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('Stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await sim.close();
    }
  });
});
