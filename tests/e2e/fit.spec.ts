/**
 * Every view fits the window's default size (1100×720) and its minimum (720×480), in both themes:
 * no text clipped without an ellipsis, no unreadable ellipsis, nothing that scrolls sideways.
 * One page load: each view is opened once and measured at every size and theme.
 */
import type { Page } from '@playwright/test';
import { fitFaults } from './fit-check.js';
import { expect, openMachineIn, startBusyDemo, test } from './fixtures.js';

const SIZES = [
  { width: 1100, height: 720 },
  { width: 720, height: 480 },
] as const;
const THEMES = ['light', 'dark'] as const;

const settled = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
const openView = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

/** Measures the view on screen at every size and theme; returns its faults, each saying where. */
async function measure(page: Page, view: string): Promise<string[]> {
  const faults: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await settled(page);
      for (const fault of await fitFaults(page)) faults.push(`${view} at ${size.width}×${size.height} ${theme}: ${fault}`);
    }
  }
  await page.setViewportSize(SIZES[0]);
  return faults;
}

/** How far, in px, a page's state word sits off the baseline of "on <appliance>" beside it, under its title. */
const stateOffBaseline = (page: Page) =>
  page.evaluate(() => {
    const [state, where] = ['h1 + p .status > span', 'h1 + p .muted'].map((selector) => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(selector)!);
      return range.getBoundingClientRect().bottom;
    });
    return Math.abs(state! - where!);
  });

test('every view fits 1100×720 and 720×480 in both themes, with nothing clipped and nothing sideways', async ({ app, harness }) => {
  test.setTimeout(240_000);
  const faults: string[] = [];
  faults.push(...(await measure(app, 'first run')));
  await startBusyDemo(app, harness);
  faults.push(...(await measure(app, 'overview')));

  await openView(app, 'Jobs');
  await expect(app.getByTestId('history-strip').first()).toBeVisible();
  faults.push(...(await measure(app, 'jobs')));
  await app.getByLabel('Group by appliance').check();
  faults.push(...(await measure(app, 'jobs by appliance')));
  await app.getByLabel('Group by appliance').uncheck();
  await app.getByTestId('job-row').first().getByRole('button').first().click();
  await expect(app.getByTestId('job-chart').first()).toBeVisible();
  faults.push(...(await measure(app, 'job page')));
  expect(await stateOffBaseline(app)).toBeLessThanOrEqual(1);

  await openView(app, 'Machines');
  await expect(app.getByTestId('machine-row').first()).toBeVisible();
  await app.getByTestId('exclusion-rules').getByText('Exclusion rules').click();
  faults.push(...(await measure(app, 'machines')));
  await openMachineIn(app, 'Protected');
  await expect(app.getByTestId('restore-point-row').first()).toBeVisible();
  faults.push(...(await measure(app, 'machine page')));

  await openView(app, 'Sessions');
  await expect(app.getByTestId('session-row').first()).toBeVisible();
  faults.push(...(await measure(app, 'sessions')));
  await app.getByTestId('session-row').first().click();
  await app.getByRole('button', { name: 'Show the job log' }).click();
  await expect(app.getByRole('table').last()).toBeVisible();
  faults.push(...(await measure(app, 'session detail')));
  expect(await stateOffBaseline(app)).toBeLessThanOrEqual(1);

  await openView(app, 'Reports');
  await expect(app.getByTestId('report-row').first()).toBeVisible();
  await expect(app.getByTestId('machine-report-row').first()).toBeVisible();
  faults.push(...(await measure(app, 'reports')));

  await openView(app, 'Appliances');
  await expect(app.getByRole('button', { name: 'Add appliance' })).toBeVisible();
  faults.push(...(await measure(app, 'appliances')));
  // The Backwatch server card stands apart from the last appliance card.
  const lastCard = await app.getByTestId('appliance-row').last().boundingBox();
  const serverCard = await app.getByTestId('team-source').boundingBox();
  expect(serverCard!.y - (lastCard!.y + lastCard!.height)).toBeGreaterThanOrEqual(12);
  await app.getByRole('button', { name: 'Add appliance' }).click();
  faults.push(...(await measure(app, 'add appliance')));
  await openView(app, 'Settings');
  await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
  faults.push(...(await measure(app, 'settings')));
  // Settings use the window's width, not a narrow column.
  const [form, main] = await app.evaluate(() => ['main form', 'main'].map((s) => document.querySelector(s)!.clientWidth));
  expect(form!).toBeGreaterThan(0.9 * (main! - 32));

  expect(faults).toEqual([]);
});
