/**
 * Builds the live connector of an appliance: its vendor's factory from the registry, an HTTP
 * client that trusts the appliance's pinned certificate, and a password read at call time.
 */
import type { Appliance } from '../common/model.js';
import type { Connector } from './connectors/connector.js';
import { connectorDescriptor } from './connectors/registry.js';
import { ConnectorError, isConnectorError, type ConnectorErrorKind } from './http/errors.js';
import { createHttpClient, type HttpClient, type HttpStats } from './http/http-client.js';
import { redactText } from './http/redact.js';
import type { Logger } from './logger.js';
import { KeychainLockedError, LocalCredentialError, resolvePassword, type SecretStore } from './secrets/secret-store.js';

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

/**
 * A connector's error with the secrets in play taken out of its message: a vendor's own error text
 * (parsed from a body) may echo the password, and this is the one door every such message passes.
 */
function redacted(error: unknown, secrets: Iterable<string>): unknown {
  if (!isConnectorError(error)) return error;
  const message = redactText(error.message, secrets);
  return message === error.message ? error : new ConnectorError(error.kind, message, error.extra);
}

/** Closes the HTTP client together with the connector; redacts the messages of its errors. */
function closingHttpToo(connector: Connector, http: HttpClient, secrets: Iterable<string>): Connector {
  return new Proxy(connector, {
    get(target, prop) {
      if (prop === 'close') {
        return async () => {
          await target.close();
          await http.close();
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(redacted(error, secrets))) : result;
      };
    },
  });
}

/** An HTTP client for an appliance's base URL that trusts its pinned certificate (or the system's CAs). */
export function applianceHttpClient(appliance: Appliance, log: Logger, stats?: HttpStats, secrets?: Iterable<string>): HttpClient {
  return createHttpClient({
    baseUrl: appliance.baseUrl,
    log,
    ...(appliance.certificate ? { pin: appliance.certificate } : {}),
    ...(stats ? { stats } : {}),
    ...(secrets ? { secrets } : {}),
  });
}

/** A password this computer cannot give is its own problem; a missing one is fixed like a wrong one. */
function credentialErrorKind(error: unknown): ConnectorErrorKind {
  if (error instanceof KeychainLockedError) return 'keychain_locked';
  return error instanceof LocalCredentialError ? 'local' : 'auth_failed';
}

export function connectAppliance(appliance: Appliance, deps: ConnectDeps): Connector {
  const factory = connectorDescriptor(appliance.vendor).connect;
  const log = deps.log.child(appliance.name);
  // The password as last read: answers quoting it get it redacted (it may change in the keychain).
  const inPlay = new Set<string>();
  const http = applianceHttpClient(appliance, log, deps.stats, inPlay);
  const password = async () => {
    let value: string;
    try {
      value = deps.password ?? (await resolvePassword(appliance, deps.secrets, deps.env));
    } catch (error) {
      throw new ConnectorError(credentialErrorKind(error), (error as Error).message);
    }
    inPlay.clear();
    inPlay.add(value);
    return value;
  };
  return closingHttpToo(factory({ appliance, http, password, log, now: deps.now }), http, inPlay);
}
