/**
 * Error bodies that echo the request must not carry credentials into messages: headers, tokens,
 * cookies, base64 `user:password` and the appliance's own password in any of its wire forms.
 */
import { describe, expect, it } from 'vitest';
import { bodyExcerpt, createSentSecrets, redactText } from '../../../src-main/core/http/redact.js';

const PASSWORD = 'passw0rd-Sekr3t';

describe('redactText', () => {
  it.each([
    ['Authorization: Basic YWRtaW46cGFzc3cwcmQ=', 'YWRtaW46cGFzc3cwcmQ'],
    ['{"headers":{"authorization":"Bearer eyJhbGciOi.payload.sig"}}', 'eyJhbGciOi'],
    ['echo: Bearer abcdef0123456789', 'abcdef0123456789'],
    ['Cookie: JSESSIONID=0123abcd; other=zz', '0123abcd'],
    ['Set-Cookie: sid=deadbeefcafe; Path=/', 'deadbeefcafe'],
    ['raw header YWRtaW46cGFzc3cwcmQ= alone', 'YWRtaW46cGFzc3cwcmQ'],
    ['grant_type=password&username=admin&password=hunter22x', 'hunter22x'],
    ['{"access_token":"tok-9f8e7d6c","refresh_token":"r-1a2b3c4d"}', 'tok-9f8e7d6c'],
    ['{"access_token":"tok-9f8e7d6c","refresh_token":"r-1a2b3c4d"}', 'r-1a2b3c4d'],
  ])('takes the credential out of %s', (text, secret) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('takes out the password in the clear, base64- and URL-encoded', () => {
    const text = `said ${PASSWORD} and ${Buffer.from(PASSWORD).toString('base64')} and ${encodeURIComponent('p@ss w0rd!')}`;
    const out = redactText(text, [PASSWORD, 'p@ss w0rd!']);
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain(Buffer.from(PASSWORD).toString('base64').replace(/=+$/, ''));
    expect(out).not.toContain(encodeURIComponent('p@ss w0rd!'));
  });

  it('leaves ordinary words and very short secrets alone', () => {
    expect(redactText('Job "Nightly" failed: disk full', ['ab'])).toBe('Job "Nightly" failed: disk full');
  });
});

describe('bodyExcerpt', () => {
  it('is short and redacted even when the secret sits past the cut', () => {
    const body = `${'x'.repeat(110)} ${PASSWORD} ${'y'.repeat(500)}`;
    const excerpt = bodyExcerpt(body, [PASSWORD]);
    expect(excerpt.length).toBeLessThanOrEqual(121);
    expect(excerpt).not.toContain(PASSWORD.slice(0, 6));
  });
});

describe('createSentSecrets', () => {
  it('remembers sent token values with and without their scheme, the newest few', () => {
    const sent = createSentSecrets();
    sent.remember({ authorization: 'Bearer tok-first', accept: 'application/json' });
    expect([...sent.values()]).toEqual(['Bearer tok-first', 'tok-first']);
    for (let i = 0; i < 20; i++) sent.remember({ 'x-session': `session-${i}` });
    expect([...sent.values()]).toHaveLength(16);
    expect([...sent.values()]).toContain('session-19');
  });
});
