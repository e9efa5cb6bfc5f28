/**
 * The demo fleet as a new user meets it: work under way within seconds, a failure within the
 * first minute, every protection state on show, and a way out that leaves nothing behind.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CONFIG_FILE_NAME } from '../../src-main/core/config/config-store.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { FIRST_FAILURE_MS } from '../../src-main/demo/fleet.js';
import { startHarness } from '../../src-main/harness/harness.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

const valueOf = async (bar: ReturnType<Page['locator']>) => Number(await bar.getAttribute('aria-valuenow'));

async function openView(app: Page, name: string): Promise<void> {
  await app.getByRole('button', { name, exact: true }).click();
  await expect(app.getByRole('heading', { name, level: 1 })).toBeVisible();
}

test('within 5 s of "Try the demo fleet" a job runs with a progress bar that advances, in every view', async ({ app }) => {
  const clicked = Date.now();
  await app.getByRole('button', { name: 'Try the demo fleet' }).click();
  const bar = app.locator('[role="progressbar"][aria-valuenow]').first();
  await expect(bar).toBeVisible({ timeout: 5_000 - (Date.now() - clicked) });
  expect(Date.now() - clicked).toBeLessThan(5_000);
  // Follow that one run by its label: the list may reorder as other runs start.
  const label = await bar.getAttribute('aria-label');
  const same = app.getByRole('progressbar', { name: label ?? '', exact: true }).first();
  const before = await valueOf(same);
  await expect.poll(() => valueOf(same), { timeout: 10_000 }).toBeGreaterThan(before);

  await openView(app, 'Jobs');
  await expect(app.locator('[role="progressbar"][aria-valuenow]').first()).toBeVisible();
  await openView(app, 'Sessions');
  await expect(app.locator('[role="progressbar"][aria-valuenow]').first()).toBeVisible();
});

test.describe('on the demo clock', () => {
  // The simulators' clock runs ahead on demand, so a minute of the demo passes in no time.
  let skewMs = 0;
  test.use({ harnessOptions: { demoOptions: { now: () => Date.now() + skewMs } } });
  test.beforeEach(() => {
    skewMs = 0;
  });

  test('a failure arrives within the first minute', async ({ app, harness }) => {
    await startDemoFromFirstRun(app);
    const scenario = harness.demoFleet()!.simulators[0]!.scenario;
    const failing = scenario.activeSessions().map((s) => s.jobName);
    await openView(app, 'Jobs');
    const rows = app.getByTestId('job-row');
    skewMs = FIRST_FAILURE_MS + 5_000;
    expect(FIRST_FAILURE_MS + 5_000).toBeLessThanOrEqual(60_000);
    await harness.core.handlers['appliances:refresh']();
    const failed = scenario.sessions().filter((s) => s.state === 'failed' && s.endedAt !== null && s.endedAt >= scenario.now() - 60_000);
    expect(failed.map((s) => s.jobName).filter((name) => failing.includes(name))).not.toEqual([]);
    const appliance = harness.demoFleet()!.simulators[0]!.appliance.name;
    await expect(rows.filter({ hasText: failed[0]!.jobName }).filter({ hasText: appliance })).toHaveAttribute('data-state', 'failed');
  });
});

test('the demo shows a job at risk and a disabled job', async ({ app }) => {
  await startDemoFromFirstRun(app);
  await openView(app, 'Jobs');
  const rows = app.getByTestId('job-row');
  await expect(rows.filter({ hasText: 'Backup Job - Exchange DAG' })).toHaveAttribute('data-state', 'at_risk');
  // The list is long enough to be virtualised: the disabled jobs, last in it, are shown by their filter.
  await app
    .getByRole('group', { name: 'Show jobs in these states' })
    .getByRole('button', { name: /^Disabled/ })
    .click();
  const disabled = app.locator('[data-testid="job-row"][data-state="disabled"]').first();
  await expect(disabled).toBeVisible();
  // A disabled job has no RPO to show, in its row or on its page.
  await expect(disabled).not.toContainText('RPO');
  await disabled.getByRole('button').first().click();
  await expect(app.getByText('Last success', { exact: true })).toBeVisible();
  await expect(app.locator('main dl')).not.toContainText('RPO');
});

test.describe('leaving', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'backwatch-demo-e2e-'));
  test.use({ harnessOptions: { configDir } });
  const configured = () => JSON.parse(readFileSync(join(configDir, CONFIG_FILE_NAME), 'utf8')) as { appliances: { demo?: true }[] };

  test('"Leave the demo" stops it, removes its appliances and brings the first-run screen back', async ({ app, harness }) => {
    await startDemoFromFirstRun(app);
    expect(configured().appliances.filter((a) => a.demo)).toHaveLength(harness.demoFleet()!.appliances.length);
    await app.getByRole('button', { name: 'Leave the demo' }).click();
    await expect(app.getByRole('heading', { name: 'Welcome to Backwatch' })).toBeVisible();
    expect(configured().appliances).toEqual([]);
    expect(harness.demoFleet()).toBeNull();
    await expect(app.getByRole('button', { name: 'Leave the demo' })).toHaveCount(0);
  });

  test('a demo left running when Backwatch stopped is gone at the next start', async ({ app, harness, page }) => {
    await startDemoFromFirstRun(app);
    await harness.close();
    expect(configured().appliances.length).toBeGreaterThan(0);
    const next = await startHarness({ log: silentLogger, configDir });
    try {
      await page.goto(next.url);
      await expect(page.getByRole('heading', { name: 'Welcome to Backwatch' })).toBeVisible();
      await expect(page.getByTestId('appliance-card')).toHaveCount(0);
      expect(configured().appliances).toEqual([]);
    } finally {
      await next.close();
    }
  });
});
