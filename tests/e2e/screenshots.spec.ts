/**
 * Screenshots of every view (Settings' maintenance windows too), taken on the demo fleet at the window's default size (1100×720, the
 * README's: `<view>.png`, `<view>-dark.png`) and at 1280×800 (`<view>-1280x800[-dark].png`), in
 * both themes. They go to test-results/screenshots/; `npm run screenshots` refreshes docs/screenshots/.
 */
import type { Page } from '@playwright/test';
import { expect, openMachineIn, startBusyDemo, test } from './fixtures.js';

const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
const SIZES = [
  { width: 1100, height: 720, suffix: '' },
  { width: 1280, height: 800, suffix: '-1280x800' },
] as const;
const THEMES = [
  { scheme: 'light', suffix: '' },
  { scheme: 'dark', suffix: '-dark' },
] as const;
const openView = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

/** The view on screen, at every size and in both themes. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme.scheme });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await page.screenshot({ path: `${folder}/${name}${size.suffix}${theme.suffix}.png` });
    }
  }
  await page.setViewportSize(SIZES[0]);
}

test('screenshots of every view', async ({ app, harness }) => {
  test.setTimeout(240_000);
  await shoot(app, 'first-run');
  await startBusyDemo(app, harness);
  await shoot(app, 'overview');

  await openView(app, 'Jobs');
  await expect(app.getByTestId('history-strip').first()).toBeVisible();
  await shoot(app, 'jobs');
  // The first row is the most severe job: the one that just failed.
  await app.getByTestId('job-row').first().getByRole('button').first().click();
  await expect(app.getByTestId('job-chart').first()).toBeVisible();
  await shoot(app, 'job');

  await openView(app, 'Machines');
  await expect(app.getByTestId('machine-row').first()).toBeVisible();
  await shoot(app, 'machines');
  // A machine at risk: its page leads with why, then its restore points per appliance.
  await openMachineIn(app, 'At risk');
  await shoot(app, 'machine');

  await openView(app, 'Sessions');
  await expect(app.getByTestId('session-row').first()).toBeVisible();
  await shoot(app, 'sessions');

  await app.getByTestId('session-row').first().click();
  await expect(app.getByRole('button', { name: '← Back to sessions' })).toBeVisible();
  await app.getByRole('button', { name: 'Show the job log' }).click();
  await expect(app.getByRole('table').last()).toBeVisible();
  await shoot(app, 'session-detail');

  await openView(app, 'Reports');
  await expect(app.getByTestId('report-row').first()).toBeVisible();
  await shoot(app, 'reports');

  await openView(app, 'Appliances');
  await shoot(app, 'appliances');
  await openView(app, 'Settings');
  await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
  await shoot(app, 'settings');
  // The maintenance windows, one weekly and one open now, scrolled into view.
  const now = Date.now();
  const appliance = (await harness.core.handlers['appliances:list']())[0]!;
  await harness.core.handlers['maintenance:add']({
    label: 'Saturday patching',
    scope: { kind: 'appliance', applianceId: appliance.id },
    schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' },
  });
  await harness.core.handlers['maintenance:add']({
    label: 'Storage firmware',
    scope: { kind: 'all' },
    schedule: { kind: 'once', fromMs: now - 600_000, toMs: now + 3_600_000 },
  });
  const windows = app.getByRole('heading', { name: 'Maintenance windows' });
  await expect(app.getByRole('button', { name: 'Remove Storage firmware' })).toBeVisible();
  await windows.evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await shoot(app, 'maintenance');
});
