/**
 * Screenshots of the main views, taken on the demo fleet. They go to test-results/screenshots/;
 * `UPDATE_SCREENSHOTS=1 npx playwright test screenshots` refreshes docs/screenshots/ (the README's).
 */
import type { Page } from '@playwright/test';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png`, fullPage: false });

test('screenshots of the main views', async ({ app, harness }) => {
  await shot(app, 'first-run');
  await startDemoFromFirstRun(app);
  await harness.core.handlers['appliances:refresh']();
  // A busy moment: a backup running on every appliance, and one that just failed.
  const sims = harness.demoFleet()!.simulators;
  for (const sim of sims) sim.scenario.startRun(sim.scenario.jobs().at(-1)!.id);
  const failing = sims[0]!.scenario;
  failing.finishRun(failing.startRun(failing.jobs()[0]!.id).id, 'failed');
  await harness.core.handlers['appliances:refresh']();
  await expect(app.getByRole('progressbar').first()).toBeVisible();
  await shot(app, 'overview');

  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  await expect(app.getByTestId('session-row').first()).toBeVisible();
  await shot(app, 'sessions');

  await app.getByTestId('session-row').first().click();
  await expect(app.getByRole('button', { name: '← Back to sessions' })).toBeVisible();
  await app.getByRole('button', { name: 'Show the job log' }).click();
  await expect(app.getByRole('table').last()).toBeVisible();
  await shot(app, 'session-detail');

  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  await shot(app, 'appliances');
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
  await shot(app, 'settings');

  await app.emulateMedia({ colorScheme: 'dark' });
  await app.getByRole('button', { name: 'Overview', exact: true }).click();
  await shot(app, 'overview-dark');
});
