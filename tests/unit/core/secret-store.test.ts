import { describe, expect, it } from 'vitest';
import type { Appliance } from '../../../src-main/common/model.js';
import {
  createKeytarSecretStore,
  createMemorySecretStore,
  KeychainLockedError,
  KEYCHAIN_LOCKED_MESSAGE,
  resolvePassword,
} from '../../../src-main/core/secrets/secret-store.js';

const appliance = (credential: Appliance['credential']): Appliance => ({
  id: 'a1',
  name: 'SPP prod',
  vendor: 'spp',
  baseUrl: 'https://spp.example.test',
  username: 'admin',
  credential,
  options: {},
  enabled: true,
});

describe('resolvePassword', () => {
  it('reads the keychain entry of the appliance id', async () => {
    expect(await resolvePassword(appliance({ kind: 'keychain' }), createMemorySecretStore({ a1: 'pw-1' }), {})).toBe('pw-1');
  });

  it('reads the named environment variable', async () => {
    expect(await resolvePassword(appliance({ kind: 'env', variable: 'SPP_PW' }), createMemorySecretStore(), { SPP_PW: 'pw-2' })).toBe(
      'pw-2',
    );
  });

  it('says clearly what is missing, naming the appliance', async () => {
    await expect(resolvePassword(appliance({ kind: 'keychain' }), createMemorySecretStore({ other: 'x' }), {})).rejects.toThrow(
      'No password is stored in the keychain for appliance "SPP prod".',
    );
    await expect(
      resolvePassword(appliance({ kind: 'env', variable: 'SPP_PW' }), createMemorySecretStore(), { SPP_PW: '' }),
    ).rejects.toThrow('SPP_PW is not set on this computer (the password of "SPP prod" is read from it).');
  });

  it('passes on a keychain failure without any secret', async () => {
    const broken = { ...createMemorySecretStore(), get: () => Promise.reject(new Error('keyring is locked')) };
    await expect(resolvePassword(appliance({ kind: 'keychain' }), broken, {})).rejects.toThrow(
      'No password for appliance "SPP prod": keyring is locked',
    );
  });
});

describe('resolvePassword with a locked keychain', () => {
  it('says the keychain is locked and whose password it holds, as its own kind of error', async () => {
    const locked = { ...createMemorySecretStore(), get: () => Promise.reject(new KeychainLockedError(KEYCHAIN_LOCKED_MESSAGE)) };
    const failure = await resolvePassword(appliance({ kind: 'keychain' }), locked, {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KeychainLockedError);
    expect((failure as Error).message).toBe(`${KEYCHAIN_LOCKED_MESSAGE} It holds the password of "SPP prod".`);
  });
});

describe('keytar store without a Secret Service', () => {
  // On macOS and Windows keytar talks to the system keychain, which is always there.
  it.skipIf(process.platform !== 'linux')('says so plainly, refuses to store, and never falls back to plaintext', async () => {
    // This process gets no session bus (vitest runs each file in its own fork).
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/backwatch-test-bus';
    delete process.env.DISPLAY;
    const store = createKeytarSecretStore(`Backwatch-test-${process.pid}`);
    const availability = await store.availability();
    expect(availability.available).toBe(false);
    expect(availability.message).toMatch(/^No OS keychain \(Secret Service\) is available: use --password-env VAR/);
    await expect(store.set('a1', 'pw')).rejects.toThrow(/No OS keychain/);
    await expect(store.get('a1')).rejects.toThrow(/No OS keychain/);
    // A password stored while the keychain was reachable may still be there: deleting cannot claim success.
    await expect(store.delete('a1')).rejects.toThrow(/No OS keychain/);
  });
});
