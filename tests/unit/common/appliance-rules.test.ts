import { describe, expect, it } from 'vitest';
import { draftProblem } from '../../../src-main/common/appliance-rules.js';

const draft = (patch: Record<string, unknown> = {}) => ({
  name: 'SPP prod',
  vendor: 'spp',
  baseUrl: 'https://spp.example.test',
  username: 'admin',
  password: 'pw',
  credential: { kind: 'keychain' },
  options: {},
  ...patch,
});

describe('draftProblem', () => {
  it('takes a draft the services take', () => {
    expect(draftProblem(draft())).toBeNull();
    expect(draftProblem(draft({ credential: { kind: 'env', variable: 'SPP_PW' }, password: undefined }))).toBeNull();
  });

  it.each([
    [{ name: '' }, 'The name is required.'],
    [{ name: 'n'.repeat(101) }, 'The name is too long (at most 100 characters).'],
    [{ name: 'evil\u202Ename' }, 'The name cannot contain control or text-direction characters.'],
    [{ baseUrl: 'spp.example.test' }, 'The address is not a URL: give it as https://host[:port].'],
    [{ baseUrl: 'http://spp.example.test' }, 'The address must start with https:// (Backwatch connects over HTTPS only).'],
    [{ baseUrl: 'https://admin:pw@spp.example.test' }, 'The address must not contain a user name or password.'],
    [{ username: ' ' }, 'The user name is required.'],
    [{ username: 'u'.repeat(257) }, 'The user name is too long (at most 256 characters).'],
    [{ password: 'p'.repeat(1025) }, 'The password is too long (at most 1024 characters).'],
    [{ credential: { kind: 'env', variable: '1PW' } }, expect.stringMatching(/^The variable name takes letters, digits and _/)],
    [{ vendor: 'vb365', options: { apiVersion: '8' } }, 'API version looks like v8.'],
    [{ options: { apiVersion: 'v8' } }, 'IBM Spectrum Protect Plus takes no apiVersion option.'],
  ])('says %j in words', (patch, sentence) => {
    expect(draftProblem(draft(patch))).toEqual(sentence);
  });

  it('never passes zod’s own wording through', () => {
    for (const patch of [{ name: 'n'.repeat(500) }, { username: '' }, { vendor: 'nope' }, { options: { apiVersion: 'v'.repeat(80) } }]) {
      expect(draftProblem(draft(patch))).not.toMatch(/expected|Invalid|Too (big|small)/);
    }
  });
});
