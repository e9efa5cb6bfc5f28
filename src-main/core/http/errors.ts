import type { PresentedCertificate } from '../../common/model.js';

/** Why a call to an appliance failed, in the poller's terms. */
export type ConnectorErrorKind =
  /** DNS, refused, reset, or no answer in time. */
  | 'unreachable'
  /** Wrong credentials, or the session could not be renewed. */
  | 'auth_failed'
  /** This computer cannot give the password (a variable not set, a keychain out of reach). */
  | 'local'
  /** The keychain that holds the password is locked. */
  | 'keychain_locked'
  /** The certificate does not match the pin (or is not trusted at all). */
  | 'untrusted_certificate'
  /** The appliance asked us to slow down (429); see `retryAfterMs`. */
  | 'rate_limited'
  /** An HTTP status the caller did not expect. */
  | 'http'
  /** The body was not what the API documents (bad JSON, wrong shape, too large). */
  | 'malformed'
  /** The caller aborted. */
  | 'canceled';

/** The only error type a connector throws. The poller maps it to appliance health. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly extra: {
      readonly status?: number;
      /** With `rate_limited`: how long to wait. */
      readonly retryAfterMs?: number;
      /** With `untrusted_certificate`: what the appliance presented. */
      readonly certificate?: PresentedCertificate;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
  }
}

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}
