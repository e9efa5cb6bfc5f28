/** Where an appliance's password really is, in words for its card: the credential's kind decides first. */
import type { ApplianceView } from '../../src-main/common/snapshot.js';

export function passwordWhere(appliance: Pick<ApplianceView, 'credential' | 'hasSecret'>): string {
  if (appliance.credential.kind === 'env') {
    const variable = appliance.credential.variable;
    return appliance.hasSecret ? `read from the environment variable ${variable}` : `${variable} is not set on this computer`;
  }
  return appliance.hasSecret ? 'saved in the keychain' : 'not in the keychain (Edit to enter it)';
}

/** What the appliance form says on a computer without a usable keychain (the reason goes to the log). */
export const NO_KEYCHAIN_HERE =
  'This computer has no OS keychain Backwatch can use: the password is read from an environment variable set before Backwatch starts.';
