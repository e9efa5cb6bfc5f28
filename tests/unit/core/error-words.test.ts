import { describe, expect, it } from 'vitest';
import { unreachableWords, untrustedCertificateWords } from '../../../src-main/core/http/error-words.js';

describe('network and certificate failures in words', () => {
  it('says what happened to which host, never the system code', () => {
    expect(unreachableWords('spp.example.test', 'EAI_AGAIN')).toBe(
      'The name spp.example.test does not resolve right now: the DNS server did not answer.',
    );
    expect(unreachableWords('spp.example.test', 'ENOTFOUND')).toMatch(/^The name spp\.example\.test does not resolve/);
    expect(unreachableWords('spp:443', 'EWHATEVER')).toBe('spp:443 could not be reached.');
    expect(untrustedCertificateWords('spp:443', 'DEPTH_ZERO_SELF_SIGNED_CERT')).toMatch(
      /^The certificate of spp:443 is self-signed and not trusted yet/,
    );
    expect(untrustedCertificateWords('spp:443', 'CERT_PIN_MISMATCH')).toMatch(/changed since you trusted it/);
    for (const text of [unreachableWords('h', 'EAI_AGAIN'), untrustedCertificateWords('h', 'DEPTH_ZERO_SELF_SIGNED_CERT')]) {
      expect(text).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    }
  });
});
