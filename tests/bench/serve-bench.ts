/**
 * Serve mode at fleet size, in a process of its own (so its RSS is the server's alone; the
 * simulators and the event-stream desktops run in others): CPU per idle poll cycle against the
 * idle interval, resident memory, one /metrics scrape, and the appliance requests of one cycle
 * with 1 and with 100 desktops on the event stream, and with CLIENT_DESKTOPS real desktop cores reading the
 * server (they join this process after the RSS is read). `measureServe` runs it; run directly it prints one JSON line.
 * Usage: tsx tests/bench/serve-bench.ts COUNT SESSIONS LATENCY_MS
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_SETTINGS, type TeamServerSource } from '../../src-main/common/settings.js';
import { openConfigFile } from '../../src-main/core/config/conf-config-file.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { openMemoryHistoryStore } from '../../src-main/core/history/history-store.js';
import { createMemorySecretStore } from '../../src-main/core/secrets/secret-store.js';
import { createTeamAppCore } from '../../src-main/core/app/team-core.js';
import { tuneHeapForServe } from '../../src-main/serve/heap-tuning.js';
import { startServe } from '../../src-main/serve/serve.js';
import { openTokenStore } from '../../src-main/serve/token-store.js';
import { httpGet } from '../support/served-fleet.js';
import { appCoreOf, round } from './bench-support.js';
import { startHost } from './fleet.js';

export interface ServeFigures {
  appliances: number;
  sessionsPerAppliance: number;
  idleCycleCpuSec: number;
  idleIntervalSec: number;
  /** CPU of one idle cycle divided by the idle interval: the share of one core serve mode needs. */
  idleCoreShare: number;
  idleCycleRequests: number;
  /** Resident memory of the serve process: the highest seen from its first poll on, and at the end (100 desktops connected). */
  peakRssMB: number;
  rssMB: number;
  /** The first scrape of the server (every line written), right after its first poll cycle. */
  metricsFirstScrapeMs: number;
  /** The scrape after an idle poll cycle (lines of unchanged jobs kept from the scrape before), and the next one. */
  metricsScrapeMs: number;
  metricsScrapeAgainMs: number;
  /** CPU of this process (server and scraping client) during the second scrape: wall time on a shared machine overstates it. */
  metricsScrapeAgainCpuMs: number;
  metricsBytes: number;
  requestsWith1Desktop: number;
  requestsWith100Desktops: number;
  /** The same with CLIENT_DESKTOPS real desktop cores reading the server (mirror, notifications), not bare streams. */
  requestsWithClientDesktops: number;
}

/** `count` event-stream clients in a process of their own (desktop-host.ts); `close` hangs them up. */
async function desktops(url: string, token: string, count: number): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'desktop-host.ts'), url, token, String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', () => resolve());
    child.once('exit', (code) => reject(new Error(`desktop host exited with ${code}`)));
  });
  return () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.stdin.end()));
}

/** The highest resident set size seen while it runs, sampled every 20 ms. */
function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage.rss())) };
}

/**
 * Real desktop cores in the bench: each mirrors the whole fleet, so a hundred of them at 1,000
 * appliances would need gigabytes in this one process; the hundred bare streams stand for them.
 */
export const CLIENT_DESKTOPS = 10;

/**
 * `count` desktop cores of the real kind (each its own config, token and mirror), resolved once each
 * has read the server; the returned function stops them. The bench server speaks plain HTTP on
 * loopback, so the source is given directly rather than through the config's https-only check.
 */
async function clientDesktops(url: string, token: string, count: number): Promise<() => Promise<void>> {
  const source: TeamServerSource = { url, credential: { kind: 'env', variable: 'BACKWATCH_BENCH_TOKEN' } };
  const opened = await Promise.all(
    Array.from({ length: count }, async () => {
      const config = openConfigFile(mkdtempSync(path.join(os.tmpdir(), 'backwatch-bench-desktop-')));
      const core = createTeamAppCore({
        config,
        history: openMemoryHistoryStore(),
        secrets: createMemorySecretStore(),
        log: silentLogger,
        info: async () => ({
          version: 'bench',
          platform: process.platform,
          shell: 'browser',
          keychainAvailable: false,
          keychainMessage: '',
          startupNotices: [],
        }),
        openExternal: async () => {},
        env: { BACKWATCH_BENCH_TOKEN: token },
        source,
      });
      core.start();
      await core.handlers['appliances:refresh']();
      return { core, config };
    }),
  );
  return async () => {
    await Promise.all(opened.map(({ core }) => core.close()));
    opened.forEach(({ config }) => config.close());
  };
}

async function run(count: number, sessions: number, latencyMs: number): Promise<ServeFigures> {
  // As `backwatch serve` does: the figures are those of the server as it runs for real.
  tuneHeapForServe();
  const host = await startHost(count, sessions, latencyMs);
  const rss = rssSampler();
  const { core, close } = await appCoreOf(host.appliances, { concurrency: 32 });
  const tokens = openTokenStore(mkdtempSync(path.join(os.tmpdir(), 'backwatch-bench-tokens-')));
  const token = await tokens.add('bench', 'read', new Date());
  // A team's desktops each hold their own token and come from their own address: here they all
  // share loopback, so the limit per address is raised and the hundred get a token each.
  const desktopTokens: string[] = [];
  for (let i = 0; i < 100; i++) desktopTokens.push(await tokens.add(`desktop-${i}`, 'read', new Date()));
  const server = await startServe({
    core,
    listen: { host: '127.0.0.1', port: 0 },
    tokens,
    log: silentLogger,
    limits: { maxPerAddress: 1_000 },
  });
  try {
    const refresh = core.handlers['appliances:refresh'];
    await refresh();
    const cycle = async () => {
      host.resetStats();
      await refresh();
      return (await host.stats()).requests;
    };
    // Prometheus scrapes all along: the first scrape writes every line, later ones what a cycle changed.
    const t00 = performance.now();
    await httpGet(`${server.url}/metrics`);
    const metricsFirstScrapeMs = performance.now() - t00;
    const cpu = process.cpuUsage();
    const idleCycleRequests = await cycle();
    const used = process.cpuUsage(cpu);
    const t0 = performance.now();
    const scrape = await httpGet(`${server.url}/metrics`);
    const metricsScrapeMs = performance.now() - t0;
    const t1 = performance.now();
    const scrapeCpu = process.cpuUsage();
    await httpGet(`${server.url}/metrics`);
    const metricsScrapeAgainMs = performance.now() - t1;
    const againCpu = process.cpuUsage(scrapeCpu);
    const one = await desktops(server.url, token, 1);
    const requestsWith1Desktop = await cycle();
    await one();
    const hundred = await desktops(server.url, desktopTokens.join(','), 100);
    const requestsWith100Desktops = await cycle();
    const rssMB = round(process.memoryUsage.rss() / 1024 / 1024);
    await hundred();
    const peakRssMB = round(rss.stop() / 1024 / 1024);
    // After the RSS is read: the desktop cores below run in this process.
    const stopClients = await clientDesktops(server.url, token, CLIENT_DESKTOPS);
    const requestsWithClientDesktops = await cycle();
    await stopClients();
    const idleCycleCpuSec = (used.user + used.system) / 1e6;
    return {
      appliances: count,
      sessionsPerAppliance: sessions,
      idleCycleCpuSec: round(idleCycleCpuSec, 3),
      idleIntervalSec: DEFAULT_SETTINGS.pollIntervalSec,
      idleCoreShare: round(idleCycleCpuSec / DEFAULT_SETTINGS.pollIntervalSec, 4),
      idleCycleRequests,
      peakRssMB,
      rssMB,
      metricsFirstScrapeMs: round(metricsFirstScrapeMs, 0),
      metricsScrapeMs: round(metricsScrapeMs, 0),
      metricsScrapeAgainMs: round(metricsScrapeAgainMs, 0),
      metricsScrapeAgainCpuMs: round((againCpu.user + againCpu.system) / 1000, 0),
      metricsBytes: Buffer.byteLength(scrape.text),
      requestsWith1Desktop,
      requestsWith100Desktops,
      requestsWithClientDesktops,
    };
  } finally {
    await server.close();
    await close();
    await host.stop();
  }
}

/** Runs the serve bench in its own process and returns its figures. */
export function measureServe(count: number, sessions: number, latencyMs: number): Promise<ServeFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, String(count), String(sessions), String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ServeFigures)
        : reject(new Error(`serve bench exited with ${code}`)),
    ),
  );
}

if (process.argv[1] === import.meta.filename) {
  const [count = 200, sessions = 2000, latencyMs = 50] = process.argv.slice(2).map(Number);
  process.stdout.write(`${JSON.stringify(await run(count, sessions, latencyMs))}\n`);
  process.exit(0);
}
