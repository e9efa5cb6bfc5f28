/** Conformance harness for Veeam Backup & Replication: the VBR simulator and connector. */
import { createVbrConnector } from '../../../src-main/core/connectors/vbr/vbr-connector.js';
import type { VbrSimulatorOptions } from '../../../src-main/demo/vbr/vbr-simulator.js';
import { VBR_DEMO_JOBS, startVbrSimulator } from '../../../src-main/demo/vbr/vbr-simulator.js';
import type { ConformanceHarness, ConformanceRig, RigOptions } from './connector-conformance.js';
import { buildRig, rigSimulatorOptions } from './rig.js';

export const USERNAME = 'CONTOSO\\svc-backwatch';
/** The job the suite starts, fails and finishes: the domain controllers, the shortest run. */
const JOB_ID = VBR_DEMO_JOBS.find((j) => j.name.includes('Domain Controllers'))?.id ?? '';

/** Starts the VBR simulator as a conformance rig; `extra` adds simulator options (revisions, quirks...). */
export async function startVbrRig(options: RigOptions, extra: Partial<VbrSimulatorOptions> = {}): Promise<ConformanceRig> {
  const vbr = await startVbrSimulator({ ...rigSimulatorOptions(options, USERNAME), ...extra });
  return buildRig({
    vendor: 'vbr',
    name: 'VBR test',
    simulator: vbr,
    username: USERNAME,
    jobId: JOB_ID,
    now: options.now,
    factory: createVbrConnector,
    expireSessions: () => vbr.expireTokens(),
    logins: () => vbr.tokenStats.password,
  }).rig;
}

export const vbrHarness: ConformanceHarness = {
  vendor: 'vbr',
  start: (options) => startVbrRig(options),
};
