/**
 * The OAuth 2 bearer tokens a simulated appliance hands out (the password grant, single-use
 * refresh tokens) and checks on each call. Vendors render the token answer in their own words.
 */
import { randomBytes } from 'node:crypto';
import type { SimRequest } from './https-simulator.js';

export interface IssuedToken {
  readonly access: string;
  readonly refresh: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** What a simulator that hands out OAuth tokens lets a test do with them. */
export interface OAuthSimulator {
  /** Invalidates every access token (and refresh token unless `keepRefresh`): the next call gets 401. */
  expireTokens(options?: { keepRefresh?: boolean }): void;
  /** Access tokens currently valid. */
  readonly openTokens: number;
}

export class OAuthTokens {
  readonly #access = new Map<string, number>();
  readonly #refresh = new Set<string>();

  constructor(
    private readonly lifetimeSec: number,
    private readonly now: () => number,
  ) {}

  issue(): IssuedToken {
    const access = randomBytes(24).toString('base64url');
    const refresh = randomBytes(24).toString('base64url');
    const issuedAt = this.now();
    const expiresAt = issuedAt + this.lifetimeSec * 1000;
    this.#access.set(access, expiresAt);
    this.#refresh.add(refresh);
    return { access, refresh, issuedAt, expiresAt };
  }

  /** A new token as the token endpoint's body gives it; `date` writes `.issued` and `.expires` (ISO by default). */
  grant(date: (ms: number) => string = (ms) => new Date(ms).toISOString()): Record<string, unknown> {
    const { access, refresh, issuedAt, expiresAt } = this.issue();
    return {
      access_token: access,
      token_type: 'bearer',
      refresh_token: refresh,
      expires_in: this.lifetimeSec,
      '.issued': date(issuedAt),
      '.expires': date(expiresAt),
    };
  }

  /** Spends a refresh token: true the first time it is presented, false after (or when unknown). */
  spendRefresh(token: string): boolean {
    return this.#refresh.delete(token);
  }

  /** The caller's access token; null when missing or expired. */
  bearer(req: SimRequest): string | null {
    const header = req.headers['authorization'] ?? '';
    const access = header.startsWith('Bearer ') ? header.slice(7) : '';
    const expiresAt = this.#access.get(access);
    if (expiresAt === undefined) return null;
    if (this.now() >= expiresAt) {
      this.#access.delete(access);
      return null;
    }
    return access;
  }

  revoke(access: string): void {
    this.#access.delete(access);
  }

  /** Invalidates every access token (and refresh token unless `keepRefresh`). */
  expire(options?: { keepRefresh?: boolean }): void {
    this.#access.clear();
    if (!options?.keepRefresh) this.#refresh.clear();
  }

  /** Access tokens currently handed out. */
  get open(): number {
    return this.#access.size;
  }
}

/** `handle` with the test switches of `tokens` (see `OAuthSimulator`). */
export function withTokens<T extends object>(handle: T, tokens: OAuthTokens): T & OAuthSimulator {
  return Object.defineProperties(handle, {
    expireTokens: { value: (options?: { keepRefresh?: boolean }) => tokens.expire(options), enumerable: true },
    openTokens: { get: () => tokens.open, enumerable: true },
  }) as T & OAuthSimulator;
}
