/** Conformance harness for Veeam Backup for Microsoft 365: the VB365 simulator and connector. */
import type { Appliance } from '../../../src-main/common/model.js';
import { createVb365Connector } from '../../../src-main/core/connectors/vb365/vb365-connector.js';
import { createHttpClient } from '../../../src-main/core/http/http-client.js';
import type { HttpClient } from '../../../src-main/core/http/http-client.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { VB365_DEMO_JOBS, startVb365Simulator } from '../../../src-main/demo/vb365-simulator.js';
import type { Vb365SimulatorOptions } from '../../../src-main/demo/vb365-simulator.js';
import type { ConformanceHarness, ConformanceRig, RigOptions } from './connector-conformance.js';
import { RIG_PASSWORD } from './connector-conformance.js';

export const USERNAME = 'vbo-admin@contoso.local';
/** The job the suite starts, fails and finishes: Teams, the shortest run. */
const JOB_ID = VB365_DEMO_JOBS.find((j) => j.subType === 'teams')?.id ?? '';

/** Starts the VB365 simulator as a conformance rig; `extra` adds simulator options (version, quirks...). */
export async function startVb365Rig(options: RigOptions, extra: Partial<Vb365SimulatorOptions> = {}): Promise<ConformanceRig> {
  const vb365 = await startVb365Simulator({
    username: USERNAME,
    password: RIG_PASSWORD,
    historySize: options.historySize,
    now: options.now,
    seed: options.seed ?? 1,
    // The suite opens many connectors within one minute of its hand-moved clock.
    tokenRateLimitPerMinute: 1000,
    ...extra,
  });
  const pin = { fingerprint256: vb365.server.fingerprint256, pem: vb365.server.pem };
  const clients: HttpClient[] = [];
  const appliance: Appliance = {
    id: 'vb365-test',
    name: 'VB365 test',
    vendor: 'vb365',
    baseUrl: vb365.url,
    username: USERNAME,
    credential: { kind: 'keychain' },
    certificate: pin,
    options: {},
    enabled: true,
  };
  const rig: ConformanceRig = {
    simulator: vb365.server,
    scenario: vb365.scenario,
    jobId: JOB_ID,
    makeConnector: (o) => {
      const http = createHttpClient({ baseUrl: vb365.url, pin, retryDelayMs: 5 });
      clients.push(http);
      const password = o?.password ?? RIG_PASSWORD;
      return createVb365Connector({ appliance, http, password: async () => password, log: silentLogger, now: options.now });
    },
    expireSessions: () => vb365.expireTokens(),
    changePassword: (password) => {
      vb365.credentials.password = password;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await vb365.close();
    },
  };
  return rig;
}

export const vb365Harness: ConformanceHarness = {
  vendor: 'vb365',
  start: (options) => startVb365Rig(options),
};
