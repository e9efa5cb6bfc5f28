/**
 * Where serve mode listens and which names it answers to. A browser page can reach a loopback
 * server through a DNS name it controls (DNS rebinding): answering only the names configured here
 * keeps such a page from reading the feed.
 */
import { isIP } from 'node:net';

export interface ListenAddress {
  /** Without brackets (`::1`, `127.0.0.1`, `backwatch.example.org`). */
  readonly host: string;
  readonly port: number;
}

export const DEFAULT_LISTEN = '127.0.0.1:9847';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** `HOST:PORT` or `[IPv6]:PORT`; throws an Error with one clear sentence otherwise. */
export function parseListenAddress(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65_535) throw new Error(`--listen takes HOST:PORT (e.g. ${DEFAULT_LISTEN} or [::1]:9847), not "${text}".`);
  return { host: (match[1] ?? match[2]!).toLowerCase(), port };
}

/** True for names and addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The names the server answers to: loopback names, the listen host unless it is a wildcard, and the public names. */
export function allowedHostNames(listen: ListenAddress, publicNames: readonly string[]): ReadonlySet<string> {
  const wildcard = listen.host === '0.0.0.0' || listen.host === '::';
  return new Set([...LOOPBACK_NAMES, ...(wildcard ? [] : [listen.host]), ...publicNames.map((n) => n.toLowerCase())]);
}

/** The host part of a `Host` header (`name:port`, `[::1]:port`), lower-cased; null when malformed. */
export function hostOfHeader(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+))(?::\d{1,5})?$/.exec(header.trim());
  return match ? (match[1] ?? match[2]!).toLowerCase() : null;
}

/** Why serve mode refuses to listen there, or null: beyond this machine only with TLS. */
export function listenRefusal(listen: ListenAddress, hasTls: boolean): string | null {
  if (isLoopback(listen.host) || hasTls) return null;
  return `Refusing to listen on ${listen.host} without TLS: add --tls-cert FILE --tls-key FILE, or listen on 127.0.0.1.`;
}
