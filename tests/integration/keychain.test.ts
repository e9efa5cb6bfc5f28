/**
 * A real keytar round trip against the Secret Service (gnome-keyring). Runs only where one answers;
 * elsewhere it is skipped with a message saying how to run it:
 *
 *   XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- bash -c \
 *     'echo pw | gnome-keyring-daemon --unlock --components=secrets; npx vitest run tests/integration/keychain.test.ts'
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore, resolvePassword } from '../../src-main/core/secrets/secret-store.js';
import { testKeychain } from '../support/test-keychain.js';

const { service, store, available } = await testKeychain('tests/integration/keychain.test.ts');

describe.skipIf(!available)(`keytar round trip (service ${service})`, () => {
  const account = `appliance-${randomBytes(4).toString('hex')}`;
  afterAll(() => store.delete(account));

  it('stores, reads, replaces and deletes a password', async () => {
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'first pässword');
    expect(await store.get(account)).toBe('first pässword');
    await store.set(account, 'second');
    expect(await store.get(account)).toBe('second');
    await store.delete(account);
    expect(await store.get(account)).toBeNull();
    await expect(store.delete(account)).resolves.toBeUndefined();
  });

  it('a second store on the same service sees what the first stored (it is the OS keychain, not memory)', async () => {
    await store.set(account, 'shared');
    expect(await createKeytarSecretStore(service).get(account)).toBe('shared');
    const appliance = {
      id: account,
      name: 'SPP test',
      vendor: 'spp',
      baseUrl: 'https://spp.test',
      username: 'u',
      credential: { kind: 'keychain' },
      options: {},
      enabled: true,
    } as const;
    expect(await resolvePassword(appliance, store, {})).toBe('shared');
  });

  it('leaves no availability probe entry behind', async () => {
    const keytar = ((await import('keytar')) as unknown as { default: { findCredentials(s: string): Promise<{ account: string }[]> } })
      .default;
    const accounts = (await keytar.findCredentials(service)).map((c) => c.account);
    expect(accounts.filter((a) => a !== account)).toEqual([]);
  });
});
