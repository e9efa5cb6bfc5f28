import type { JobComplianceView } from '../../src-main/common/compliance-report.js';
import type { Harness } from '../../src-main/harness/harness.js';
import { parseCsv } from '../support/csv.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

// The demo's clock stands still, so the report the window shows and the one read here agree.
const demoMoment = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => demoMoment } } });

/** The jobs' figures over the last `days`, as main computes them for the Reports view. */
async function readJobs(harness: Harness, days: number): Promise<readonly JobComplianceView[]> {
  const made = await harness.core.handlers['reports:compliance']({ period: { lastDays: days } });
  if (!made.ok) throw new Error(made.message);
  return made.value.jobs;
}

/** Polls read older history a page at a time: reports are compared once nothing older is left to read. */
async function settleHistory(harness: Harness, days: number): Promise<void> {
  let previous = '';
  await expect
    .poll(async () => {
      await harness.core.handlers['appliances:refresh']();
      // Shares move with the real clock; which jobs there are and their runs settle once the history is read.
      const now = JSON.stringify((await readJobs(harness, days)).map((j) => [j.applianceId, j.jobId, j.runs, j.failedRuns]));
      const settled = now === previous;
      previous = now;
      return settled;
    })
    .toBe(true);
}

test('the Reports view lists jobs worst first, and its CSV holds the same rows', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await settleHistory(harness, 90);
  const read90 = () => readJobs(harness, 90);
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
  // The job rows end at the empty line before the machines' rows.
  const data = csv.slice(
    header + 1,
    csv.findIndex((cells, i) => i > header && cells.length === 1 && cells[0] === ''),
  );
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

test('the Reports view lists the machines after the jobs, worst first, as main combines them from their jobs', async ({ app, harness }) => {
  test.slow();
  await startDemoFromFirstRun(app);
  await settleHistory(harness, 30);
  await expect.poll(async () => (await harness.core.handlers['objects:list']({})).matching).toBeGreaterThan(1);
  const made = await harness.core.handlers['reports:compliance']({ period: { lastDays: 30 }, machineRows: 100 });
  if (!made.ok) throw new Error(made.message);
  const machines = made.value.machines!;
  expect(machines.rows.length).toBeGreaterThan(1);
  // Those in no backup first, then the lowest share; none in no backup shown as protected.
  const rank = (m: (typeof machines.rows)[number]) => (m.noShare === 'in_no_backup' ? -1 : (m.share ?? 2));
  for (let i = 1; i < machines.rows.length; i++) expect(rank(machines.rows[i]!)).toBeGreaterThanOrEqual(rank(machines.rows[i - 1]!));
  for (const m of machines.rows.filter((row) => row.noShare === 'in_no_backup')) expect(m.share).toBeNull();
  // The view asks for the worst 100 at most: fewer asked, fewer sent, the count still whole.
  const one = await harness.core.handlers['reports:compliance']({ period: { lastDays: 30 }, machineRows: 1 });
  expect(one.ok && [one.value.machines!.rows.length, one.value.machines!.total]).toEqual([1, machines.total]);

  await app.getByRole('button', { name: 'Reports', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Machines, worst first', level: 2 })).toBeVisible();
  const rows = app.getByTestId('machine-report-row');
  await expect(rows).toHaveCount(machines.rows.length);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('.job')!.textContent, tr.querySelector('.share')!.textContent]),
  );
  expect(shown.map(([name]) => name)).toEqual(machines.rows.map((m) => m.name));
  const unbacked = machines.rows.findIndex((m) => m.noShare === 'in_no_backup');
  // The demo's vCenter lists VMs that nothing backs up.
  expect(shown[unbacked]![1]).toBe('—in no backup');
  await expect(app.getByTestId('machines-count')).toContainText(`${machines.total} machines`);
});

test('the Reports view reports on the dates chosen, and says why dates that make no period are refused', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await harness.core.handlers['appliances:refresh']();
  const day = (daysAgo: number) => new Date(demoMoment - daysAgo * 86_400_000).toISOString().slice(0, 10);
  await app.getByRole('button', { name: 'Reports', exact: true }).click();
  await app.getByLabel('Period').selectOption({ label: 'From … to …' });
  await expect(app.getByText('Choose the first and last day of the period.')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

  await app.getByLabel('From', { exact: true }).fill(day(10));
  await app.getByLabel('To', { exact: true }).fill(day(3));
  const made = await harness.core.handlers['reports:compliance']({ period: { from: day(10), to: day(3) } });
  if (!made.ok) throw new Error(made.message);
  expect(made.value.from).toBe(`${day(10)}T00:00:00.000Z`);
  await expect(app.getByTestId('fleet-compliance')).toBeVisible();
  await expect(app.getByTestId('report-row')).toHaveCount(made.value.jobs.length);
  await expect(app.getByRole('button', { name: 'Export CSV' })).toBeEnabled();

  // The browser's date field lets a day be typed past the other's bound; main refuses it in words.
  await app.getByLabel('From', { exact: true }).fill(day(1));
  await expect(app.getByRole('alert').filter({ hasText: 'The report could not be made' })).toHaveText(
    `The report could not be made: The period ends (${day(3)}) before it starts (${day(1)}).`,
  );
});

test("a job's page shows its last 30 days as a band of protected, at-risk and maintenance periods, and says them in words", async ({
  app,
  harness,
}) => {
  // The demo's start and a first read of its history take most of a minute on a busy machine.
  test.slow();
  await startDemoFromFirstRun(app);
  await harness.core.handlers['appliances:refresh']();
  const job = (await harness.core.handlers['jobs:list']({}))[0]!;
  const made = await harness.core.handlers['reports:job-band']({ applianceId: job.applianceId, jobId: job.jobId, days: 30 });
  if (!made.ok || made.value === null) throw new Error(made.ok ? 'no band' : made.message);
  expect(made.value.pieces.length).toBeGreaterThan(0);

  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  await app.getByTestId('job-row').filter({ hasText: job.jobName }).getByRole('button', { name: job.jobName }).first().click();
  await expect(app.getByRole('heading', { name: job.jobName, level: 1 })).toBeVisible();
  const band = app.getByRole('img', {
    name: /^Last 30 days: \d+\.\d\d % of the time protected; \d+ at-risk periods?, \d+ in maintenance$/,
  });
  await expect(band).toBeVisible();
  // Drawn in the state colours, each piece where its time falls; said in words beside it for a screen reader.
  await expect(band.locator('.piece').first()).toBeAttached();
  const words = app.getByRole('list', { name: 'Compliance periods' }).getByTestId('band-period');
  await expect(words.first()).toHaveText(/^(Protected|At risk|Maintenance): .+ – .+$/);
  expect(await words.count()).toBe(await band.locator('.piece').count());
});

test("the Jobs view shows each job's 30-day share as the Reports view gives it, and sorts by it", async ({ app, harness }) => {
  test.slow();
  // Tall enough for the virtualised list to draw every demo job.
  await app.setViewportSize({ width: 1280, height: 1600 });
  await startDemoFromFirstRun(app);
  await settleHistory(harness, 30);
  const jobs = await readJobs(harness, 30);
  const judged = jobs.filter((j) => j.share !== null);
  expect(judged.length).toBeGreaterThan(1);

  // The Reports view's figure for the worst job, read off the screen.
  const worst = judged[0]!;
  await app.getByRole('button', { name: 'Reports', exact: true }).click();
  await expect(app.getByLabel('Period')).toHaveValue('30');
  const reportRow = app.getByTestId('report-row').filter({ hasText: worst.jobName }).filter({ hasText: worst.applianceName });
  const reported = parseFloat((await reportRow.locator('.share').textContent())!);

  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  await app.getByLabel('Sort by').selectOption({ label: 'Compliance, lowest first' });
  await expect(app.getByTestId('job-count')).toContainText('by compliance, lowest first');
  const cells = app.getByTestId('job-share');
  await expect(cells).toHaveCount((await harness.core.handlers['jobs:list']({})).length);
  await expect(cells.filter({ hasText: / %$/ })).toHaveCount(judged.length);
  const shown = await app.getByTestId('job-row').evaluateAll((rows) =>
    rows.map((row) => {
      const cell = row.querySelector('[data-testid="job-share"]')!;
      return { text: cell.textContent!.trim(), title: cell.getAttribute('title')! };
    }),
  );
  // One decimal on screen, never above the two the title (and the Reports view) give.
  for (const { text, title } of shown.filter((s) => s.text.endsWith('%'))) {
    const [, one] = /(\d+\.\d) %$/.exec(text)!;
    const [, two] = /^(\d+\.\d\d) % of the last 30 days protected/.exec(title)!;
    expect(one).toBe(two!.slice(0, -1));
  }
  // Lowest first, the jobs without a share after them.
  const figures = shown.map((s) => (s.text.endsWith('%') ? parseFloat(/^(\d+\.\d\d)/.exec(s.title)![1]!) : Number.POSITIVE_INFINITY));
  expect(figures).toEqual([...figures].sort((a, b) => a - b));
  // The same figure as the Reports view's for the same job (read a moment apart: a hundredth may move).
  const jobRow = app.getByTestId('job-row').filter({ hasText: worst.jobName }).filter({ hasText: worst.applianceName });
  const title = (await jobRow.getByTestId('job-share').getAttribute('title'))!;
  expect(Math.abs(parseFloat(title) - reported)).toBeLessThanOrEqual(0.02);
});
