/**
 * The demo fleet: one simulator of each vendor on loopback, with their jobs' schedules compressed
 * so that something visibly happens within minutes (a run every few minutes, the odd failure).
 * `backwatch demo`, the desktop app's "Try the demo fleet" and the browser harness all use it.
 */
import type { Vendor } from '../common/model.js';
import type { SimCertificate } from './sim/sim-certificate.js';
import type { Scenario } from './sim/scenario.js';
import { DEMO_VENDOR_LIST } from './demo-registry.js';
import type { DemoAppliance, DemoSimulator, StarterOptions } from './demo-vendor.js';

export type { DemoAppliance, DemoSimulator } from './demo-vendor.js';
export { compressSchedule } from './demo-vendor.js';

export interface DemoFleet {
  readonly simulators: readonly DemoSimulator[];
  readonly appliances: readonly DemoAppliance[];
  close(): Promise<void>;
}

export interface DemoFleetOptions {
  readonly vendors?: readonly Vendor[];
  readonly seed?: number;
  /** Finished sessions of history per simulator (default 300). */
  readonly historySize?: number;
  /** Schedules and run times are divided by this (default 60: a 4-hour job runs every 4 minutes). */
  readonly tempo?: number;
  readonly now?: () => number;
  /** Reuse one certificate (large benchmark fleets skip key generation). */
  readonly certificate?: SimCertificate;
  /** Name suffix, for fleets with many appliances of one vendor. */
  readonly label?: string;
}

/** Vendors the demo fleet can simulate, in the registry's order. */
export const DEMO_VENDORS: readonly Vendor[] = DEMO_VENDOR_LIST.map((demo) => demo.info.key);

/** Starts one demo simulator of a vendor. */
export function startDemoSimulator(vendor: Vendor, options: DemoFleetOptions = {}): Promise<DemoSimulator> {
  const demo = DEMO_VENDOR_LIST.find((candidate) => candidate.info.key === vendor);
  if (!demo) throw new Error(`No simulator for vendor ${vendor}.`);
  return demo.start(starterOptions(options));
}

function starterOptions(options: DemoFleetOptions): StarterOptions {
  return {
    seed: options.seed ?? 7,
    historySize: options.historySize ?? 300,
    tempo: options.tempo ?? 60,
    ...(options.now ? { now: options.now } : {}),
    ...(options.certificate ? { certificate: options.certificate } : {}),
    ...(options.label ? { label: options.label } : {}),
  };
}

/** The first failure of the demo ends this long after it starts. */
export const FIRST_FAILURE_MS = 40_000;

/**
 * The demo opens on work under way: every simulator starts a run of its busiest enabled job now
 * (a progress bar to watch from the first poll), and on the first one a second job runs into a
 * failure within the first minute.
 */
function openMidRun(scenarios: readonly Scenario[]): void {
  for (const [index, scenario] of scenarios.entries()) {
    const [busiest, next] = [...scenario.jobs()].filter((j) => j.enabled !== false).sort((a, b) => a.intervalMs - b.intervalMs);
    if (busiest) scenario.startRun(busiest.id, { manual: false });
    if (index > 0 || !next) continue;
    scenario.failNext(next.id);
    scenario.startRun(next.id, { manual: false, endsInMs: FIRST_FAILURE_MS });
  }
}

/** Starts the demo fleet (every vendor that has a simulator, unless `vendors` narrows it). */
export async function startDemoFleet(options: DemoFleetOptions = {}): Promise<DemoFleet> {
  const vendors = (options.vendors ?? DEMO_VENDORS).filter((v) => DEMO_VENDORS.includes(v));
  const simulators = await Promise.all(vendors.map((v) => startDemoSimulator(v, options)));
  openMidRun(simulators.map((s) => s.scenario));
  return {
    simulators,
    appliances: simulators.map((s) => s.appliance),
    close: async () => {
      await Promise.allSettled(simulators.map((s) => s.close()));
    },
  };
}
