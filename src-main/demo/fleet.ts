/**
 * The demo fleet: one simulator of each vendor on loopback, with their jobs' schedules compressed
 * so that something visibly happens within minutes (a run every few minutes, the odd failure).
 * `backwatch demo`, the desktop app's "Try the demo fleet" and the browser harness all use it.
 */
import type { CertificatePin, Vendor } from '../common/model.js';
import type { DemoApplianceSpec } from '../core/app-core.js';
import type { ScenarioJobSpec, Scenario } from './sim/scenario.js';
import type { HttpsSimulator, SimCertificate } from './sim/https-simulator.js';
import { SPP_DEMO_JOBS, createSppScenario, startSppSimulator } from './spp-simulator.js';
import { VB365_DEMO_JOBS, createVb365Scenario, startVb365Simulator } from './vb365-simulator.js';
import { VCSA_DEMO_SCHEDULE, createVcsaScenario, startVcsaSimulator } from './vcsa-simulator.js';

/** An appliance of the demo fleet: what the app core adds to the configuration. */
export type DemoAppliance = DemoApplianceSpec;

/** A running simulator, as the fleet and the tests drive it. */
export interface DemoSimulator {
  readonly appliance: DemoAppliance;
  readonly server: HttpsSimulator;
  readonly scenario: Scenario;
  /** Invalidates every API session or token: the next call gets a 401. */
  expireSessions(): void;
  close(): Promise<void>;
}

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

/** Compresses a job list's schedule so the demo is lively. */
export function compressSchedule(jobs: readonly ScenarioJobSpec[], tempo: number): ScenarioJobSpec[] {
  return jobs.map((job) => ({
    ...job,
    intervalMs: Math.max(60_000, Math.round(job.intervalMs / tempo)),
    durationMs: Math.max(20_000, Math.round(job.durationMs / tempo)),
    ...(job.offsetMs === undefined ? {} : { offsetMs: Math.round(job.offsetMs / tempo) }),
    ...(job.queueMs === undefined ? {} : { queueMs: Math.round(job.queueMs / tempo) }),
  }));
}

type StarterOptions = Required<Pick<DemoFleetOptions, 'seed' | 'historySize' | 'tempo'>> &
  Pick<DemoFleetOptions, 'now' | 'certificate' | 'label'>;
type DemoStarter = (options: StarterOptions) => Promise<DemoSimulator>;

const serverOptions = (commonName: string, o: StarterOptions) => ({
  commonName,
  seed: o.seed,
  ...(o.certificate ? { certificate: o.certificate } : {}),
});
const nameOf = (base: string, o: StarterOptions) => (o.label ? `${base} ${o.label}` : base);

const pinOf = (server: HttpsSimulator): CertificatePin => ({ fingerprint256: server.fingerprint256, pem: server.pem });

/** One starter per vendor: one line each. */
const DEMO_STARTERS: Partial<Record<Vendor, DemoStarter>> = {
  spp: async (o) => {
    const scenario = createSppScenario({
      seed: o.seed,
      historySize: o.historySize,
      jobs: compressSchedule(SPP_DEMO_JOBS, o.tempo),
      ...(o.now ? { now: o.now } : {}),
    });
    const sim = await startSppSimulator({ scenario, server: serverOptions('spp-demo.backwatch.local', o) });
    return {
      appliance: { name: nameOf('SPP demo', o), vendor: 'spp', baseUrl: sim.url, ...sim.credentials, certificate: pinOf(sim.server) },
      server: sim.server,
      scenario,
      expireSessions: () => sim.expireSessions(),
      close: () => sim.close(),
    };
  },
  vb365: async (o) => {
    const scenario = createVb365Scenario({
      seed: o.seed,
      historySize: o.historySize,
      jobs: compressSchedule(VB365_DEMO_JOBS, o.tempo),
      ...(o.now ? { now: o.now } : {}),
    });
    const sim = await startVb365Simulator({ scenario, server: serverOptions('vbo-demo.backwatch.local', o) });
    return {
      appliance: {
        name: nameOf('Veeam M365 demo', o),
        vendor: 'vb365',
        baseUrl: sim.url,
        ...sim.credentials,
        certificate: pinOf(sim.server),
      },
      server: sim.server,
      scenario,
      expireSessions: () => sim.expireTokens(),
      close: () => sim.close(),
    };
  },
  vcsa: async (o) => {
    const [schedule] = compressSchedule([VCSA_DEMO_SCHEDULE], o.tempo);
    const scenario = createVcsaScenario({
      seed: o.seed,
      historySize: o.historySize,
      ...(schedule ? { schedule } : {}),
      ...(o.now ? { now: o.now } : {}),
    });
    const sim = await startVcsaSimulator({ scenario, server: serverOptions('vcsa-demo.backwatch.local', o) });
    return {
      appliance: { name: nameOf('vCenter demo', o), vendor: 'vcsa', baseUrl: sim.url, ...sim.credentials, certificate: pinOf(sim.server) },
      server: sim.server,
      scenario,
      expireSessions: () => sim.expireSessions(),
      close: () => sim.close(),
    };
  },
};

/** Vendors the demo fleet can simulate. */
export const DEMO_VENDORS: readonly Vendor[] = (Object.keys(DEMO_STARTERS) as Vendor[]).filter((v) => DEMO_STARTERS[v]);

/** Starts one demo simulator of a vendor. */
export function startDemoSimulator(vendor: Vendor, options: DemoFleetOptions = {}): Promise<DemoSimulator> {
  const starter = DEMO_STARTERS[vendor];
  if (!starter) throw new Error(`No simulator for vendor ${vendor}.`);
  return starter(starterOptions(options));
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
  const vendors = (options.vendors ?? DEMO_VENDORS).filter((v) => DEMO_STARTERS[v]);
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
