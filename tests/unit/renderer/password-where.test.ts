import { describe, expect, it } from 'vitest';
import { NO_KEYCHAIN_FOR_TOKEN, NO_KEYCHAIN_HERE, passwordWhere, windowMessage } from '../../../src-renderer/lib/password-where.js';

describe('where an appliance’s password is', () => {
  it('names the environment variable a password is read from, never the keychain', () => {
    expect(passwordWhere({ credential: { kind: 'env', variable: 'SPP_PW' }, hasSecret: true })).toBe(
      'read from the environment variable SPP_PW',
    );
    expect(passwordWhere({ credential: { kind: 'env', variable: 'SPP_PW' }, hasSecret: false })).toBe('SPP_PW is not set on this computer');
  });

  it('says the keychain only when the password is stored there', () => {
    expect(passwordWhere({ credential: { kind: 'keychain' }, hasSecret: true })).toBe('saved in the keychain');
    expect(passwordWhere({ credential: { kind: 'keychain' }, hasSecret: false })).toMatch(/^not in the keychain/);
  });
});

describe('a message from the core in the window', () => {
  // As the core's keychain store words it for the terminal and the window alike.
  const NO_KEYCHAIN_MESSAGE =
    'No OS keychain (Secret Service) is available: use --password-env VAR to read the password from an environment variable.';
  const dbus = `${NO_KEYCHAIN_MESSAGE} (Cannot autolaunch D-Bus without X11 $DISPLAY)`;

  it('says what is true on this computer instead of naming flags or D-Bus', () => {
    expect(windowMessage(dbus)).toBe(NO_KEYCHAIN_HERE);
    expect(windowMessage(`${NO_KEYCHAIN_MESSAGE} (keytar: libsecret-1.so.0: cannot open shared object file)`)).toBe(NO_KEYCHAIN_HERE);
    expect(windowMessage(NO_KEYCHAIN_MESSAGE.replace('--password-env', '--token-env'))).toBe(NO_KEYCHAIN_FOR_TOKEN);
  });

  it('keeps the appliance the message is about', () => {
    expect(windowMessage(`No password for appliance "SPP prod": ${dbus}`)).toBe(
      `No password for appliance "SPP prod": ${NO_KEYCHAIN_HERE}`,
    );
  });

  it('leaves every other message as it is', () => {
    const plain = 'SPP prod refused the user name or password (HTTP 401).';
    expect(windowMessage(plain)).toBe(plain);
    expect(windowMessage('The address must start with https:// (Backwatch connects over HTTPS only).')).toMatch(/^The address/);
  });
});
