/**
 * What the vendor simulators (SPP, VB365, VCSA, VBR) share around their own routes: the options every one
 * takes, its scenario and credentials, Basic-auth logins, and the handle it returns.
 */
import type { HttpsSimulator, SimHandler, SimRequest, SimResponse, SimulatorOptions } from './https-simulator.js';
import type { Scenario, ScenarioJobSpec } from './scenario.js';
import { createScenario } from './scenario.js';

/** The options every vendor simulator takes; each vendor adds its own. */
export interface BaseSimulatorOptions {
  /** The scenario to serve; default: the vendor's demo scenario from `seed`, `now` and `historySize`. */
  readonly scenario?: Scenario;
  /** Finished sessions pre-filled in the default scenario (the vendor's demo scenario sets the default). */
  readonly historySize?: number;
  readonly seed?: number;
  /** Clock of the default scenario. Default `Date.now`. */
  readonly now?: () => number;
  readonly username?: string;
  readonly password?: string;
  /** Passed to the HTTPS base (host, port, certificate, fault seed). */
  readonly server?: Omit<SimulatorOptions, 'handler'>;
}

/** The options of a vendor's demo scenario. */
export interface DemoScenarioOptions {
  readonly seed?: number;
  readonly now?: () => number;
  readonly historySize?: number;
}

/** Accepted credentials; change `password` to emulate the admin rotating it (the next login fails). */
export interface SimulatorCredentials {
  readonly username: string;
  password: string;
}

/** The handle every vendor simulator returns; each vendor adds its own switches and counters. */
export interface BaseSimulator {
  readonly url: string;
  readonly server: HttpsSimulator;
  readonly scenario: Scenario;
  readonly credentials: SimulatorCredentials;
  close(): Promise<void>;
}

/** A vendor's demo scenario: its jobs, session ids from `idOf(seed, seq)` and `historySize` (default 200) finished sessions. */
export function demoScenario(
  options: DemoScenarioOptions,
  jobs: readonly ScenarioJobSpec[],
  idOf: (seed: number, seq: number) => string,
): Scenario {
  const seed = options.seed ?? 1;
  const scenario = createScenario({ jobs, seed, ...(options.now ? { now: options.now } : {}), formatId: (seq) => idOf(seed, seq) });
  scenario.generateHistory(options.historySize ?? 200);
  return scenario;
}

/** The scenario to serve: the one given, or the vendor's demo scenario built from the options. */
export function scenarioOf(options: BaseSimulatorOptions, createDemo: (demo: DemoScenarioOptions) => Scenario): Scenario {
  return options.scenario ?? createDemo({ seed: options.seed, historySize: options.historySize, now: options.now });
}

export function credentialsOf(options: BaseSimulatorOptions, defaults: { username: string; password: string }): SimulatorCredentials {
  return { username: options.username ?? defaults.username, password: options.password ?? defaults.password };
}

/** Whether a login's `Authorization: Basic` header carries the accepted credentials. */
export function basicAuthMatches(req: SimRequest, credentials: SimulatorCredentials): boolean {
  const header = req.headers['authorization'] ?? '';
  const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : '';
  return decoded === `${credentials.username}:${credentials.password}`;
}

/** A handler that answers what `route` throws as `BadRequest` with `answer` (a 400), and rethrows the rest. */
export function answeringBadRequests<E extends Error>(
  route: (req: SimRequest) => SimResponse,
  BadRequest: abstract new (...args: never[]) => E,
  answer: (e: E, req: SimRequest) => SimResponse,
): SimHandler {
  return (req) => {
    try {
      return route(req);
    } catch (e) {
      if (e instanceof BadRequest) return answer(e, req);
      throw e;
    }
  };
}

/** The shared part of a vendor simulator's handle. */
export function baseHandle(server: HttpsSimulator, scenario: Scenario, credentials: SimulatorCredentials): BaseSimulator {
  return { url: server.url, server, scenario, credentials, close: () => server.close() };
}
