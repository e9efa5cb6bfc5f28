/**
 * Builds the live connector of an appliance: its vendor's factory from the registry, an HTTP
 * client that trusts the appliance's pinned certificate, and a password read at call time.
 */
import type { Appliance } from '../common/model.js';
import type { Connector } from './connectors/connector.js';
import { connectorDescriptor } from './connectors/registry.js';
import { ConnectorError } from './http/errors.js';
import { createHttpClient, type HttpClient, type HttpStats } from './http/http-client.js';
import type { Logger } from './logger.js';
import { resolvePassword, type SecretStore } from './secrets/secret-store.js';

export interface ConnectDeps {
  readonly secrets: SecretStore;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  readonly now: () => number;
  /** Overrides the stored password (connection test of a draft). */
  readonly password?: string;
  /** Counters this appliance's requests and bytes are added to. */
  readonly stats?: HttpStats;
}

/** Closes the HTTP client together with the connector. */
function closingHttpToo(connector: Connector, http: HttpClient): Connector {
  return new Proxy(connector, {
    get(target, prop) {
      if (prop === 'close') {
        return async () => {
          await target.close();
          await http.close();
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** An HTTP client for an appliance's base URL that trusts its pinned certificate (or the system's CAs). */
export function applianceHttpClient(appliance: Appliance, log: Logger, stats?: HttpStats): HttpClient {
  return createHttpClient({
    baseUrl: appliance.baseUrl,
    log,
    ...(appliance.certificate ? { pin: appliance.certificate } : {}),
    ...(stats ? { stats } : {}),
  });
}

export function connectAppliance(appliance: Appliance, deps: ConnectDeps): Connector {
  const factory = connectorDescriptor(appliance.vendor).connect;
  const log = deps.log.child(appliance.name);
  const http = applianceHttpClient(appliance, log, deps.stats);
  const password = async () => {
    if (deps.password !== undefined) return deps.password;
    try {
      return await resolvePassword(appliance, deps.secrets, deps.env);
    } catch (error) {
      // A missing password is a credentials problem the admin fixes like a wrong one.
      throw new ConnectorError('auth_failed', (error as Error).message);
    }
  };
  return closingHttpToo(factory({ appliance, http, password, log, now: deps.now }), http);
}
