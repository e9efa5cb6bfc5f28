/** Conformance harness for Veeam Backup for Microsoft 365: the VB365 simulator and connector. */
import { createVb365Connector } from '../../../src-main/core/connectors/vb365/vb365-connector.js';
import { VB365_DEMO_JOBS, startVb365Simulator } from '../../../src-main/demo/vb365/vb365-simulator.js';
import type { Vb365SimulatorOptions } from '../../../src-main/demo/vb365/vb365-simulator.js';
import type { ConformanceHarness, ConformanceRig, RigOptions } from './connector-conformance.js';
import { buildRig, rigSimulatorOptions } from './rig.js';

export const USERNAME = 'vbo-admin@contoso.local';
/** The job the suite starts, fails and finishes: Teams, the shortest run. */
const JOB_ID = VB365_DEMO_JOBS.find((j) => j.subType === 'teams')?.id ?? '';

/** Starts the VB365 simulator as a conformance rig; `extra` adds simulator options (version, quirks...). */
export async function startVb365Rig(options: RigOptions, extra: Partial<Vb365SimulatorOptions> = {}): Promise<ConformanceRig> {
  const vb365 = await startVb365Simulator({
    ...rigSimulatorOptions(options, USERNAME),
    // The suite opens many connectors within one minute of its hand-moved clock.
    tokenRateLimitPerMinute: 1000,
    ...extra,
  });
  return buildRig({
    vendor: 'vb365',
    name: 'VB365 test',
    simulator: vb365,
    username: USERNAME,
    jobId: JOB_ID,
    now: options.now,
    factory: createVb365Connector,
    expireSessions: () => vb365.expireTokens(),
    logins: () => vb365.tokenStats.password,
  }).rig;
}

export const vb365Harness: ConformanceHarness = {
  vendor: 'vb365',
  start: (options) => startVb365Rig(options),
};
