/**
 * The OS keychain (the Secret Service, through keytar) for a test file: a store on a service of
 * its own, and whether one answers here. Where none does, the file says so loudly and how to run it.
 */
import { randomBytes } from 'node:crypto';
import { createKeytarSecretStore } from '../../src-main/core/secrets/secret-store.js';

export interface TestKeychain {
  readonly service: string;
  readonly store: ReturnType<typeof createKeytarSecretStore>;
  readonly available: boolean;
}

export async function testKeychain(testFile: string): Promise<TestKeychain> {
  const service = `Backwatch-test-${randomBytes(6).toString('hex')}`;
  const store = createKeytarSecretStore(service);
  const availability = process.env.DBUS_SESSION_BUS_ADDRESS ? await store.availability() : null;
  if (!availability?.available) {
    console.warn(
      [
        '',
        `*** SKIPPED ${testFile}: no Secret Service (OS keychain) is reachable here.`,
        `*** ${availability ? availability.message : 'DBUS_SESSION_BUS_ADDRESS is not set.'}`,
        '*** Run it inside a private D-Bus session with an unlocked gnome-keyring:',
        `***   XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- bash -c 'echo pw | gnome-keyring-daemon --unlock --components=secrets; npx vitest run ${testFile}'`,
        '',
      ].join('\n'),
    );
  }
  return { service, store, available: availability?.available === true };
}
