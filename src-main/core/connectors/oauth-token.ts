/** The token answer of an OAuth2 token endpoint, as the REST APIs that use one send it. Pure. */
import { ConnectorError } from '../http/errors.js';
import { asRecord, readNumber, readString } from '../../common/read-fields.js';

/** An access token and when to stop trusting it. */
export interface OAuthToken {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Epoch ms at which the server said the access token expires. */
  readonly expiresAtMs: number;
}

/** A token endpoint's answer → the token; `nowMs` dates `expires_in` (`defaultLifetimeSec` when it is missing). */
export function parseOAuthToken(body: unknown, nowMs: number, vendor: string, defaultLifetimeSec: number): OAuthToken {
  const r = asRecord(body);
  const accessToken = readString(r?.['access_token']);
  if (!r || !accessToken) throw new ConnectorError('malformed', `${vendor} token answer has no "access_token"`);
  const lifetime = readNumber(r['expires_in']);
  return {
    accessToken,
    refreshToken: readString(r['refresh_token']),
    expiresAtMs: nowMs + (lifetime !== null && lifetime > 0 ? lifetime : defaultLifetimeSec) * 1000,
  };
}
