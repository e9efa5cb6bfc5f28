/**
 * The address a request comes from, for the failed-attempt limiter and the log. Behind a reverse
 * proxy every request comes from the proxy; its `X-Forwarded-For` names the client, but only a
 * proxy the admin named (`--trusted-proxy`) is believed: anyone else could send the header.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
export function normalAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * The peer's address; from the trusted proxy, the right-most `X-Forwarded-For` entry, the one
 * the proxy itself added (entries left of it are whatever the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustedProxy: string | undefined): string {
  const peer = normalAddress(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxy === undefined || peer !== normalAddress(trustedProxy)) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  const last = entries[entries.length - 1]?.trim() ?? '';
  return isIP(last) ? normalAddress(last) : peer;
}
