/**
 * Connections that hold the server without asking anything: cut once the idle timeout passes,
 * at most so many per address and in all, each limit logged once rather than per connection.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServedFleet, type ServedFleet } from '../support/served-fleet.js';
import { withTimeout } from '../support/with-timeout.js';

let fleet: ServedFleet;
const sockets: Socket[] = [];
beforeAll(async () => {
  fleet = await startServedFleet(1, {
    settings: { pollIntervalSec: 3600 },
    serve: { limits: { idleTimeoutMs: 1500, maxPerAddress: 3, maxConnections: 5 } },
  });
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await fleet.close();
});

/** A connection from `from` that sends nothing; resolves once open, with a promise of its close. */
function idle(from: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: fleet.server.port, localAddress: from }, () => resolve({ socket, closed }));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {});
    socket.once('error', reject);
    sockets.push(socket);
  });
}
const lines = (text: string) => fleet.logLines.filter((l) => l.includes(text)).length;

describe('connection limits', () => {
  it('refuses the connections past the limit of an address and in all, logging each limit once', { timeout: 20_000 }, async () => {
    const held = await Promise.all([1, 2, 3].map(() => idle('127.0.0.1')));
    for (let i = 0; i < 3; i++) await withTimeout((await idle('127.0.0.1')).closed, 2000, 'the refusal of a 4th connection');
    expect(lines('an address that holds too many')).toBe(1);
    await Promise.all([idle('127.0.0.2'), idle('127.0.0.3')]);
    for (let i = 0; i < 3; i++) await withTimeout((await idle('127.0.0.4')).closed, 2000, 'the refusal of a 6th connection');
    expect(lines('as many as it takes')).toBe(1);
    // Nothing asked on them: the idle timeout ends them.
    await withTimeout(Promise.all(held.map((h) => h.closed)), 5000, 'the idle connections to be cut');
  });
});
