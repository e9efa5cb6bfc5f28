/**
 * How connectors hold a vendor login (session id or token): one login at a time shared by
 * concurrent calls, the credential header and the caller's abort signal on each request, and one
 * new login when the API refuses the held credential as expired.
 */
import { isConnectorError } from '../http/errors.js';
import type { HttpRequest } from '../http/http-client.js';

type SignalledCall<T> = (signal?: AbortSignal) => Promise<T>;

/** Shares one running `run` among concurrent callers (a poll's parallel reads log in once); the next call after it settles runs again. */
export function singleFlight<T>(run: SignalledCall<T>): SignalledCall<T> {
  let running: Promise<T> | null = null;
  return (signal) => {
    running ??= run(signal).finally(() => {
      running = null;
    });
    return running;
  };
}

/** `req` carrying the caller's abort signal, if there is one. */
export function withSignal(req: HttpRequest, signal?: AbortSignal): HttpRequest {
  return signal ? { ...req, signal } : req;
}

/** `req` with one more header (a session id or token) and the caller's abort signal. */
export function withHeader(req: HttpRequest, name: string, value: string, signal?: AbortSignal): HttpRequest {
  return withSignal({ ...req, headers: { ...req.headers, [name]: value } }, signal);
}

/** Whether the API refused a request's credential with 401, as it refuses an expired one. */
export function isRefusedCredential(e: unknown): boolean {
  return isConnectorError(e) && e.kind === 'auth_failed' && e.extra.status === 401;
}

export interface RenewingCall<C> {
  /** The held credential, or a new one from a login. */
  readonly credential: SignalledCall<C>;
  /** Sends the request with `credential`. */
  readonly send: (credential: C) => Promise<unknown>;
  /** Drops `credential` (if still held) so the next `credential()` logs in again. */
  readonly expire: (credential: C) => void;
  readonly signal?: AbortSignal | undefined;
}

/** Sends with the held credential; when the API refuses it with 401, expires it and sends once more with a new one. */
export async function sendRenewingOnce<C>(call: RenewingCall<C>): Promise<unknown> {
  const held = await call.credential(call.signal);
  try {
    return await call.send(held);
  } catch (e) {
    if (!isRefusedCredential(e)) throw e;
    call.expire(held);
    return call.send(await call.credential(call.signal));
  }
}
