import { describe, expect, it } from 'vitest';
import { acknowledgedWords } from '../../../src-renderer/lib/acknowledge-words.js';

const NOW = Date.parse('2025-01-02T12:00:00.000Z');

describe('what an acknowledgement says', () => {
  it('keeps saying a job is past its RPO while it is', () => {
    const late = { protection: 'at_risk' as const, lastSuccess: new Date(NOW - 30 * 3_600_000).toISOString(), rpoSec: 26 * 3_600 };
    const words = acknowledgedWords(late, 'until I change it', NOW);
    expect(words).toContain('still past its RPO (last success 30 h ago, RPO 26 h)');
    expect(words).not.toMatch(/until it .*misses its RPO/);
  });

  it('says a failed job turns red again at its next failure or missed RPO', () => {
    const failed = { protection: 'protected' as const, lastSuccess: null, rpoSec: 3_600 };
    expect(acknowledgedWords(failed, 'for 1 day', NOW)).toBe(
      'Acknowledged for 1 day: this job no longer turns Backwatch red until it fails again or misses its RPO.',
    );
  });
});
