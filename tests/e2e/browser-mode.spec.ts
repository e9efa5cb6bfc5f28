import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test('browser mode opens an appliance’s web UI in a new tab and offers no login item it cannot set', async ({ app, harness, context }) => {
  await startDemoFromFirstRun(app);
  const appliance = (await harness.core.handlers['appliances:list']()).find((a) => a.vendor === 'spp')!;
  await harness.core.handlers['appliances:refresh']();
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  await app.getByTestId('session-row').filter({ hasText: appliance.name }).first().click();
  // The demo appliance's self-signed certificate stops the page itself: what counts is where the tab went.
  const navigated = context.waitForEvent('request', (request) => request.url().startsWith(appliance.baseUrl));
  await app.getByRole('button', { name: /Open the appliance.s web UI/ }).click();
  expect((await navigated).isNavigationRequest()).toBe(true);

  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
  await expect(app.getByText('Start Backwatch when I log in')).toHaveCount(0);
});
