/** Conformance harness for IBM Spectrum Protect Plus: the SPP simulator and connector. */
import { createSppConnector } from '../../../src-main/core/connectors/spp/spp-connector.js';
import { startSppSimulator } from '../../../src-main/demo/spp/spp-simulator.js';
import type { SppSimulatorOptions } from '../../../src-main/demo/spp/spp-simulator.js';
import type { ConformanceHarness, RigOptions } from './connector-conformance.js';
import { RIG_PASSWORD } from './connector-conformance.js';
import { buildRig, rigSimulatorOptions } from './rig.js';

export const USERNAME = 'spp-admin';

/** Starts the SPP simulator; `extra` adds simulator options (quirks, idle timeout...). */
export async function startSppRig(options: RigOptions, extra: Partial<SppSimulatorOptions> = {}) {
  const spp = await startSppSimulator({ ...rigSimulatorOptions(options, USERNAME), ...extra });
  const { rig, appliance, connect } = buildRig({
    vendor: 'spp',
    name: 'SPP test',
    simulator: spp,
    username: USERNAME,
    jobId: '1010',
    now: options.now,
    factory: createSppConnector,
    expireSessions: () => spp.expireSessions(),
    // Calls to the session URL: logins, as a poll never logs out.
    logins: () => spp.server.stats.byPath.get('/api/endeavour/session') ?? 0,
  });
  const makeConnectorWith = (password = RIG_PASSWORD) => connect({ password });
  return { rig, spp, appliance, makeConnectorWith };
}

export const sppHarness: ConformanceHarness = {
  vendor: 'spp',
  start: async (options) => (await startSppRig(options)).rig,
};
