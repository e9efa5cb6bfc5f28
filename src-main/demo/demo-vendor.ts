/**
 * What a vendor brings to the demo fleet and the tests: a starter that runs its simulator with a
 * compressed schedule and says which appliance to configure for it. Each vendor folder under demo/
 * exports one `DemoVendor`; ./demo-registry.ts lists them.
 */
import type { CertificatePin, Vendor } from '../common/model.js';
import type { VendorInfo } from '../common/vendors/vendor-info.js';
import type { DemoApplianceSpec } from '../core/app/app-core.js';
import type { HttpsSimulator } from './sim/https-simulator.js';
import type { SimCertificate } from './sim/sim-certificate.js';
import type { BaseSimulator } from './sim/vendor-simulator.js';
import type { Scenario, ScenarioJobSpec } from './sim/scenario.js';

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

/** How a starter runs its simulator. */
export interface StarterOptions {
  readonly seed: number;
  /** Finished sessions of history. */
  readonly historySize: number;
  /** Schedules and run times are divided by this. */
  readonly tempo: number;
  readonly now?: () => number;
  /** Reuse one certificate (large benchmark fleets skip key generation). */
  readonly certificate?: SimCertificate;
  /** Name suffix, for fleets with many appliances of one vendor. */
  readonly label?: string;
}

export interface DemoVendor<K extends Vendor = Vendor> {
  readonly info: VendorInfo<K>;
  /** Starts the vendor's simulator for the demo fleet or a test. */
  start(options: StarterOptions): Promise<DemoSimulator>;
}

/** Keeps the vendor key's literal type. */
export function defineDemoVendor<K extends Vendor>(demo: DemoVendor<K>): DemoVendor<K> {
  return demo;
}

/** A compressed run lasts at least this long: long enough to be seen running. */
export const MIN_DEMO_RUN_MS = 60_000;
/** ...and at most this long: short enough to be seen ending. */
export const MAX_DEMO_RUN_MS = 5 * 60_000;
/** Runs are compressed four times less than schedules, so a 40-minute backup runs for minutes, not seconds. */
const RUN_STRETCH = 4;

/** Compresses a job list's schedule so the demo is lively; tempo 1 keeps the real schedule. */
export function compressSchedule(jobs: readonly ScenarioJobSpec[], tempo: number): ScenarioJobSpec[] {
  if (tempo <= 1) return [...jobs];
  return jobs.map((job) => {
    const durationMs = Math.min(MAX_DEMO_RUN_MS, Math.max(MIN_DEMO_RUN_MS, Math.round((job.durationMs * RUN_STRETCH) / tempo)));
    return compressJob(job, tempo, durationMs);
  });
}

function compressJob(job: ScenarioJobSpec, tempo: number, durationMs: number): ScenarioJobSpec {
  return {
    ...job,
    // Twice the run time at least, so a run is seldom still going when the next one is due.
    intervalMs: Math.max(2 * durationMs, Math.round(job.intervalMs / tempo)),
    durationMs,
    ...(job.offsetMs === undefined ? {} : { offsetMs: Math.round(job.offsetMs / tempo) }),
    ...(job.queueMs === undefined ? {} : { queueMs: Math.round(job.queueMs / tempo) }),
  };
}

/** The scenario options every starter passes on. */
export const scenarioOptions = (o: StarterOptions) => ({ seed: o.seed, historySize: o.historySize, ...(o.now ? { now: o.now } : {}) });

/** The HTTPS options of a demo simulator presenting `commonName`. */
export const serverOptions = (commonName: string, o: StarterOptions) => ({
  commonName,
  seed: o.seed,
  ...(o.certificate ? { certificate: o.certificate } : {}),
});

/** The demo appliance's name, with the fleet's suffix. */
const demoName = (base: string, o: StarterOptions): string => (o.label ? `${base} ${o.label}` : base);

/** The simulator's certificate as the appliance pins it. */
export const pinOf = (server: HttpsSimulator): CertificatePin => ({ fingerprint256: server.fingerprint256, pem: server.pem });

/** A started simulator as the demo fleet drives it, configured as the appliance `name`. */
export function demoSimulator<K extends Vendor>(
  info: VendorInfo<K>,
  name: string,
  o: StarterOptions,
  sim: BaseSimulator,
  expireSessions: () => void,
): DemoSimulator {
  return {
    appliance: { name: demoName(name, o), vendor: info.key, baseUrl: sim.url, ...sim.credentials, certificate: pinOf(sim.server) },
    server: sim.server,
    scenario: sim.scenario,
    expireSessions,
    close: () => sim.close(),
  };
}
