import { describe, expect, it } from 'vitest';
import { shortFingerprint } from '../../../src-renderer/lib/fingerprint.js';

describe('a fingerprint on a card', () => {
  it('shows its first and last four octets of 32', () => {
    const octets = Array.from({ length: 32 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
    expect(shortFingerprint(octets.join(':'))).toBe('00:01:02:03 … 1C:1D:1E:1F');
  });

  it('leaves a short or unusual one whole', () => {
    expect(shortFingerprint('AB:CD')).toBe('AB:CD');
    expect(shortFingerprint('not-a-fingerprint')).toBe('not-a-fingerprint');
  });
});
