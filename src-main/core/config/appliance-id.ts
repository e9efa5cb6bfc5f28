import { randomBytes } from 'node:crypto';

/** A new random appliance id (16 url-safe characters): also the keychain account of its password. */
export function newApplianceId(): string {
  return randomBytes(12).toString('base64url');
}
