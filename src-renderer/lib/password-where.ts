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

/** The same, where a team server's token would have to be kept. */
export const NO_KEYCHAIN_FOR_TOKEN = 'This computer has no OS keychain Backwatch can use, so it cannot keep the server’s token.';

/** Command-line flags and the keychain's plumbing: words for the log and the terminal, not the window. */
const INTERNALS = /(?:^|\s)--[a-z]+(?:-[a-z]+)+|D-Bus|keytar|Secret Service|libsecret/i;

/**
 * A message from the core in the window's words. The core speaks to the terminal too (it names
 * `--password-env`) and passes the keychain's own reason on (D-Bus); the window keeps the
 * appliance the message is about and says what is true on this computer instead.
 */
export function windowMessage(message: string): string {
  if (!INTERNALS.test(message)) return message;
  const sentence = /--token-env/.test(message) ? NO_KEYCHAIN_FOR_TOKEN : NO_KEYCHAIN_HERE;
  const about = /^([^:]+):/.exec(message)?.[1];
  return about && !INTERNALS.test(about) && !/keychain/i.test(about) ? `${about}: ${sentence}` : sentence;
}
