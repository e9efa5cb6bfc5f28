/** Conformance harness for vCenter appliance backup: the VCSA simulator and connector. */
import type { Appliance, ApplianceOptions } from '../../../src-main/common/model.js';
import type { VcsaTuning } from '../../../src-main/core/connectors/vcsa/vcsa-connector.js';
import { createVcsaConnector } from '../../../src-main/core/connectors/vcsa/vcsa-connector.js';
import { createHttpClient } from '../../../src-main/core/http/http-client.js';
import type { HttpClient } from '../../../src-main/core/http/http-client.js';
import type { Logger } from '../../../src-main/core/logger.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import { VCSA_SCHEDULE_ID, startVcsaSimulator } from '../../../src-main/demo/vcsa-simulator.js';
import type { VcsaSimulatorOptions } from '../../../src-main/demo/vcsa-simulator.js';
import type { ConformanceHarness, ConformanceRig, RigOptions } from './connector-conformance.js';
import { RIG_PASSWORD } from './connector-conformance.js';

export const USERNAME = 'administrator@vsphere.local';

export interface VcsaConnectorOptions {
  readonly password?: string;
  /** The appliance's options (`apiStyle` to skip the probe). */
  readonly options?: ApplianceOptions;
  readonly tuning?: VcsaTuning;
  readonly log?: Logger;
}

/** Starts the VCSA simulator; `extra` adds simulator options (API style...). */
export async function startVcsaRig(options: RigOptions, extra: Partial<VcsaSimulatorOptions> = {}) {
  const vcsa = await startVcsaSimulator({
    username: USERNAME,
    password: RIG_PASSWORD,
    historySize: options.historySize,
    now: options.now,
    seed: options.seed ?? 1,
    ...extra,
  });
  const pin = { fingerprint256: vcsa.server.fingerprint256, pem: vcsa.server.pem };
  const clients: HttpClient[] = [];
  const applianceWith = (applianceOptions: ApplianceOptions = {}): Appliance => ({
    id: 'vcsa-test',
    name: 'vCenter test',
    vendor: 'vcsa',
    baseUrl: vcsa.url,
    username: USERNAME,
    credential: { kind: 'keychain' },
    certificate: pin,
    options: applianceOptions,
    enabled: true,
  });
  const makeConnectorWith = (o: VcsaConnectorOptions = {}) => {
    const http = createHttpClient({ baseUrl: vcsa.url, pin, retryDelayMs: 5 });
    clients.push(http);
    const password = o.password ?? RIG_PASSWORD;
    const ctx = { appliance: applianceWith(o.options), http, password: async () => password, log: o.log ?? silentLogger, now: options.now };
    return { connector: createVcsaConnector(ctx, o.tuning), http };
  };
  const rig: ConformanceRig = {
    simulator: vcsa.server,
    scenario: vcsa.scenario,
    jobId: VCSA_SCHEDULE_ID,
    makeConnector: (o) => makeConnectorWith(o?.password === undefined ? {} : { password: o.password }).connector,
    expireSessions: () => vcsa.expireSessions(),
    changePassword: (password) => {
      vcsa.credentials.password = password;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await vcsa.close();
    },
  };
  return { rig, vcsa, makeConnectorWith };
}

export const vcsaHarness: ConformanceHarness = {
  vendor: 'vcsa',
  start: async (options) => (await startVcsaRig(options)).rig,
  // The backup job list has no "since" filter: each retained backup adds its id (~27 bytes) to an
  // idle poll, whose request count stays one. A daily backup makes that ~10 KB a year.
  idleBytesPerHistorySession: 28,
};
