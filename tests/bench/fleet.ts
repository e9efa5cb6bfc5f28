/**
 * A large simulated fleet (in a child process): full poll cycle time, CPU and heap of Backwatch's
 * whole core (poller, services, status snapshots, notification planning), as the app runs it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { DemoAppliance } from '../../src-main/demo/fleet.js';
import { appCoreOf, round } from './bench-support.js';
import { naiveCycle } from './naive-client.js';

export interface FleetFigures {
  readonly fleet: {
    appliances: number;
    firstCycleMs: number;
    cycleMs: number;
    cpuMs: number;
    peakHeapMB: number;
    requests: number;
    bytes: number;
  };
  readonly naive: { cycleMs: number; requests: number; bytes: number };
}

const CONCURRENCY = 32;

/** The simulated fleet in its own process (fleet-host.ts): its appliances, request counters and stop. */
export async function startHost(count: number, sessions: number, latencyMs: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'fleet-host.ts'), String(count), String(sessions), String(latencyMs)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`fleet host exited with ${code}`)));
    });
  const appliances = JSON.parse(await nextLine()) as DemoAppliance[];
  return {
    appliances,
    resetStats: () => child.stdin.write('reset\n'),
    stats: async () => {
      const answer = nextLine();
      child.stdin.write('stats\n');
      return JSON.parse(await answer) as { requests: number; bytes: number };
    },
    stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.stdin.end())),
  };
}

function heapSampler() {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  return { stop: () => (clearInterval(timer), peak) };
}

export async function measureFleet(count = 200, sessions = 2000, latencyMs = 50): Promise<FleetFigures> {
  const host = await startHost(count, sessions, latencyMs);
  try {
    const { core, close } = await appCoreOf(host.appliances, { concurrency: CONCURRENCY });
    const refresh = core.handlers['appliances:refresh'];
    const t0 = performance.now();
    await refresh();
    const firstCycleMs = performance.now() - t0;
    host.resetStats();
    const heap = heapSampler();
    const cpu = process.cpuUsage();
    const t1 = performance.now();
    await refresh();
    const cycleMs = performance.now() - t1;
    const used = process.cpuUsage(cpu);
    const peak = heap.stop();
    const traffic = await host.stats();
    const unhealthy = (await core.handlers['appliances:list']()).filter((a) => a.health.state !== 'ok');
    if (unhealthy.length) throw new Error(`${unhealthy.length} appliances unhealthy: ${unhealthy[0]!.health.message}`);
    await close();

    const t2 = performance.now();
    const naive = await naiveCycle(host.appliances, CONCURRENCY);
    return {
      fleet: {
        appliances: count,
        firstCycleMs: round(firstCycleMs, 0),
        cycleMs: round(cycleMs, 0),
        cpuMs: round((used.user + used.system) / 1000, 0),
        peakHeapMB: round(peak / 1024 / 1024),
        ...traffic,
      },
      naive: { cycleMs: round(performance.now() - t2, 0), ...naive },
    };
  } finally {
    await host.stop();
  }
}
