/**
 * The serve soak: `backwatch serve` in a process of its own (its memory is the server's alone)
 * over four SPP simulators and a VBR appliance whose error bodies echo its password, while 300
 * event streams are open (100 of them never read), 1,000 connections send half a header and
 * stall, and a token is removed while its stream is open. It must end with its memory where it
 * began, `/healthz` answering all along, the revoked stream cut within a second, and the planted
 * password in none of its output, log or answers. Linux only (/proc, 127.0.0.0/8); about 30 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { startSppSimulator, type SppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { applianceOf } from '../support/served-fleet.js';
import {
  eventStream,
  get,
  healthPoller,
  heapUsedMB,
  rssMB,
  slowHeader,
  type OpenStream,
  type Target,
} from '../support/serve-soak-clients.js';
import { startVbrStub, type StubAppliance } from '../support/stub-appliances.js';
import { withTimeout } from '../support/with-timeout.js';

const PLANTED = 'Planted-Passw0rd-6a1f';
const PLANTED_FORMS = [PLANTED, encodeURIComponent(PLANTED), Buffer.from(`monitor:${PLANTED}`).toString('base64').slice(0, 20)];
const BIN = path.resolve('bin/backwatch.mjs');
const READERS = 200;
const STALLED = 100;
const SLOW_HEADERS = 1000;
const TOKENS = 16;
/** What the server's resident memory and heap may have grown by once the soak's clients are gone, MB. */
const RSS_GROWTH_MAX_MB = 60;
const HEAP_GROWTH_MAX_MB = 25;

const HEALTH_TIMEOUT_MS = 5000;

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The echo appliance: a VBR whose job states answer 500 with the request echoed, the login form too. */
async function echoingVbr(): Promise<StubAppliance> {
  const stub = await startVbrStub();
  let login = '';
  stub.override = (req) => {
    if (req.method === 'POST' && req.path === '/api/oauth2/token') {
      login = req.body;
      return null;
    }
    if (req.path !== '/api/v1/jobs/states') return null;
    const echo = `Authorization: ${req.headers['authorization'] ?? ''}\nlogin was ${login}; raw ${PLANTED} ${Buffer.from(`monitor:${PLANTED}`).toString('base64')}`;
    return { status: 500, body: `Internal error while handling\n${echo}` };
  };
  return stub;
}

/** A config folder with the simulators and the echo appliance, passwords in variables, and its tokens. */
async function servedFolder(sims: readonly SppSimulator[], echo: StubAppliance) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-serve-soak-'));
  const config = openConfigFile(dir);
  await config.update((d) => ({
    ...d,
    settings: { ...d.settings, pollIntervalSec: 5, activePollIntervalSec: 2 },
    appliances: [
      ...sims.map((sim, i) => ({ ...applianceOf(sim, i), credential: { kind: 'env' as const, variable: `SPP_PW_${i + 1}` } })),
      {
        id: 'vbr-echo',
        name: 'Echo',
        vendor: 'vbr' as const,
        baseUrl: echo.server.url,
        username: 'monitor',
        credential: { kind: 'env' as const, variable: 'ECHO_PW' },
        certificate: { fingerprint256: echo.server.fingerprint256, pem: echo.server.pem },
        options: {},
        enabled: true,
      },
    ],
  }));
  config.close();
  const store = openTokenStore(dir);
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) tokens.push(await store.add(`desk-${i}`, 'read', new Date()));
  const doomed = await store.add('doomed', 'read', new Date());
  const env = {
    PATH: process.env.PATH,
    ECHO_PW: PLANTED,
    ...Object.fromEntries(sims.map((s, i) => [`SPP_PW_${i + 1}`, s.credentials.password])),
  };
  return { dir, store, tokens, doomed, env };
}

/** `backwatch serve` on a free loopback port; resolves once it serves, with all it writes. */
async function serveProcess(dir: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--config-dir', dir], { env });
  const output: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      if (line.includes('"msg":"Serving"')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output.join('\n')}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const target: Target = { host: '127.0.0.1', port: Number(new URL(url).port) };
  return { pid: child.pid!, target, output, stop: () => (child.kill('SIGTERM'), exited) };
}

/** Waits until every appliance has been polled once, as the team API tells it. */
async function firstPolls(target: Target, token: string, appliances: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await get(target, '127.0.0.1', '/api/v1/status', token);
    const status = (answer.status === 200 ? JSON.parse(answer.text) : { appliances: [] }) as {
      appliances: { health: { lastPoll: string | null } }[];
    };
    if (status.appliances.length === appliances && status.appliances.every((a) => a.health.lastPoll !== null)) return;
    if (Date.now() > deadline) throw new Error('The first polls did not end within 20 s.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The soak's clients: readers and stalled streams, each address under the per-address limit and
 * each token under its stream limit; the stream of the token to be removed; the stalled headers,
 * 100 from each of 10 addresses (the server takes 50 of each).
 */
async function openLoad(target: Target, tokens: readonly string[], doomedToken: string) {
  const streams: OpenStream[] = await Promise.all(
    Array.from({ length: READERS + STALLED }, (_, i) => {
      const from = i < READERS ? `127.0.2.${1 + (i % 5)}` : `127.0.3.${1 + (i % 3)}`;
      return eventStream(target, from, tokens[i % TOKENS]!, i < 3 ? 'keep' : i < READERS ? 'read' : 'stalled');
    }),
  );
  const doomed = await eventStream(target, '127.0.4.1', doomedToken, 'read');
  const slow = await Promise.all(Array.from({ length: SLOW_HEADERS }, (_, i) => slowHeader(target, `127.0.5.${1 + (i % 10)}`, 2000)));
  cleanups.push(() => [...streams, doomed, ...slow].forEach((s) => s.socket.destroy()));
  return { readers: streams.slice(0, READERS), stalled: streams.slice(READERS), doomed, slow };
}

/** Starts and ends a run on one appliance after another every half second, so frames keep coming. */
function keepRunning(sims: readonly SppSimulator[]): () => void {
  let turn = 0;
  const timer = setInterval(() => {
    const sim = sims[turn++ % sims.length]!;
    const job = sim.scenario.jobs()[turn % sim.scenario.jobs().length]!;
    sim.scenario.finishRun(sim.scenario.startRun(job.id).id, turn % 3 === 0 ? 'failed' : 'succeeded');
  }, 500);
  cleanups.push(() => clearInterval(timer));
  return () => clearInterval(timer);
}

describe.skipIf(process.platform !== 'linux')('backwatch serve under a bounded soak', () => {
  let sims: SppSimulator[];
  let folder: Awaited<ReturnType<typeof servedFolder>>;
  let serve: Awaited<ReturnType<typeof serveProcess>>;
  beforeAll(async () => {
    sims = await Promise.all([0, 1, 2, 3].map((i) => startSppSimulator({ historySize: 60, seed: 40 + i })));
    const echo = await echoingVbr();
    cleanups.push(() => Promise.all([...sims, echo].map((s) => s.close())));
    folder = await servedFolder(sims, echo);
    serve = await serveProcess(folder.dir, folder.env);
    cleanups.push(serve.stop);
    await firstPolls(serve.target, folder.tokens[0]!, sims.length + 1);
  }, 60_000);

  it('keeps its memory, its health check, its revocations and the planted password', { timeout: 90_000 }, async () => {
    const { target } = serve;
    const reader = folder.tokens[0]!;
    const before = { rssMB: rssMB(serve.pid), heapMB: heapUsedMB((await get(target, '127.0.0.1', '/metrics')).text) };
    // A shared two-core machine may stall any process for a second or two: the check allows 5 s.
    const health = healthPoller(target, '127.0.9.1', 200, HEALTH_TIMEOUT_MS);
    let peakRssMB = before.rssMB;
    const sampler = setInterval(() => (peakRssMB = Math.max(peakRssMB, rssMB(serve.pid))), 250);
    cleanups.push(() => clearInterval(sampler));
    const stopRuns = keepRunning(sims);
    const opened = Date.now();
    const load = await openLoad(target, folder.tokens, folder.doomed);

    await new Promise((resolve) => setTimeout(resolve, 2000));
    const revokedAt = Date.now();
    expect(await folder.store.remove('doomed')).toBe(true);
    await withTimeout(load.doomed.ended, 3000, 'the revoked stream to end');
    const revocationMs = Date.now() - revokedAt;
    // Every stalled header is cut by the server (headers in 10 s), none is left holding a socket.
    await withTimeout(Promise.all(load.slow.map((s) => s.ended)), 20_000, 'the server to cut the stalled headers');
    const slowCutSec = (Date.now() - opened) / 1000;
    const open = (streams: readonly OpenStream[]) => streams.filter((s) => !s.socket.destroyed).length;
    const [readersOpen, stalledOpen] = [open(load.readers), open(load.stalled)];

    stopRuns();
    [...load.readers, ...load.stalled].forEach((s) => s.socket.destroy());
    await new Promise((resolve) => setTimeout(resolve, 3000));
    clearInterval(sampler);
    const paths = [['/api/v1/status', reader], ['/api/v1/jobs', reader], ['/api/v1/sessions', reader], ['/metrics'], ['/cctray.xml']];
    const answers = await Promise.all(paths.map(([p, t]) => get(target, '127.0.0.1', p!, t)));
    const after = { rssMB: rssMB(serve.pid), heapMB: heapUsedMB(answers[3]!.text) };
    const seen = await health.stop();
    await serve.stop();

    const healthSeen = { ok: seen.ok, failed: seen.failed.length, slowestMs: seen.slowestMs, slowestAtMs: seen.slowestAtMs };
    console.log(
      `serve soak: ${JSON.stringify({ before, after, peakRssMB, revocationMs, slowCutSec, readersOpen, stalledOpen, health: healthSeen })}`,
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]!.text).toContain('HTTP 500');
    const said = [...answers.map((a) => a.text), ...load.readers.slice(0, 3).map((s) => s.text()), serve.output.join('\n')];
    expect(PLANTED_FORMS.filter((form) => said.some((text) => text.includes(form)))).toEqual([]);
    expect(revocationMs).toBeLessThan(1000);
    expect(seen.failed).toEqual([]);
    expect(seen.ok).toBeGreaterThan(20);
    expect(readersOpen).toBe(READERS);
    expect(after.rssMB - before.rssMB).toBeLessThan(RSS_GROWTH_MAX_MB);
    expect(after.heapMB - before.heapMB).toBeLessThan(HEAP_GROWTH_MAX_MB);
  });
});
