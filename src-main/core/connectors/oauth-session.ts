/**
 * An OAuth2 password-grant login as the REST APIs that use one run it: an access token held until shortly
 * before it expires, renewed through the refresh grant (else a new password login), one renewal at
 * a time, a Bearer header on each call, one renewal when the API refuses the held token, and a
 * logout when the connector closes. The vendor names its requests and its version negotiation.
 */
import { ConnectorError, isConnectorError } from '../http/errors.js';
import type { HttpRequest } from '../http/http-client.js';
import type { ConnectorContext } from './connector.js';
import type { OAuthToken } from './oauth-token.js';
import { sendRenewingOnce, singleFlight, withHeader } from './session-calls.js';

/** Whether a token endpoint refused a grant (a wrong password, a refresh token it no longer takes). */
export const refusedGrant = (e: unknown): boolean =>
  isConnectorError(e) && (e.kind === 'auth_failed' || (e.kind === 'http' && (e.extra.status === 400 || e.extra.status === 401)));

/** Sends one token request and reads its answer. */
export type Grant = (req: HttpRequest) => Promise<OAuthToken>;

/** What the session needs from its vendor. */
export interface OAuthVendor {
  /** The vendor's name in messages: `VB365`. */
  readonly name: string;
  /** Refresh the token this long before it expires (at most a fifth of its lifetime). */
  readonly refreshMarginMs: number;
  /** The refresh token works once: it is dropped before it is offered, whatever the answer. */
  readonly singleUseRefresh: boolean;
  /** Present when the token endpoint's 429 holds back every login: the wait when it names no `Retry-After`. */
  readonly loginBackoffMs?: number;
  /** POSTs a token request and reads the token from its answer. */
  readonly sendGrant: (req: HttpRequest, signal?: AbortSignal) => Promise<OAuthToken>;
  /** The password grant, through the vendor's version negotiation. */
  readonly logIn: (grant: Grant, password: string) => Promise<OAuthToken>;
  /** The refresh grant's request; null while no API version is known. */
  readonly refreshRequest: (refreshToken: string) => HttpRequest | null;
  /** The logout request; null while no API version is known. */
  readonly logoutRequest: () => HttpRequest | null;
  /** Whether an error of the password grant means the credentials were refused (default: `refusedGrant`). */
  readonly refusedLogin?: (e: unknown) => boolean;
}

interface HeldToken extends OAuthToken {
  /** Epoch ms from which the token is renewed before use. */
  readonly renewAtMs: number;
}

/** One appliance's OAuth login. */
export class OAuthSession {
  #token: HeldToken | null = null;
  #blockedUntil = 0;
  /** One renewal at a time: refreshed, else a new login. */
  readonly #renew = singleFlight(async (signal) => this.#hold((await this.#refresh(signal)) ?? (await this.#logIn(signal))).accessToken);

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly vendor: OAuthVendor,
  ) {}

  /** A usable access token: the held one, else a renewed one. */
  accessToken(signal?: AbortSignal): Promise<string> {
    const token = this.#token;
    if (token && this.ctx.now() < token.renewAtMs) return Promise.resolve(token.accessToken);
    const wait = this.#blockedUntil - this.ctx.now();
    if (wait > 0) return Promise.reject(this.#limited(wait));
    return this.#renew(signal);
  }

  /** GETs JSON with the token; on 401 (its body may be empty) renews it once and tries again. */
  json(req: HttpRequest, signal?: AbortSignal): Promise<unknown> {
    return sendRenewingOnce({
      credential: (s) => this.accessToken(s),
      send: (access) => this.ctx.http.json(this.#withBearer(req, access, signal)),
      expire: (access) => {
        this.ctx.log.info(`${this.vendor.name} refused the access token; renewing it`);
        if (this.#token?.accessToken === access) this.#token = { ...this.#token, renewAtMs: -Infinity };
      },
      signal,
    });
  }

  /** Logs out, if logged in. Never throws. */
  async close(): Promise<void> {
    const held = this.#token;
    this.#token = null;
    const logout = this.vendor.logoutRequest();
    if (!held || !logout) return;
    try {
      await this.ctx.http.request(this.#withBearer(logout, held.accessToken));
    } catch (e) {
      this.ctx.log.debug(`${this.vendor.name} logout failed`, { error: (e as Error).message });
    }
  }

  #withBearer(req: HttpRequest, access: string, signal?: AbortSignal): HttpRequest {
    return withHeader(req, 'Authorization', `Bearer ${access}`, signal);
  }

  #hold(t: OAuthToken): HeldToken {
    const lifetime = t.expiresAtMs - this.ctx.now();
    this.#token = { ...t, renewAtMs: t.expiresAtMs - Math.min(this.vendor.refreshMarginMs, lifetime / 5) };
    return this.#token;
  }

  #limited(waitMs: number): ConnectorError {
    const message = `${this.vendor.name} limits logins; trying again in ${Math.ceil(waitMs / 1000)} s.`;
    return new ConnectorError('rate_limited', message, { status: 429, retryAfterMs: waitMs });
  }

  /** Sends a grant; where the vendor says so, a 429 holds back every token request until the server's time is up. */
  async #grant(req: HttpRequest, signal?: AbortSignal): Promise<OAuthToken> {
    try {
      return await this.vendor.sendGrant(req, signal);
    } catch (e) {
      const backoff = this.vendor.loginBackoffMs;
      if (backoff === undefined || !isConnectorError(e) || e.kind !== 'rate_limited') throw e;
      const wait = e.extra.retryAfterMs ?? backoff;
      this.#blockedUntil = this.ctx.now() + wait;
      throw this.#limited(wait);
    }
  }

  async #logIn(signal?: AbortSignal): Promise<OAuthToken> {
    const password = await this.ctx.password();
    // Only the token endpoint's own refusal means wrong credentials, not what the negotiation concludes.
    let answered: unknown = null;
    const grant: Grant = (req) =>
      this.#grant(req, signal).catch((e: unknown) => {
        answered = e;
        throw e;
      });
    try {
      return await this.vendor.logIn(grant, password);
    } catch (e) {
      if (e !== answered || !(this.vendor.refusedLogin ?? refusedGrant)(e)) throw e;
      const user = this.ctx.appliance.username;
      const message = `${this.vendor.name} refused the user name or password of "${user}".`;
      throw new ConnectorError('auth_failed', message, (e as ConnectorError).extra);
    }
  }

  /** The refresh grant; null when there is none to offer or the server refused it (a password login follows). */
  async #refresh(signal?: AbortSignal): Promise<OAuthToken | null> {
    const held = this.#token;
    if (this.vendor.singleUseRefresh) this.#token = null;
    const req = held?.refreshToken ? this.vendor.refreshRequest(held.refreshToken) : null;
    if (!req) return null;
    try {
      return await this.#grant(req, signal);
    } catch (e) {
      if (!refusedGrant(e)) throw e;
      this.ctx.log.debug(`${this.vendor.name} refused the refresh token; logging in again`);
      // Never offer a refused refresh token again (a login answered 429 would otherwise repeat it).
      this.#token = null;
      return null;
    }
  }
}
