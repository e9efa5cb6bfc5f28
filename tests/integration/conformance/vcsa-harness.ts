/** Conformance harness for vCenter appliance backup: the VCSA simulator and connector. */
import type { VcsaTuning } from '../../../src-main/core/connectors/vcsa/vcsa-connector.js';
import { createVcsaConnector } from '../../../src-main/core/connectors/vcsa/vcsa-connector.js';
import { VCSA_SCHEDULE_ID, startVcsaSimulator } from '../../../src-main/demo/vcsa/vcsa-simulator.js';
import type { VcsaSimulatorOptions } from '../../../src-main/demo/vcsa/vcsa-simulator.js';
import type { ConformanceHarness, RigOptions } from './connector-conformance.js';
import type { RigConnectOptions } from './rig.js';
import { buildRig, rigSimulatorOptions } from './rig.js';

export const USERNAME = 'administrator@vsphere.local';

/** How a VCSA test connector is made: password, appliance options (`apiStyle`), tuning, logger. */
export type VcsaConnectorOptions = RigConnectOptions<VcsaTuning>;

/** Starts the VCSA simulator; `extra` adds simulator options (API style...). */
export async function startVcsaRig(options: RigOptions, extra: Partial<VcsaSimulatorOptions> = {}) {
  const vcsa = await startVcsaSimulator({ ...rigSimulatorOptions(options, USERNAME), ...extra });
  const { rig, connect } = buildRig({
    vendor: 'vcsa',
    name: 'vCenter test',
    simulator: vcsa,
    username: USERNAME,
    jobId: VCSA_SCHEDULE_ID,
    now: options.now,
    factory: createVcsaConnector,
    expireSessions: () => vcsa.expireSessions(),
    // Calls to either session URL: logins, as a poll never logs out.
    logins: () => ['/api/session', '/rest/com/vmware/cis/session'].reduce((n, p) => n + (vcsa.server.stats.byPath.get(p) ?? 0), 0),
  });
  return { rig, vcsa, makeConnectorWith: connect };
}

export const vcsaHarness: ConformanceHarness = {
  vendor: 'vcsa',
  start: async (options) => (await startVcsaRig(options)).rig,
  // The backup job list has no "since" filter: each retained backup adds its id (~27 bytes) to an
  // idle poll, whose request count stays one. A daily backup makes that ~10 KB a year.
  idleBytesPerHistorySession: 28,
};
