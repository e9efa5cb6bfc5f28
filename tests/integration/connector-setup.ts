/**
 * One connector wired to one simulator over real HTTPS, as the connector suites drive them, and
 * the poller's round (authenticate, then read sessions as the monitor does).
 */
import { afterEach } from 'vitest';
import type { Session, Vendor } from '../../src-main/common/model.js';
import type { Connector, ConnectorContext, SessionCursor } from '../../src-main/core/connectors/connector.js';
import type { HttpClient } from '../../src-main/core/http/http-client.js';
import { createHttpClient } from '../../src-main/core/http/http-client.js';
import type { LogLine } from '../../src-main/core/logger.js';
import { createLogger } from '../../src-main/core/logger.js';
import { readSessions } from '../../src-main/core/poller/session-read.js';
import type { BaseSimulator } from '../../src-main/demo/sim/vendor-simulator.js';

export interface ConnectorSetup<S extends BaseSimulator> {
  readonly sim: S;
  readonly http: HttpClient;
  readonly connector: Connector;
  readonly lines: LogLine[];
}

export interface ConnectorWiring {
  readonly vendor: Vendor;
  readonly applianceId: string;
  readonly applianceName: string;
  readonly options?: Readonly<Record<string, string>>;
  /** The password the connector logs in with; the simulator's own by default. */
  readonly password?: string;
}

/**
 * Returns `wire`, which connects a connector built by `build` to a started simulator; every wired
 * pair is closed after each test of the calling file.
 */
export function connectorSetups(): <S extends BaseSimulator>(
  sim: S,
  wiring: ConnectorWiring,
  build: (ctx: ConnectorContext) => Connector,
) => ConnectorSetup<S> {
  const opened: ConnectorSetup<BaseSimulator>[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.connector.close();
      await o.http.close();
      await o.sim.close();
    }
  });
  return (sim, wiring, build) => {
    const lines: LogLine[] = [];
    const http = createHttpClient({
      baseUrl: sim.url,
      pin: { fingerprint256: sim.server.fingerprint256, pem: sim.server.pem },
      retryDelayMs: 5,
    });
    const connector = build({
      appliance: {
        id: wiring.applianceId,
        name: wiring.applianceName,
        vendor: wiring.vendor,
        baseUrl: sim.url,
        username: sim.credentials.username,
        credential: { kind: 'keychain' },
        options: wiring.options ?? {},
        enabled: true,
      },
      http,
      password: async () => wiring.password ?? sim.credentials.password,
      log: createLogger((l) => lines.push(l)),
      now: () => sim.scenario.now(),
    });
    const setup = { sim, http, connector, lines };
    opened.push(setup);
    return setup;
  };
}

/** What the poller does each round: authenticate, then read sessions as the monitor does. */
export class Poller {
  cursor: SessionCursor | null = null;
  readonly sessions = new Map<string, Session>();
  constructor(private readonly connector: Connector) {}

  async poll(): Promise<Session[]> {
    await this.connector.authenticate();
    const read = await readSessions(this.connector, this, Date.now);
    for (const s of read.sessions) this.sessions.set(s.id, s);
    this.cursor = read.cursor;
    return [...read.sessions];
  }
}
