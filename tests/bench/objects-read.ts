/**
 * The object read's cost on one appliance of each vendor that backs objects up, scaled to a given
 * number of objects (20 jobs share them): requests and bytes of the first read and of an idle read
 * after it, beside a naive reader that asks for every object's newest point on every cycle (VBR's
 * simulator answers that per object; SPP and VB365 document no such request, so their naive reader
 * is a fresh reader with no memory of finished runs: the first read, paid every cycle). VBR's read
 * includes what it sees beyond its backups, three requests at the demo estate's size: its protected
 * computers, its vCenters, and the one page of their VMs.
 */
import type { BackedUpObject } from '../../src-main/common/protected-objects.js';
import type { Connector } from '../../src-main/core/connectors/connector.js';
import { connectorDescriptor } from '../../src-main/core/connectors/registry.js';
import * as vbr from '../../src-main/core/connectors/vbr/vbr-requests.js';
import { createHttpClient } from '../../src-main/core/http/http-client.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { pinOf } from '../../src-main/demo/demo-vendor.js';
import type { ScenarioJobSpec } from '../../src-main/demo/sim/scenario.js';
import { stableGuid } from '../../src-main/demo/sim/stable-guid.js';
import type { BaseSimulator } from '../../src-main/demo/sim/vendor-simulator.js';
import { SPP_DEMO_JOBS, createSppScenario, startSppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { VB365_DEMO_JOBS, createVb365Scenario, startVb365Simulator } from '../../src-main/demo/vb365/vb365-simulator.js';
import { VBR_DEMO_JOBS, createVbrScenario, startVbrSimulator } from '../../src-main/demo/vbr/vbr-simulator.js';

export type ObjectVendor = 'spp' | 'vbr' | 'vb365';
export const OBJECT_VENDORS: readonly ObjectVendor[] = ['spp', 'vbr', 'vb365'];

export interface ReadCost {
  readonly requests: number;
  readonly bytes: number;
}

export interface ObjectReadFigures {
  readonly objects: number;
  readonly first: ReadCost;
  readonly idle: ReadCost;
  readonly naive: ReadCost;
  /** The naive reader's name: per-object newest point, or a fresh reader every cycle. */
  readonly naiveReader: 'newest point per object' | 'fresh reader';
  /** What the read found, kept for the snapshot and memory figures. */
  readonly backedUp: readonly BackedUpObject[];
}

const JOBS = 20;
export const T0 = Date.UTC(2026, 2, 2, 9);

interface VendorBench {
  /** The demo job whose kind of object the scaled jobs back up. */
  readonly template: ScenarioJobSpec;
  readonly objectName: (job: number, n: number) => string;
  readonly jobId: (job: number) => string;
  start(jobs: readonly ScenarioJobSpec[]): Promise<BaseSimulator>;
}

const common = { seed: 7, historySize: 300, now: () => T0 };
const server = (commonName: string) => ({ server: { commonName, seed: 7 } });

const BENCHES: Record<ObjectVendor, VendorBench> = {
  spp: {
    template: SPP_DEMO_JOBS.find((j) => j.subType === 'vmware')!,
    objectName: (job, n) => `bench-vm-${job}-${n}`,
    jobId: (job) => String(5000 + job),
    start: (jobs) => startSppSimulator({ scenario: createSppScenario({ ...common, jobs }), ...server('spp-bench.backwatch.local') }),
  },
  vbr: {
    template: VBR_DEMO_JOBS.find((j) => j.type === 'backup')!,
    objectName: (job, n) => `bench-vm-${job}-${n}`,
    jobId: (job) => stableGuid(`bench/vbr/job/${job}`),
    start: (jobs) => startVbrSimulator({ scenario: createVbrScenario({ ...common, jobs }), ...server('vbr-bench.backwatch.local') }),
  },
  vb365: {
    template: VB365_DEMO_JOBS.find((j) => j.subType === 'exchange')!,
    objectName: (job, n) => `user-${job}-${n}@contoso.onmicrosoft.com`,
    jobId: (job) => stableGuid(`bench/vb365/job/${job}`),
    start: (jobs) => startVb365Simulator({ scenario: createVb365Scenario({ ...common, jobs }), ...server('vbo-bench.backwatch.local') }),
  },
};

/** `objects` resources over 20 copies of the vendor's demo job, each its own. */
function scaledJobs(bench: VendorBench, objects: number): ScenarioJobSpec[] {
  const per = Math.ceil(objects / JOBS);
  return Array.from({ length: JOBS }, (_, j) => ({
    ...bench.template,
    id: bench.jobId(j),
    name: `${bench.template.name} ${j + 1}`,
    offsetMs: (bench.template.offsetMs ?? 0) + j * 60_000,
    resources: Array.from({ length: Math.min(per, objects - j * per) }, (_, n) => bench.objectName(j, n)),
  }));
}

function connect(vendor: ObjectVendor, sim: BaseSimulator) {
  const http = createHttpClient({ baseUrl: sim.url, pin: pinOf(sim.server) });
  const connector: Connector = connectorDescriptor(vendor).connect({
    appliance: {
      id: `bench-${vendor}`,
      name: `Bench ${vendor}`,
      vendor,
      baseUrl: sim.url,
      username: sim.credentials.username,
      credential: { kind: 'keychain' },
      options: {},
      enabled: true,
    },
    http,
    password: async () => sim.credentials.password,
    log: silentLogger,
    now: () => T0,
  });
  return { connector, close: () => Promise.all([connector.close(), http.close()]) };
}

/** Requests and bytes `run` cost on the simulator. */
async function costOf(sim: BaseSimulator, run: () => Promise<unknown>): Promise<ReadCost> {
  sim.server.resetStats();
  await run();
  return { requests: sim.server.stats.requests, bytes: sim.server.stats.bytes };
}

/** VBR's naive cycle: log in, then each object's newest point, one request each. */
async function vbrNewestPoints(sim: BaseSimulator, objects: readonly BackedUpObject[]): Promise<void> {
  const http = createHttpClient({ baseUrl: sim.url, pin: pinOf(sim.server) });
  try {
    const { username, password } = sim.credentials;
    const token = (await http.json(vbr.passwordTokenRequest('1.3-rev1', username, password))) as { access_token: string };
    for (const o of objects) {
      const req = vbr.restorePointsRequest('1.3-rev1', { skip: 0, limit: 1 }, { backupObjectId: o.id, newestFirst: true });
      await http.json({ ...req, headers: { ...req.headers, authorization: `Bearer ${token.access_token}` } });
    }
  } finally {
    await http.close();
  }
}

export async function measureObjectRead(vendor: ObjectVendor, objects: number): Promise<ObjectReadFigures> {
  const bench = BENCHES[vendor];
  const sim = await bench.start(scaledJobs(bench, objects));
  const reader = connect(vendor, sim);
  try {
    let backedUp: readonly BackedUpObject[] = [];
    const first = await costOf(sim, async () => (backedUp = (await reader.connector.readObjects!()).backedUp));
    const idle = await costOf(sim, () => reader.connector.readObjects!());
    if (vendor === 'vbr') {
      const naive = await costOf(sim, () => vbrNewestPoints(sim, backedUp));
      return { objects: backedUp.length, first, idle, naive, naiveReader: 'newest point per object', backedUp };
    }
    const fresh = connect(vendor, sim);
    const naive = await costOf(sim, () => fresh.connector.readObjects!());
    await fresh.close();
    return { objects: backedUp.length, first, idle, naive, naiveReader: 'fresh reader', backedUp };
  } finally {
    await reader.close();
    await sim.close();
  }
}
