/**
 * Screenshots of the main views, taken on the demo fleet. They go to test-results/screenshots/;
 * `npm run screenshots` refreshes docs/screenshots/ (the README's).
 */
import type { Page } from '@playwright/test';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${folder}/${name}.png`, fullPage: false });
const openView = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

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

  await openView(app, 'Jobs');
  await expect(app.getByTestId('history-strip').first()).toBeVisible();
  await shot(app, 'jobs');
  // The first row is the most severe job: the one that just failed.
  await app.getByTestId('job-row').first().getByRole('button').first().click();
  await expect(app.getByTestId('job-chart').first()).toBeVisible();
  await shot(app, 'job');

  await openView(app, 'Sessions');
  await expect(app.getByTestId('session-row').first()).toBeVisible();
  await shot(app, 'sessions');

  await app.getByTestId('session-row').first().click();
  await expect(app.getByRole('button', { name: '← Back to sessions' })).toBeVisible();
  await app.getByRole('button', { name: 'Show the job log' }).click();
  await expect(app.getByRole('table').last()).toBeVisible();
  await shot(app, 'session-detail');

  await openView(app, 'Appliances');
  await shot(app, 'appliances');
  await openView(app, 'Settings');
  await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
  await shot(app, 'settings');

  await app.emulateMedia({ colorScheme: 'dark' });
  await openView(app, 'Overview');
  await shot(app, 'overview-dark');
  await openView(app, 'Jobs');
  await expect(app.getByTestId('history-strip').first()).toBeVisible();
  await shot(app, 'jobs-dark');
});
