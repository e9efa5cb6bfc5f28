/**
 * DNS rebinding: a web page can point a name it controls at 127.0.0.1 and reach a loopback server,
 * but its requests still carry that name in `Host`. A loopback-only server answers only to
 * loopback names.
 */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a `Host` header names this machine's loopback (any port). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return LOOPBACK_NAMES.has(name.toLowerCase());
}
