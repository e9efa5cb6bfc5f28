/** Conformance harness for IBM Spectrum Protect Plus: the SPP simulator and connector. */
import type { Appliance } from '../../../src-main/common/model.js';
import { createSppConnector } from '../../../src-main/core/connectors/spp/spp-connector.js';
import { createHttpClient } from '../../../src-main/core/http/http-client.js';
import type { HttpClient } from '../../../src-main/core/http/http-client.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { startSppSimulator } from '../../../src-main/demo/spp-simulator.js';
import type { SppSimulatorOptions } from '../../../src-main/demo/spp-simulator.js';
import type { ConformanceHarness, ConformanceRig, RigOptions } from './connector-conformance.js';
import { RIG_PASSWORD } from './connector-conformance.js';

export const USERNAME = 'spp-admin';

/** Starts the SPP simulator; `extra` adds simulator options (quirks, idle timeout...). */
export async function startSppRig(options: RigOptions, extra: Partial<SppSimulatorOptions> = {}) {
  const spp = await startSppSimulator({
    username: USERNAME,
    password: RIG_PASSWORD,
    historySize: options.historySize,
    now: options.now,
    seed: options.seed ?? 1,
    ...extra,
  });
  const pin = { fingerprint256: spp.server.fingerprint256, pem: spp.server.pem };
  const clients: HttpClient[] = [];
  const appliance: Appliance = {
    id: 'spp-test',
    name: 'SPP test',
    vendor: 'spp',
    baseUrl: spp.url,
    username: USERNAME,
    credential: { kind: 'keychain' },
    certificate: pin,
    options: {},
    enabled: true,
  };
  const makeConnectorWith = (password = RIG_PASSWORD) => {
    const http = createHttpClient({ baseUrl: spp.url, pin, retryDelayMs: 5 });
    clients.push(http);
    const connector = createSppConnector({ appliance, http, password: async () => password, log: silentLogger, now: options.now });
    return { connector, http };
  };
  const rig: ConformanceRig = {
    simulator: spp.server,
    scenario: spp.scenario,
    jobId: '1010',
    makeConnector: (o) => makeConnectorWith(o?.password).connector,
    expireSessions: () => spp.expireSessions(),
    changePassword: (password) => {
      spp.credentials.password = password;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await spp.close();
    },
  };
  return { rig, spp, appliance, makeConnectorWith };
}

export const sppHarness: ConformanceHarness = {
  vendor: 'spp',
  start: async (options) => (await startSppRig(options)).rig,
};
