/**
 * How the services fail: a `UserError` is something the admin caused or can fix, and its message
 * is shown as it is; anything else is logged. No message that leaves the services holds a password.
 */
import type { PresentedCertificate } from '../../common/model.js';

/** A failure the admin caused or can fix; its message is shown as is. */
export class UserError extends Error {}

/** The certificate presented is not the one the admin accepted. */
export class CertificateMismatchError extends UserError {
  constructor(
    message: string,
    readonly presented: PresentedCertificate | undefined,
    readonly accepted: string,
  ) {
    super(message);
  }
}

/** No password could be found for an appliance (keychain entry or environment variable missing). */
export class MissingPasswordError extends UserError {}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Replaces any occurrence of a password in a message (a server may echo what it was sent). */
export function scrub(message: string, ...secrets: readonly (string | null | undefined)[]): string {
  return secrets.reduce<string>((text, secret) => (secret ? text.split(secret).join('••••') : text), message);
}
