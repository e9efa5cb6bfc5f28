import type { JobComplianceView } from '../../src-main/common/compliance-report.js';
import { parseCsv } from '../support/csv.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

// The demo's clock stands still, so the report the window shows and the one read here agree.
const demoMoment = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => demoMoment } } });

test('the Reports view lists jobs worst first, and its CSV holds the same rows', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  // Polls read older history a page at a time: the report is compared once nothing older is left to read.
  const read90 = async () => {
    const made = await harness.core.handlers['reports:compliance']({ period: { lastDays: 90 } });
    if (!made.ok) throw new Error(made.message);
    return made.value.jobs;
  };
  let previous = '';
  await expect
    .poll(async () => {
      await harness.core.handlers['appliances:refresh']();
      // Shares move with the real clock; which jobs there are and their runs settle once the history is read.
      const now = JSON.stringify((await read90()).map((j) => [j.applianceId, j.jobId, j.runs, j.failedRuns]));
      const settled = now === previous;
      previous = now;
      return settled;
    })
    .toBe(true);
  await app.getByRole('button', { name: 'Reports', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await app.getByLabel('Period').selectOption({ label: 'Last 90 days' });

  const jobs = await read90();
  expect(jobs.length).toBeGreaterThan(1);
  const share = (job: JobComplianceView) => job.share ?? 2;
  for (let i = 1; i < jobs.length; i++) expect(share(jobs[i]!)).toBeGreaterThanOrEqual(share(jobs[i - 1]!));
  expect(share(jobs[0]!)).toBeLessThan(share(jobs.at(-1)!));

  const rows = app.getByTestId('report-row');
  await expect(rows).toHaveCount(jobs.length);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('.job')!.textContent, tr.querySelector('.share')!.textContent]),
  );
  expect(shown.map(([name]) => name)).toEqual(jobs.map((j) => j.jobName));
  expect(shown[0]![1]).toMatch(/^\d+\.\d\d %$/);
  await expect(app.getByTestId('history-reach').first()).toContainText('history from 20');

  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const csv = parseCsv(Buffer.concat(chunks).toString('utf8'));
  const header = csv.findIndex((cells) => cells[0] === 'Appliance' && cells[1] === 'Job');
  const data = csv.slice(header + 1);
  expect(data.map((cells) => cells[1])).toEqual(jobs.map((j) => j.jobName));
  // The CSV is made a moment later: a share may have moved by a hundredth since.
  data.forEach((cells, i) => expect(Math.abs(Number(cells[2]) - parseFloat(shown[i]![1]!))).toBeLessThanOrEqual(0.02));

  // Printing hands the view to the browser's print; on paper only the report shows, its table whole.
  await app.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await app.getByRole('button', { name: 'Print / PDF' }).click();
  expect(await app.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await app.emulateMedia({ media: 'print' });
  await expect(app.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(app.getByRole('button', { name: 'Export CSV' })).toBeHidden();
  const table = await app.getByTestId('report-table').boundingBox();
  expect(await app.evaluate(() => document.scrollingElement!.scrollHeight)).toBeGreaterThanOrEqual(table!.y + table!.height);
  expect(await app.evaluate(() => getComputedStyle(document.querySelector('main')!).overflowY)).toBe('visible');
});
