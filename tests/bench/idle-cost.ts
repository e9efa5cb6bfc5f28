/** Requests and bytes of one idle poll cycle after the first, at small and large history. */
import type { Vendor } from '../../src-main/common/model.js';
import { startDemoSimulator } from '../../src-main/demo/fleet.js';
import { monitorOf, round } from './bench-support.js';

export interface IdleCost {
  readonly requests: number;
  readonly bytes: number;
}

export async function measureIdleCost(vendor: Vendor, historySize: number): Promise<IdleCost> {
  // Real schedules (tempo 1): nothing starts during the measurement.
  const sim = await startDemoSimulator(vendor, { historySize, tempo: 1, seed: 5 });
  const monitor = monitorOf([sim.appliance]);
  try {
    // The first poll reads a window of history; older history then comes a page a poll (the
    // backfill) until each job has its last 30 runs. An idle poll is one after that.
    // Idle polls cost the same to the byte; backfill pages never do.
    let previous = -1;
    for (let n = 0; n < 400; n++) {
      sim.server.resetStats();
      await monitor.refreshNow();
      if (sim.server.stats.bytes === previous) break;
      previous = sim.server.stats.bytes;
    }
    sim.server.resetStats();
    await monitor.refreshNow();
    return { requests: sim.server.stats.requests, bytes: sim.server.stats.bytes };
  } finally {
    await monitor.stop();
    await sim.close();
  }
}

export async function idleFigures(vendor: Vendor): Promise<{ small: IdleCost; large: IdleCost; ratio: number }> {
  const small = await measureIdleCost(vendor, 100);
  const large = await measureIdleCost(vendor, 10_000);
  return { small, large, ratio: round(large.bytes / Math.max(1, small.bytes), 3) };
}
