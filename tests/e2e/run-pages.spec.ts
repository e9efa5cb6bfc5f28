import type { Page } from '@playwright/test';
import type { Harness } from '../../src-main/harness/harness.js';
import { expect, openRunningSessionPage, startDemoFromFirstRun, test } from './fixtures.js';

/** The demo appliance's clock: still, so no run starts or ends while a test reads the page. */
let still = Date.now();
test.beforeEach(() => {
  still = Date.now();
});
test.use({ harnessOptions: { demoOptions: { now: () => still, vendors: ['spp'] } } });

const MINUTE = 60_000;

/** Fails "VMware Gold - Production" half-way through, on its third VM; returns the job and the reason the simulator gave. */
async function failGold(app: Page, harness: Harness) {
  await startDemoFromFirstRun(app);
  const scenario = harness.demoFleet()!.simulators[0]!.scenario;
  const job = scenario.jobs().find((j) => j.name === 'VMware Gold - Production')!;
  const run = scenario.startRun(job.id, { endsInMs: 10 * MINUTE });
  scenario.advance(5 * MINUTE);
  scenario.finishRun(run.id, 'failed');
  await harness.core.handlers['appliances:refresh']();
  return { job, run, reason: scenario.session(run.id)!.message! };
}

const top = async (page: Page, testId: string) => (await page.getByTestId(testId).first().boundingBox())!.y;

test('a failed job’s page leads with the cause its appliance gave, then tiles, then one toolbar, and its sessions without its name', async ({
  app,
  harness,
}) => {
  const { job, reason } = await failGold(app, harness);
  // The simulator blames the VM it was on when the run stopped: the third of five, half-way.
  expect(reason).toMatch(/^web-prod-02: /);

  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  await app.getByTestId('job-row').filter({ hasText: job.name }).getByRole('button', { name: job.name }).click();
  await expect(app.getByRole('heading', { name: job.name, level: 1 })).toBeVisible();

  const cause = app.getByTestId('failure-cause');
  await expect(cause).toContainText('Why the last run failed');
  await expect(cause).toContainText(reason);
  // The session's own summary only counts failures ("1 of 5 vm failed"); the cause names the VM and why.
  await expect(cause).not.toContainText(/\d+ of \d+ vm failed/);
  expect(await top(app, 'failure-cause')).toBeLessThan(await top(app, 'stat-tile'));

  const tiles = app.getByTestId('stat-tile');
  await expect(tiles).toHaveCount(4);
  await expect(tiles.nth(0)).toHaveText(/^State\s*Failed\s/);
  await expect(tiles.nth(1)).toHaveText(/^Last success\s.*\sRPO 26 h$/);
  await expect(tiles.nth(2)).toHaveText(/^Next run\s*(in |running now|overdue )/);
  await expect(tiles.nth(3)).toHaveText(/^Success rate\s*\d+%\s*of the last 30 runs$/);
  expect(await top(app, 'stat-tile')).toBeLessThan(await top(app, 'job-toolbar'));

  // Acknowledge, mute and RPO sit on one line of one toolbar, not in stacked forms.
  const toolbar = app.getByRole('group', { name: `Actions on ${job.name}` });
  const line = await Promise.all(
    [
      toolbar.getByRole('button', { name: 'Acknowledge this failure' }),
      toolbar.getByRole('button', { name: 'Mute notifications for this job' }),
      toolbar.getByRole('form', { name: `Recovery point objective of ${job.name}` }).getByRole('button', { name: 'Set RPO' }),
    ].map(async (control) => (await control.boundingBox())!.y),
  );
  expect(Math.max(...line) - Math.min(...line)).toBeLessThanOrEqual(2);

  const rows = app.getByRole('list', { name: 'Sessions of this job, newest first' }).getByTestId('session-row');
  await expect(rows.first()).toHaveAttribute('data-status', 'failed');
  for (const text of await rows.allTextContents()) expect(text).not.toContain(job.name);

  // The cause leads the failed run's own page too.
  await cause.getByRole('button', { name: 'Open that run' }).click();
  await expect(app.getByRole('button', { name: '← Back to sessions' })).toBeVisible();
  await expect(app.getByTestId('failure-cause')).toContainText('Why this run failed');
  await expect(app.getByTestId('failure-cause')).toContainText(reason);
  expect(await top(app, 'failure-cause')).toBeLessThan(await top(app, 'stat-tile'));
  expect(await top(app, 'stat-tile')).toBeLessThan(await top(app, 'detail-part'));
});

/** Starts a run of the demo's one-resource job, `ranMs` into it, and opens its page. */
async function openRunningSession(app: Page, harness: Harness, ranMs: number) {
  await startDemoFromFirstRun(app);
  const scenario = harness.demoFleet()!.simulators[0]!.scenario;
  const job = scenario.jobs().find((j) => j.resources.length === 1)!;
  scenario.startRun(job.id, { endsInMs: 100 * MINUTE });
  scenario.advance(ranMs);
  await harness.core.handlers['appliances:refresh']();
  await openRunningSessionPage(app, job.name);
  return { scenario, job };
}

test('a running session’s duration ticks every second from its start, never behind what its resource has run', async ({ app, harness }) => {
  // This computer's clock stands 10 min after the run's start; the appliance's, 12 min after it.
  await app.clock.install({ time: still });
  await app.clock.pauseAt(still + 10 * MINUTE);
  const { job } = await openRunningSession(app, harness, 12 * MINUTE);
  await expect(app.getByRole('row').filter({ hasText: job.resources[0]! })).toContainText('12 min');

  const duration = app.getByTestId('stat-tile').filter({ hasText: 'Duration' });
  await expect(duration).toContainText('12 min 00 s');
  await app.clock.runFor(1_000);
  await expect(duration).toContainText('12 min 01 s');
  await app.clock.runFor(5_000);
  await expect(duration).toContainText('12 min 06 s');
});

test('a progress bar keeps its width while its numbers grow', async ({ app, harness }) => {
  const { scenario } = await openRunningSession(app, harness, 9 * MINUTE);
  const bars = app.locator('[role="progressbar"]');
  const widths = () => bars.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().width)));
  await expect(bars.first()).toHaveAttribute('aria-valuenow', '9');
  const before = await widths();
  for (const [advance, percent] of [
    [1, '10'],
    [90, '100'],
  ] as const) {
    scenario.advance(advance * MINUTE);
    await harness.core.handlers['appliances:refresh']();
    await expect(bars.first()).toHaveAttribute('aria-valuenow', percent);
    await expect(bars.last()).toHaveAttribute('aria-valuenow', percent);
    expect(await widths()).toEqual(before);
  }
});

test.describe('a VB365 run', () => {
  test.use({ harnessOptions: { demoOptions: { now: () => still, vendors: ['vb365'] } } });

  test('says what its two counts count: objects in its progress, items in its statistics, one in the singular', async ({
    app,
    harness,
  }) => {
    await startDemoFromFirstRun(app);
    const scenario = harness.demoFleet()!.simulators[0]!.scenario;
    const job = scenario.jobs()[0]!;
    expect(job.resources.length).toBe(10);
    scenario.startRun(job.id, { endsInMs: 100 * MINUTE });
    // 15% of ten mailboxes: one object done, its items counted apart.
    scenario.advance(15 * MINUTE);
    await harness.core.handlers['appliances:refresh']();
    await openRunningSessionPage(app, job.name);
    await expect(app.getByRole('progressbar', { name: `Progress of ${job.name}` })).toHaveAttribute('aria-valuetext', '1 object processed');
    const items = app.getByRole('definition').filter({ hasText: '(mails, files, list items)' });
    await expect(items).toHaveText(/^\d+ items \(mails, files, list items\)$/);
    await expect(app.getByText('Processed objects')).toHaveCount(0);
  });
});
