/**
 * What every vendor harness does the same way: start its simulator with the rig's password and
 * clock, pin the simulator's certificate as it is at start, make connectors over fresh HTTP clients
 * and close them all with the simulator.
 */
import type { Appliance, ApplianceOptions, Vendor } from '../../../src-main/common/model.js';
import type { Connector, ConnectorContext } from '../../../src-main/core/connectors/connector.js';
import { createHttpClient } from '../../../src-main/core/http/http-client.js';
import type { HttpClient } from '../../../src-main/core/http/http-client.js';
import type { Logger } from '../../../src-main/core/logger.js';
import { silentLogger } from '../../../src-main/core/logger.js';
import type { HttpsSimulator } from '../../../src-main/demo/sim/https-simulator.js';
import type { Scenario } from '../../../src-main/demo/sim/scenario.js';
import type { ConformanceRig, RigOptions } from './connector-conformance.js';
import { RIG_PASSWORD } from './connector-conformance.js';

/** The simulator options every harness starts its vendor's simulator with. */
export function rigSimulatorOptions(options: RigOptions, username: string) {
  return { username, password: RIG_PASSWORD, historySize: options.historySize, now: options.now, seed: options.seed ?? 1 };
}

/** The parts of a running vendor simulator a rig drives. */
export interface RigSimulator {
  readonly url: string;
  readonly server: HttpsSimulator;
  readonly scenario: Scenario;
  readonly credentials: { password: string };
  close(): Promise<void>;
}

/** How one connector of a rig is made; every field is optional. */
export interface RigConnectOptions<Tuning> {
  readonly password?: string;
  /** The appliance's options (e.g. VCSA `apiStyle` to skip the probe). */
  readonly options?: ApplianceOptions;
  readonly tuning?: Tuning;
  readonly log?: Logger;
}

export interface RigSpec<Tuning> {
  readonly vendor: Vendor;
  /** The appliance's display name. */
  readonly name: string;
  readonly simulator: RigSimulator;
  readonly username: string;
  /** The job the suite starts, fails and finishes. */
  readonly jobId: string;
  readonly now: () => number;
  /** The vendor's connector factory (its own default tuning when none is given). */
  readonly factory: (ctx: ConnectorContext, tuning?: Tuning) => Connector;
  /** Invalidates every API session/token the simulator gave out. */
  expireSessions(): void;
  /** Password logins the simulator has been asked for so far. */
  logins(): number;
}

/** A conformance rig over a started simulator, plus `connect` for vendor tests that need more knobs. */
export function buildRig<Tuning>(spec: RigSpec<Tuning>) {
  const { simulator } = spec;
  const pin = { fingerprint256: simulator.server.fingerprint256, pem: simulator.server.pem };
  const clients: HttpClient[] = [];
  const applianceWith = (options: ApplianceOptions = {}): Appliance => ({
    id: `${spec.vendor}-test`,
    name: spec.name,
    vendor: spec.vendor,
    baseUrl: simulator.url,
    username: spec.username,
    credential: { kind: 'keychain' },
    certificate: pin,
    options,
    enabled: true,
  });
  const connect = (o: RigConnectOptions<Tuning> = {}) => {
    const http = createHttpClient({ baseUrl: simulator.url, pin, retryDelayMs: 5 });
    clients.push(http);
    const password = o.password ?? RIG_PASSWORD;
    const ctx = { appliance: applianceWith(o.options), http, password: async () => password, log: o.log ?? silentLogger, now: spec.now };
    return { connector: spec.factory(ctx, o.tuning), http };
  };
  const rig: ConformanceRig = {
    simulator: simulator.server,
    scenario: simulator.scenario,
    jobId: spec.jobId,
    appliance: applianceWith(),
    makeConnector: (o) => connect(o).connector,
    expireSessions: () => spec.expireSessions(),
    logins: () => spec.logins(),
    changePassword: (password) => {
      simulator.credentials.password = password;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await simulator.close();
    },
  };
  return { rig, appliance: applianceWith(), connect };
}
