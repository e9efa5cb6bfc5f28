/**
 * Debian's Prometheus and Alertmanager as child processes on loopback ports, with temporary
 * configurations and data folders, for the alerting test of serve mode.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ENGINE_BINARIES = {
  prometheus: '/usr/bin/prometheus',
  alertmanager: '/usr/bin/prometheus-alertmanager',
  promtool: '/usr/bin/promtool',
  amtool: '/usr/bin/amtool',
} as const;

/** The engine binaries this machine lacks (empty when the alerting tests can run). */
export function missingEngines(): string[] {
  return Object.values(ENGINE_BINARIES).filter((bin) => spawnSync(bin, ['--version']).error !== undefined);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Engine {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Waits for `url` to answer 200, or for the deadline. */
export async function waitReady(url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms:\n${output().slice(-2000)}`);
}

async function startEngine(bin: string, args: (dir: string, port: number) => string[], files: Record<string, string>, readyPath: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-engine-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const port = await freePort();
  const child: ChildProcess = spawn(bin, args(dir, port), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(`${url}${readyPath}`, 20_000, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output, stop, dir };
}

export function startAlertmanager(config: string): Promise<Engine> {
  return startEngine(
    ENGINE_BINARIES.alertmanager,
    (dir, port) => [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // A single instance: no gossip port.
      '--cluster.listen-address=',
    ],
    { 'alertmanager.yml': config },
    '/-/ready',
  );
}

export interface PrometheusSetup {
  readonly target: string;
  readonly alertmanager: string;
  readonly rules: string;
  readonly intervalSec: number;
}

export function startPrometheus(setup: PrometheusSetup): Promise<Engine> {
  const config = [
    'global:',
    `  scrape_interval: ${setup.intervalSec}s`,
    `  evaluation_interval: ${setup.intervalSec}s`,
    'rule_files: [rules.yml]',
    'alerting:',
    '  alertmanagers:',
    `    - static_configs: [{ targets: ['${setup.alertmanager}'] }]`,
    'scrape_configs:',
    '  - job_name: backwatch',
    '    honor_labels: true',
    `    static_configs: [{ targets: ['${setup.target}'] }]`,
    '',
  ].join('\n');
  return startEngine(
    ENGINE_BINARIES.prometheus,
    (dir, port) => [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { 'prometheus.yml': config, 'rules.yml': setup.rules },
    '/-/ready',
  );
}
