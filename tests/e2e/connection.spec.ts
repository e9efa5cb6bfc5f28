import { silentLogger } from '../../src-main/core/logger.js';
import { startHarness } from '../../src-main/harness/harness.js';
import { expect, test } from './fixtures.js';

test('the bare address, without the token, says which address to open', async ({ page, harness }) => {
  await page.goto(harness.origin);
  await expect(page.getByText('Open the address Backwatch printed when it started')).toBeVisible();
});

test('a stale token says to open the printed address instead of connecting forever', async ({ page, harness }) => {
  await page.goto(`${harness.origin}/?token=from-an-earlier-run`);
  await expect(page.getByRole('alert')).toHaveText(/access token is no longer valid: open the address Backwatch printed/);
});

test('a tab whose backend went away says the connection is lost', async ({ page }) => {
  const own = await startHarness({ log: silentLogger });
  try {
    await page.goto(own.url);
    await expect(page.getByText('Connecting to Backwatch…')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await own.close();
  }
  await expect(page.getByRole('alert')).toHaveText(/Connection to Backwatch lost — retrying/);
});
