/**
 * The report's HTML file printed by Chromium on A4 and on Letter: a report long enough for
 * several pages, with names and windows no table cell can break at a space, and a machines' table. Nothing runs past the
 * printable width of either paper, every page is the paper's size, every page of the job table
 * starts with its header row, headers break between words only and times only after their T.
 */
import { expect, test, type Page } from '@playwright/test';
import type { ComplianceReport, JobComplianceView, MachineComplianceView, PdfPageSize } from '../../src-main/common/compliance-report.js';
import { exportReport } from '../../src-main/core/reports/report-export.js';
import { DATA_HEADER } from '../../src-main/core/reports/report-rows.js';
import { pdfPages } from '../support/pdf-text.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const iso = (ms: number) => new Date(ms).toISOString();
const UNBROKEN = 'nightly-full-backup-of-the-production-sql-cluster-with-transaction-logs-and-a-name-that-never-ends';

function job(i: number): JobComplianceView {
  const share = 0.9 + (i % 10) / 100;
  return {
    share,
    countedMs: 30 * 24 * HOUR,
    protectedMs: share * 30 * 24 * HOUR,
    runs: 30 + i,
    failedRuns: i % 4,
    longestGap: { from: iso(NOW - (i + 5) * 24 * HOUR), to: iso(NOW - (i + 4) * 24 * HOUR), unprotectedMs: 26 * HOUR },
    applianceId: `a${i % 3}`,
    applianceName: i % 3 === 0 ? 'Veeam-Backup-and-Replication-primary-datacenter-frankfurt' : `SPP prod ${i % 3}`,
    jobId: `j${i}`,
    jobName: i % 5 === 0 ? `${UNBROKEN}-${i}` : `job-${String(i).padStart(3, '0')}`,
    // At 53 minutes past: no other time in the report reads the same.
    lastSuccess: iso(NOW - i * HOUR - 7 * 60_000),
  };
}

const jobs = Array.from({ length: 90 }, (_, i) => job(i));

/** A machine of two appliances' jobs, or (one in five) one that nothing backs up. */
function machine(i: number): MachineComplianceView {
  const { applianceName, lastSuccess, ...figures } = job(i);
  const unbacked = i % 5 === 0;
  return {
    ...figures,
    ...(unbacked ? { share: null, countedMs: 0, protectedMs: 0, runs: 0, failedRuns: 0, longestGap: null } : {}),
    key: `vm:uuid-vc/vm-${i}`,
    name: i % 7 === 0 ? `${UNBROKEN}-vm-${i}` : `vm-${i}`,
    kind: 'vm',
    applianceNames: unbacked ? [] : [applianceName, 'SPP prod 1'],
    lastSuccess: unbacked ? null : lastSuccess,
    noShare: unbacked ? 'in_no_backup' : null,
  };
}
const report: ComplianceReport = {
  from: iso(NOW - 30 * 24 * HOUR),
  to: iso(NOW),
  scope: 'All appliances',
  generatedAt: iso(NOW),
  version: '9.9.9',
  jobs,
  machines: { rows: Array.from({ length: 40 }, (_, i) => machine(i)), total: 40, excluded: 2 },
  appliances: [0, 1, 2].map((a) => ({ ...jobs[a]!, historyFrom: '2025-01-01' })),
  fleet: jobs[0]!,
  maintenance: Array.from({ length: 6 }, (_, i) => ({
    label: i === 0 ? UNBROKEN : `Saturday night ${i}`,
    scope: i % 2 === 0 ? 'everything' : `SPP prod 1 / ${UNBROKEN}`,
    schedule: i % 2 === 0 ? 'sun,sat 22:00–04:00' : 'cron "0 1 * * *" for 240 min',
    added: i < 3 ? null : iso(NOW - (i + 2) * 24 * HOUR),
    removed: i === 4 ? iso(NOW - 24 * HOUR) : null,
    leftOutMs: (i + 1) * 6 * HOUR,
  })),
};
const html = exportReport(report, 'html').text;

/** Each paper in points (1/72 in) and the width between the report's side margins (12 mm each) in CSS pixels (1/96 in). */
const PAPER: Record<PdfPageSize, { readonly points: readonly [number, number]; readonly printableWidthPx: number }> = {
  A4: { points: [595.28, 841.89], printableWidthPx: Math.floor(((210 - 24) / 25.4) * 96) },
  Letter: { points: [612, 792], printableWidthPx: Math.floor((8.5 - 24 / 25.4) * 96) },
};

/** The elements laid out for print at `width` whose right edge passes the page's. */
async function overflowing(page: Page, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(() => {
    const right = document.documentElement.clientWidth;
    const past = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > right + 0.5);
    const wide = document.documentElement.scrollWidth > right ? ['the page scrolls sideways'] : [];
    return [...wide, ...past.map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? '').slice(0, 60)}`)];
  });
}

for (const paper of ['A4', 'Letter'] as const) {
  test(`the report prints on ${paper}: nothing past the margins, the paper's size, the job table's header on each of its pages`, async ({
    page,
  }) => {
    await page.setContent(html);
    expect(await overflowing(page, PAPER[paper].printableWidthPx)).toEqual([]);

    const pages = pdfPages(await page.pdf({ format: paper }));
    expect(pages.length).toBeGreaterThan(2);
    for (const { size } of pages) {
      expect(Math.abs(size[0] - PAPER[paper].points[0])).toBeLessThan(1.5);
      expect(Math.abs(size[1] - PAPER[paper].points[1])).toBeLessThan(1.5);
    }
    // A time may break after its "T", no elsewhere; a header breaks between its words only.
    const texts = pages.map((p) => p.text.replace(/T\n/g, 'T'));
    const jobPages = texts.filter((text) => jobs.some((j) => text.includes(j.lastSuccess!)));
    expect(jobPages.length).toBeGreaterThan(1);
    for (const text of jobPages) expect(text.replace(/\s+/g, ' ')).toContain('Last success');
    for (const j of jobs)
      expect(
        texts.some((text) => text.includes(j.lastSuccess!)),
        j.lastSuccess!,
      ).toBe(true);
    const words = new Set(texts.flatMap((text) => text.split(/\s+/)));
    for (const word of DATA_HEADER.flatMap((h) => h.split(' '))) expect(words, word).toContain(word);
    // The report prints to its end.
    expect(pages.at(-1)!.text).toContain('Data rows SHA-256');
  });
}
