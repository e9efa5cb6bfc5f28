/** The report mail's subject gives the fleet's share as the report does: never rounded up to 100 %. */
import { describe, expect, it } from 'vitest';
import type { ComplianceView } from '../../../src-main/common/compliance-report.js';
import { reportMailMessage } from '../../../src-main/core/reports/report-mail.js';
import { makeReport } from '../common/factories.js';

const DAY = 86_400_000;

function reportWith(share: number | null) {
  const fleet: ComplianceView = {
    share,
    countedMs: 30 * DAY,
    protectedMs: (share ?? 0) * 30 * DAY,
    runs: 30,
    failedRuns: 0,
    longestGap: null,
  };
  return makeReport({ from: '2026-11-07T00:00:00.000Z', fleet });
}

describe('the report mail subject', () => {
  it('says 99.96 % for a share just under 100 %, as the report and the window do', () => {
    const { subject } = reportMailMessage(reportWith(0.99968));
    expect(subject).toBe('Backwatch compliance report 2026-11-07 to 2026-12-07: 99.96 % protected');
    expect(subject).not.toContain('100');
  });

  it('says 100.00 % only when every judged moment was protected, and "no data" when none was judged', () => {
    expect(reportMailMessage(reportWith(1)).subject).toMatch(/: 100\.00 % protected$/);
    expect(reportMailMessage(reportWith(null)).subject).toMatch(/: no data$/);
  });
});
