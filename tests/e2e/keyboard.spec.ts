import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// The demo's clock stands still, so no run starts or ends while the list's last row is compared with its count.
const demoMoment = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => demoMoment } } });

/** Presses Tab until the focused element matches, failing after `max` presses. */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((fn) => new Function('el', `return (${fn})(el)`)(document.activeElement), matches.toString())) return;
  }
  throw new Error(`no focusable element matched after ${max} Tab presses`);
}

const focusRing = (page: Page) => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);

// The demo's appliances stand still here (their clock does not move), so no session starts or
// ends under the keys and every row stays where the test counted it.
const STILL = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => STILL } } });

test('every view can be reached and used with the keyboard alone', async ({ app }) => {
  await tabTo(app, (el) => el.textContent?.trim() === 'Try the demo fleet');
  expect(await focusRing(app)).not.toBe('none');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('appliance-card').first()).toBeVisible();

  // The Machines list: one Tab stop, arrows inside it, Enter opens a machine, whose page excludes it.
  await tabTo(app, (el) => el.textContent?.trim() === 'Machines');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Machines', level: 1 })).toBeVisible();
  await expect(app.getByTestId('machine-row').first()).toBeVisible();
  await tabTo(app, (el) => el.closest('[data-testid="machine-row"]') !== null);
  expect(await focusRing(app)).not.toBe('none');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  expect(await app.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index'))).toBe('2');
  const name = (await app.evaluate(() => document.activeElement?.textContent?.trim())) ?? '';
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name, level: 1 })).toBeVisible();
  await tabTo(app, (el) => ['Exclude this machine', 'Remove this exclusion'].includes(el.textContent?.trim() ?? ''));
  const excluding = (await app.evaluate(() => document.activeElement?.textContent?.trim())) === 'Exclude this machine';
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: excluding ? 'Remove this exclusion' : 'Exclude this machine' })).toBeVisible();
  await tabTo(app, (el) => el.textContent?.trim() === '← Back to machines');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Machines', level: 1 })).toBeVisible();

  await tabTo(app, (el) => el.textContent?.trim() === 'Sessions');
  expect(await focusRing(app)).not.toBe('none');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();

  // Into the list, then down with the arrow keys: focus follows into rows rendered on demand.
  await tabTo(app, (el) => el.getAttribute('data-testid') === 'session-row');
  const list = app.getByRole('list', { name: /Sessions/ });
  for (let i = 0; i < 30; i++) await app.keyboard.press('ArrowDown');
  const index = await app.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index'));
  expect(index).toBe('30');
  // The history's backfill may still add older runs: End goes to the last row of the list as it stands then.
  await expect(async () => {
    await app.keyboard.press('End');
    const total = Number(await list.getAttribute('data-count'));
    expect(await app.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index'))).toBe(String(total - 1));
  }).toPass({ timeout: 15_000 });

  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: '← Back to sessions' })).toBeVisible();
  await tabTo(app, (el) => el.textContent?.trim() === '← Back to sessions');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();

  // Reports: the period by its arrow keys, then the CSV by Enter.
  await tabTo(app, (el) => el.textContent?.trim() === 'Reports');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await tabTo(app, (el) => el.getAttribute('aria-label') === null && el.closest('label')?.textContent?.includes('Period') === true);
  await app.keyboard.press('ArrowDown');
  await expect(app.getByLabel('Period')).toHaveValue('90');
  await expect(app.getByTestId('report-row').first()).toBeVisible();
  await tabTo(app, (el) => el.textContent?.trim() === 'Export CSV');
  const [download] = await Promise.all([app.waitForEvent('download'), app.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);

  await tabTo(app, (el) => el.textContent?.trim() === 'Settings');
  await app.keyboard.press('Enter');
  await tabTo(app, (el) => el.textContent?.trim() === 'Save settings');
  await app.keyboard.press('Enter');
  await expect(app.getByText('Saved.', { exact: true })).toBeVisible();

  await app.keyboard.press('Shift+Tab');
  // On past the report mail's and the maintenance windows' forms, round to the views' buttons.
  await tabTo(app, (el) => el.textContent?.trim() === 'Appliances', 120);
  await app.keyboard.press('Enter');
  await tabTo(app, (el) => el.textContent?.trim() === 'Add appliance');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Add an appliance' })).toBeVisible();
});
