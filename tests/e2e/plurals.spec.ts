/**
 * Counts say their noun in the singular for one, in every view: "1 session", "1 job", "1 run",
 * never "1 sessions". The sweep reads each view's whole text, with lists narrowed to one row.
 */
import type { Page } from '@playwright/test';
import type { Harness } from '../../src-main/harness/harness.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

const STILL = Date.now();

// "1 sessions", "1 items/s", "of 1 jobs": a one followed by a plural noun. Nouns whose singular ends
// in s (status, class) are not plurals.
const ONE_PLURAL = /(?<![\d.,:])\b1 (?!\w*(?:ss|us)\b)[A-Za-z]+s\b/g;

async function onesSaidInThePlural(page: Page, view: string): Promise<string[]> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const text = await page.locator('main').innerText();
  return [...text.matchAll(ONE_PLURAL)].map((m) => `${view}: "${text.slice(Math.max(0, m.index - 30), m.index + m[0].length)}"`);
}

const openView = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

async function sweep({ app, harness }: { app: Page; harness: Harness }): Promise<void> {
  test.setTimeout(180_000);
  const found: string[] = [];
  await startDemoFromFirstRun(app);
  found.push(...(await onesSaidInThePlural(app, 'overview')));

  await openView(app, 'Jobs');
  const jobRows = app.getByTestId('job-row');
  await expect(jobRows.first()).toBeVisible();
  found.push(...(await onesSaidInThePlural(app, 'jobs')));
  // A job whose name is in no other row's name or place, so that searching for it finds it alone.
  const rowTexts = await jobRows.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).innerText));
  const names = await jobRows.locator('.row-open').allInnerTexts();
  const oneJob = names.find((name) => rowTexts.filter((text) => text.includes(name)).length === 1)!;
  await app.getByLabel('Search jobs').fill(oneJob);
  await app.getByLabel('Group by appliance').check();
  await expect(jobRows).toHaveCount(1);
  found.push(...(await onesSaidInThePlural(app, 'one job')));
  await jobRows.first().getByRole('button').first().click();
  await expect(app.getByRole('heading', { name: oneJob, level: 1 })).toBeVisible();
  found.push(...(await onesSaidInThePlural(app, 'job page')));

  await openView(app, 'Sessions');
  const sessionRows = app.getByTestId('session-row');
  await expect(sessionRows.first()).toBeVisible();
  found.push(...(await onesSaidInThePlural(app, 'sessions')));
  // Narrowed to exactly one session by an id no other session's searched text holds.
  const all = await harness.core.handlers['sessions:list']({ limit: 100_000 });
  const searched = all.map((x) => [x.jobName, x.message ?? '', x.vendorStatus, x.id, x.type ?? ''].join('\n').toLowerCase());
  const one = all.find((x) => searched.filter((text) => text.includes(x.id.toLowerCase())).length === 1)!;
  await app.getByLabel('Search').fill(one.id);
  await expect(sessionRows).toHaveCount(1);
  found.push(...(await onesSaidInThePlural(app, 'one session')));
  await sessionRows.first().click();
  await expect(app.getByRole('button', { name: '← Back to sessions' })).toBeVisible();
  found.push(...(await onesSaidInThePlural(app, 'session page')));

  await openView(app, 'Machines');
  await expect(app.getByTestId('machine-row').first()).toBeVisible();
  found.push(...(await onesSaidInThePlural(app, 'machines')));
  await app.getByTestId('machine-row').first().getByRole('button').click();
  await expect(app.getByRole('button', { name: '← Back to machines' })).toBeVisible();
  found.push(...(await onesSaidInThePlural(app, 'machine page')));

  for (const view of ['Reports', 'Appliances', 'Settings']) {
    await openView(app, view);
    await expect(app.getByRole('heading', { name: view, level: 1 })).toBeVisible();
    found.push(...(await onesSaidInThePlural(app, view.toLowerCase())));
  }
  expect(found).toEqual([]);
}

test.describe('the demo fleet, its lists narrowed to one row', () => {
  test.use({ harnessOptions: { demoOptions: { now: () => STILL } } });
  test('every view says one of a thing in the singular', sweep);
});

test.describe('a fleet of one appliance with one job and one run', () => {
  test.use({ harnessOptions: { demoOptions: { now: () => STILL, vendors: ['vcsa'], historySize: 1 } } });
  test('every view says one of a thing in the singular', sweep);
});
