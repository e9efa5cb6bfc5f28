/**
 * Bounds on what connections may hold of the server: a client that opens sockets and sends nothing
 * (or a header a byte a minute) is cut after the header timeout, and no address may hold more than
 * its share of the connections. Each limit is logged once when hit, not once per connection.
 */
import type { Server } from 'node:http';
import type { Logger } from '../core/logger.js';
import { normalAddress } from './client-address.js';

export interface ConnectionLimits {
  /** Time for a request's headers to arrive, ms. */
  readonly headersTimeoutMs: number;
  /** Time for a whole request (headers and body) to arrive, ms; an answer may stream for longer. */
  readonly requestTimeoutMs: number;
  /**
   * A connection with nothing going either way this long is closed, ms: one that never asks is no
   * request, so the timeouts above do not see it. Above the event stream's keep-alive (25 s).
   */
  readonly idleTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxConnections: 1_000,
  maxPerAddress: 50,
};

/** Applies the limits to `server`; `exempt` (the trusted proxy) carries everyone's connections. */
export function limitConnections(server: Server, limits: ConnectionLimits, log: Logger, exempt?: string): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  server.maxConnections = limits.maxConnections;
  let open = 0;
  let totalLogged = false;
  server.on('drop', () => {
    if (totalLogged) return;
    totalLogged = true;
    log.warn('Refusing new connections: the server holds as many as it takes', { max: limits.maxConnections });
  });

  const perAddress = new Map<string, number>();
  const logged = new Set<string>();
  const trusted = exempt === undefined ? undefined : normalAddress(exempt);
  server.on('connection', (socket) => {
    const address = normalAddress(socket.remoteAddress ?? 'unknown');
    const held = perAddress.get(address) ?? 0;
    if (address !== trusted && held >= limits.maxPerAddress) {
      if (!logged.has(address))
        log.warn('Refusing connections from an address that holds too many', { address, max: limits.maxPerAddress });
      logged.add(address);
      socket.destroy();
      return;
    }
    open += 1;
    perAddress.set(address, held + 1);
    socket.once('close', () => {
      open -= 1;
      if (open < limits.maxConnections) totalLogged = false;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) return void perAddress.set(address, left);
      perAddress.delete(address);
      logged.delete(address);
    });
  });
}
