/**
 * The demo fleet: one simulator of each vendor on loopback, with their jobs' schedules compressed
 * so that something visibly happens within minutes (a run every few minutes, the odd failure).
 * `backwatch demo`, the desktop app's "Try the demo fleet" and the browser harness all use it.
 */
import type { Vendor } from '../common/model.js';
import type { SimCertificate } from './sim/https-simulator.js';
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

/** Starts the demo fleet (every vendor that has a simulator, unless `vendors` narrows it). */
export async function startDemoFleet(options: DemoFleetOptions = {}): Promise<DemoFleet> {
  const vendors = (options.vendors ?? DEMO_VENDORS).filter((v) => DEMO_VENDORS.includes(v));
  const simulators = await Promise.all(vendors.map((v) => startDemoSimulator(v, options)));
  // Make sure the demo shows a failure early on: the first scheduled run of one job fails.
  const first = simulators[0]?.scenario;
  const busiest = first?.jobs().reduce((a, b) => (a.intervalMs <= b.intervalMs ? a : b));
  if (first && busiest) first.failNext(busiest.id);
  return {
    simulators,
    appliances: simulators.map((s) => s.appliance),
    close: async () => {
      await Promise.allSettled(simulators.map((s) => s.close()));
    },
  };
}
