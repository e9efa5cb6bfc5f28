import type { Page } from '@playwright/test';
import type { Harness } from '../../src-main/harness/harness.js';
import type { Vendor } from '../../src-main/common/model.js';
import { STATUS_LABELS } from '../../src-main/common/format.js';
import { JOB_ROW_STATES } from '../../src-renderer/lib/job-list.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

/** Starts the demo and makes one job of `vendor` fail now, so the failure is known in advance. */
async function demoWithFailure(app: Page, harness: Harness, vendor: Vendor) {
  await startDemoFromFirstRun(app);
  const sim = harness.demoFleet()!.simulators.find((s) => s.appliance.vendor === vendor)!;
  const job = sim.scenario.jobs()[0]!;
  sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'failed');
  await harness.core.handlers['appliances:refresh']();
  const appliance = (await harness.core.handlers['appliances:list']()).find((a) => a.vendor === vendor)!;
  return { job, appliance };
}

// Tall enough for the virtualised list to render every demo job, running ones (taller, with progress) included.
test.use({ viewport: { width: 1280, height: 1600 } });

async function openJobs(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
}

test('the jobs view lists every demo job worst first, beside its appliance, and filters by state and name', async ({ app, harness }) => {
  const { job, appliance } = await demoWithFailure(app, harness, 'spp');
  await openJobs(app);
  const all = await harness.core.handlers['jobs:list']({});
  const rows = app.getByTestId('job-row');
  await expect(app.getByTestId('job-count')).toContainText(`${all.length} jobs`);
  await expect(rows).toHaveCount(all.length);

  const states = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-state') ?? ''));
  const ranks = states.map((s) => JOB_ROW_STATES.indexOf(s as (typeof JOB_ROW_STATES)[number]));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  await expect(rows.first()).toHaveAttribute('data-state', 'failed');
  const failedRow = rows.filter({ hasText: job.name }).filter({ hasText: appliance.name });
  await expect(failedRow).toHaveAttribute('data-state', 'failed');

  // Every state keeps its chip, at zero too (and "All states"), so the chips stay in place.
  const chips = app.getByRole('group', { name: 'Show jobs in these states' }).getByRole('button');
  await expect(chips).toHaveCount(JOB_ROW_STATES.length + 1);
  await chips.filter({ hasText: /^Failed/ }).click();
  await expect(chips).toHaveCount(JOB_ROW_STATES.length + 1);
  await expect(rows.first()).toBeVisible();
  expect(await rows.evaluateAll((els) => els.every((el) => el.getAttribute('data-state') === 'failed'))).toBe(true);
  await app.getByRole('button', { name: 'All states' }).click();
  await expect(rows).toHaveCount(all.length);

  const other = all.find((j) => j.jobName !== job.name)!;
  await app.getByLabel('Search jobs').fill(other.jobName.toUpperCase());
  const matching = all.filter((j) => j.jobName.toLowerCase().includes(other.jobName.toLowerCase())).length;
  await expect(rows).toHaveCount(matching);
  await expect(rows.first()).toContainText(other.jobName);
  await app.getByLabel('Search jobs').fill('no job is called this');
  await expect(app.getByText('No job matches.')).toBeVisible();
  await app.getByLabel('Search jobs').fill('');

  // Grouped, the list has a heading per appliance; it is virtualised, so count its lines, not what is drawn.
  const groups = new Set(all.map((j) => j.applianceId)).size;
  const lines = app.locator('ul[data-count]');
  await app.getByLabel('Group by appliance').check();
  await expect(lines).toHaveAttribute('data-count', String(all.length + groups));
  await expect(app.getByTestId('job-group').first()).toBeVisible();
  const group = app.getByTestId('job-group').filter({ hasText: appliance.name }).getByRole('button');
  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  const folded = all.filter((j) => j.applianceId === appliance.id).length;
  await expect(lines).toHaveAttribute('data-count', String(all.length - folded + groups));
});

test.describe('on a still demo clock', () => {
  // No run starts or ends during the test, so the failure it makes stays its job's newest run.
  const demoMoment = Date.now();
  test.use({ harnessOptions: { demoOptions: { now: () => demoMoment } } });

  test('a history strip sums its runs in its label and tells each run with ←/→/Home/End', async ({ app, harness }) => {
    const { job, appliance } = await demoWithFailure(app, harness, 'spp');
    await openJobs(app);
    const sessions = (await harness.core.handlers['sessions:list']({ applianceId: appliance.id, jobId: job.id }))
      .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))
      .slice(-30);
    const row = app.getByTestId('job-row').filter({ hasText: job.name }).filter({ hasText: appliance.name });
    const strip = row.getByRole('img');
    const failed = sessions.filter((s) => s.status === 'failed').length;
    await expect(strip).toHaveAttribute('aria-label', new RegExp(`^${sessions.length} runs: .*${failed} failed`));

    await strip.focus();
    const tip = app.getByRole('tooltip');
    await expect(tip).toContainText(`${STATUS_LABELS.failed} · took`);
    await app.keyboard.press('Home');
    await expect(tip).toContainText(STATUS_LABELS[sessions[0]!.status]);
    await app.keyboard.press('ArrowRight');
    await expect(tip).toContainText(STATUS_LABELS[sessions[1]!.status]);
    await app.keyboard.press('End');
    await expect(tip).toContainText(STATUS_LABELS.failed);
    await app.keyboard.press('ArrowLeft');
    await expect(tip).toContainText(STATUS_LABELS[sessions.at(-2)!.status]);
    // The strip keeps Home/End to itself: the list's focus stays in the strip.
    await expect(strip).toBeFocused();
    await expect(strip).toHaveAttribute('aria-describedby', /strip-tip/);
  });
});

test('a job’s page opens from its row with its sessions, its charts, and a transferred-data chart only where the vendor gives sizes', async ({
  app,
  harness,
}) => {
  const { job } = await demoWithFailure(app, harness, 'vb365');
  await openJobs(app);
  await app.getByTestId('job-row').filter({ hasText: job.name }).getByRole('button', { name: job.name }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: job.name, level: 1 })).toBeVisible();
  await expect(app.getByRole('figure')).toHaveCount(2);
  await expect(app.getByRole('img', { name: /^Duration of each run: \d+ runs; latest/ })).toBeVisible();
  await expect(app.getByRole('img', { name: /^Data transferred per run: / })).toBeVisible();
  await expect(app.locator('canvas')).toHaveCount(2);
  const rows = app.getByRole('list', { name: 'Sessions of this job, newest first' }).getByTestId('session-row');
  await expect(rows.first()).toHaveAttribute('data-status', 'failed');
  await expect(app.getByRole('button', { name: 'Acknowledge this failure' })).toBeVisible();
  await expect(app.getByRole('form', { name: `Recovery point objective of ${job.name}` })).toBeVisible();
  await app.getByRole('button', { name: 'Acknowledge this failure' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Acknowledged' })).toBeVisible();
  await app.getByRole('button', { name: '← Back to jobs' }).click();
  await expect(app.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();

  const spp = (await harness.core.handlers['jobs:list']({})).find((j) => j.vendor === 'spp')!;
  await app.getByTestId('job-row').filter({ hasText: spp.jobName }).getByRole('button', { name: spp.jobName }).first().click();
  await expect(app.getByRole('heading', { name: spp.jobName, level: 1 })).toBeVisible();
  await expect(app.getByRole('figure')).toHaveCount(1);
});

test('the overview leads with the fleet’s protection and each card names its problem jobs with their age', async ({ app, harness }) => {
  const { job, appliance } = await demoWithFailure(app, harness, 'spp');
  const jobs = await harness.core.handlers['jobs:list']({});
  const protectedJobs = jobs.filter((j) => j.protection === 'protected').length;
  const lead = app.getByTestId('fleet-lead');
  await expect(lead).toContainText(new RegExp(`^${jobs.length} jobs: ${protectedJobs} protected · .*1 failed`));
  const card = app.getByTestId('appliance-card').filter({ hasText: appliance.name });
  const problem = card.getByTestId('problem-job').filter({ hasText: job.name });
  await expect(problem).toHaveAttribute('data-kind', 'failed');
  await expect(problem).toContainText(/failed (just now|\d+ (s|min) ago)/);
  await problem.getByRole('button', { name: job.name }).click();
  await expect(app.getByRole('heading', { name: job.name, level: 1 })).toBeVisible();
});
