import { describe, expect, it } from 'vitest';
import { passwordWhere } from '../../../src-renderer/lib/password-where.js';

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
