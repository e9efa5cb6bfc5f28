/**
 * Playwright fixtures: a fresh browser harness (real core, memory keychain, temp config) per test,
 * and helpers to read what the harness recorded (tray state, notifications).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startHarness, type Harness, type HarnessOptions, type HarnessState } from '../../src-main/harness/harness.js';
import { silentLogger } from '../../src-main/core/logger.js';

export interface HarnessFixtures {
  /** Options for this test's harness (override with `test.use({ harnessOptions: … })`). */
  harnessOptions: HarnessOptions;
  harness: Harness;
  /** The page, opened on the harness and connected. */
  app: Page;
}

export const test = base.extend<HarnessFixtures>({
  harnessOptions: [{}, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const harness = await startHarness({ log: silentLogger, ...harnessOptions });
    await use(harness);
    await harness.close();
  },
  app: async ({ page, harness }, use) => {
    await page.goto(harness.url);
    await expect(page.getByText('Connecting to Backwatch…')).toHaveCount(0);
    await use(page);
  },
});

export { expect };

/** What the harness recorded, read the way an outside test would: over HTTP with the token. */
export async function recordedState(page: Page, harness: Harness): Promise<HarnessState> {
  const response = await page.request.get(`${harness.origin}/__harness/state?token=${harness.token}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as HarnessState;
}

/** Starts the demo fleet the way a user does, from the first-run screen. */
export async function startDemoFromFirstRun(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Try the demo fleet' }).click();
  await expect(page.getByTestId('appliance-card').first()).toBeVisible();
}

/** The demo fleet at a busy moment, as the screenshots show it: a run on every appliance and one that just failed. */
export async function startBusyDemo(page: Page, harness: Harness): Promise<void> {
  await startDemoFromFirstRun(page);
  const sims = harness.demoFleet()!.simulators;
  for (const sim of sims) sim.scenario.startRun(sim.scenario.jobs().at(-1)!.id);
  const failing = sims[0]!.scenario;
  failing.finishRun(failing.startRun(failing.jobs()[0]!.id).id, 'failed');
  await harness.core.handlers['appliances:refresh']();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
}

/** Opens the page of the running session of `jobName` from the Sessions view. */
export async function openRunningSessionPage(page: Page, jobName: string): Promise<void> {
  await page.getByRole('button', { name: 'Sessions', exact: true }).click();
  await page.getByLabel('Status', { exact: true }).selectOption('running');
  await page.getByLabel('Search').fill(jobName);
  await page.getByTestId('session-row').first().click();
  await expect(page.getByRole('heading', { name: jobName, level: 1 })).toBeVisible();
}

/** From the Machines view, shows only the machines in `state` and opens the first one's page. */
export async function openMachineIn(page: Page, state: 'Unprotected' | 'At risk' | 'Protected' | 'Excluded'): Promise<void> {
  const chips = page.getByRole('group', { name: 'Show machines in these states' });
  await chips.getByRole('button', { name: 'All states' }).click();
  await chips.getByRole('button', { name: new RegExp(`^${state}`) }).click();
  await page.getByTestId('machine-row').first().getByRole('button').click();
  await expect(page.getByRole('button', { name: '← Back to machines' })).toBeVisible();
}
