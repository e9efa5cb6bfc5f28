/** Rows and headers speak Backwatch's words; a session's details keep the vendor's own beside them. */
import { STATUS_LABELS } from '../../src-main/common/format.js';
import { VENDOR_INFOS } from '../../src-main/common/vendors/index.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

// The demo stands still, so the rows compared are the rows read.
const STILL = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => STILL } } });

test('session rows say Backwatch’s words, and a session’s details keep the vendor’s', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  const rows = app.getByTestId('session-row');
  await expect(rows.first()).toBeVisible();
  const all = await harness.core.handlers['sessions:list']({ limit: 100_000 });
  // Every vendor word of the demo that is not also Backwatch's: statuses, types, boilerplate.
  const ours = [
    ...Object.values(STATUS_LABELS),
    ...VENDOR_INFOS.flatMap((info) => [...(info.kinds ?? []).map((k) => k.label), ...Object.values(info.typeWords ?? {})]),
  ].join(' | ');
  const vendorWords = new Set([...all.map((s) => s.vendorStatus), ...all.flatMap((s) => (s.type ? [s.type] : []))]);
  const foreign = [...vendorWords].filter((word) => !new RegExp(`\\b${word}\\b`).test(ours));
  expect(foreign).toEqual(expect.arrayContaining(['COMPLETED', 'protection', 'SCHEDULED']));

  const vendorText = new RegExp(`\\b(${foreign.join('|')})\\b|finished successfully`);
  for (const search of ['', 'VMware Gold', 'vCenter backup', 'Exchange Online']) {
    await app.getByLabel('Search').fill(search);
    await expect(rows.first()).toBeVisible();
    // What a row says besides the job's own name (which may hold any word).
    const said = await rows.evaluateAll((els) =>
      els.map((row) => [...row.querySelectorAll('.state-cell, .job .muted, .detail')].map((e) => (e as HTMLElement).innerText).join(' | ')),
    );
    for (const text of said) expect(text).not.toMatch(vendorText);
  }
  await app.getByLabel('Search').fill('vCenter backup');
  await expect(rows.first()).toContainText(/ · (Scheduled|Manual)/);
  await app.getByLabel('Search').fill('VMware Gold');
  await expect(rows.first()).toContainText(' · Backup');

  // The details name the vendor's own status and type beside Backwatch's.
  const first = all.find((s) => s.jobName === 'VMware Gold - Production' && s.status === 'succeeded')!;
  await rows
    .filter({ hasNotText: /running/i })
    .first()
    .click();
  await expect(app.getByText(`vendor status “${first.vendorStatus}”`)).toBeVisible();
  await expect(app.getByTestId('session-type')).toHaveText(`Backup (vendor type “${first.type}”)`);
});

test('job rows name every vendor’s job kinds in Backwatch’s words', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  const rows = app.getByTestId('job-row');
  await expect(rows.first()).toBeVisible();
  const vendors = new Set((await harness.core.handlers['appliances:list']()).map((a) => a.vendor));
  expect(vendors.size).toBe(VENDOR_INFOS.length);
  // Each row's place line ends in the job's kind, never in a vendor's word.
  const places = await rows.locator('.where').allInnerTexts();
  const kinds = new Set(places.map((place) => place.split(' · ')[1]));
  expect(kinds).not.toContain(undefined);
  expect([...kinds]).toEqual(expect.arrayContaining(['Backup', 'Inventory', 'Appliance backup']));
  for (const word of ['protection', 'catalog', 'copy', 'appliance-backup']) expect(kinds).not.toContain(word);
});
