/** 'reports:save-pdf': the shell is handed the report's own HTML for the period and scope asked, never the window. */
import { describe, expect, it } from 'vitest';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import type { PdfDocument } from '../../../src-main/core/services/service-context.js';
import { h, services, start, useServicesRig } from './services-rig.js';

useServicesRig();

describe('saving a report as PDF', () => {
  it("hands the shell the report's HTML, digest and all, on the paper asked, under the report's name", async () => {
    const printed: PdfDocument[] = [];
    services.dispose();
    start({ history: openMemoryHistoryStore(), savePdf: async (document) => (printed.push(document), '/home/admin/report.pdf') });
    const query = { period: { from: '2024-02-01', to: '2024-02-29' } };
    expect(await h()['reports:save-pdf']({ ...query, pageSize: 'Letter' })).toEqual({ ok: true, value: '/home/admin/report.pdf' });
    const exported = await h()['reports:export']({ ...query, format: 'html' });
    if (!exported.ok) throw new Error(exported.message);
    expect(printed).toEqual([
      { html: exported.value.text, pageSize: 'Letter', fileName: exported.value.fileName.replace(/\.html$/, '.pdf') },
    ]);
    expect(printed[0]!.html).toMatch(/id="sha256">[0-9a-f]{64}</);
  });

  it('says why when the report cannot be made, and prints nothing', async () => {
    const printed: PdfDocument[] = [];
    services.dispose();
    start({ savePdf: async (document) => (printed.push(document), null) });
    expect(await h()['reports:save-pdf']({ period: { lastDays: 7 }, pageSize: 'A4' })).toEqual({
      ok: false,
      message: 'This Backwatch keeps no history to report on.',
    });
    expect(printed).toEqual([]);
  });
});
