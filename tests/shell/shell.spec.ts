/**
 * The built desktop app, once through, with its window in a real Chromium: first run, the demo
 * fleet, adding an appliance, muting a job, the tray menu, quitting. What crosses between main
 * and the page goes through the built preload, structured-cloned, errors worded as Electron's.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../src-main/common/csp.js';
import { csvLine } from '../../src-main/core/reports/report-rows.js';
import { startDemoSimulator, type DemoSimulator } from '../../src-main/demo/fleet.js';
import { pdfPages } from '../support/pdf-text.js';
import type { MenuEntryView } from './control.js';
import { launchShell, type RunningShell } from './shell-fixture.js';

test.describe.configure({ mode: 'serial' });

let shell: RunningShell;
let simulator: DemoSimulator;

test.beforeAll(async () => {
  [shell, simulator] = await Promise.all([launchShell(), startDemoSimulator('spp', { label: ' extra' })]);
});
test.afterAll(async () => {
  await Promise.all([shell?.close(), simulator?.close()]);
});

/** The title and the job and machine tables' cells of a report's HTML, read by the window's own parser (which runs none of it). */
function reportShown(
  page: Page,
  html: string,
): Promise<{ title: string; jobRows: string[][]; machineHeader: string[]; machineRows: string[][] }> {
  return page.evaluate((text) => {
    const document = new DOMParser().parseFromString(text, 'text/html');
    const cells = (selector: string) =>
      [...document.querySelectorAll<HTMLTableRowElement>(selector)].map((row) => [...row.cells].map((cell) => cell.textContent ?? ''));
    return {
      title: document.title,
      jobRows: cells('#jobs tbody tr'),
      machineHeader: cells('#machines thead tr')[0] ?? [],
      machineRows: cells('#machines tbody tr'),
    };
  }, html);
}

const labels = (menu: readonly MenuEntryView[]): string[] => menu.flatMap((e) => [e.label ?? '', ...labels(e.submenu ?? [])]);

test('first run: the window opens on the app:// page, under the CSP header, with the built preload', async () => {
  const page = shell.window;
  await expect(page.getByRole('heading', { name: 'Welcome to Backwatch' })).toBeVisible();
  const state = await shell.state();
  expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  expect(state.appRequests.map((r) => r.url)).toContain('app://backwatch/index.html');
  expect(state.appRequests.every((r) => r.status === 200 && r.csp === CONTENT_SECURITY_POLICY)).toBe(true);
  // A CSP violation or a failed request shows as a console error.
  expect(state.consoleErrors).toEqual([]);
  expect(await page.evaluate(() => [window.location.protocol, window.isSecureContext, typeof window.backwatch])).toEqual([
    'http:',
    true,
    'object',
  ]);
  for (const file of [...state.windows.flatMap((w) => [w.preload, w.icon]), ...state.tray.images])
    expect(existsSync(file!), file!).toBe(true);
  expect(labels(state.tray.menu)).toContain('No jobs yet');
});

test('a handler error reaches the page worded as Electron words it', async () => {
  const message = await shell.window.evaluate(() =>
    (window.backwatch!['sessions:list'] as (arg: unknown) => Promise<unknown>)({ limit: 'many' }).then(
      () => 'resolved',
      (e: Error) => e.message,
    ),
  );
  expect(message).toMatch(/^Error invoking remote method 'sessions:list': IpcValidationError: Invalid request sessions:list: /);
});

test('the demo fleet starts from the first-run screen and the tray lists its jobs', async () => {
  const page = shell.window;
  await page.getByRole('button', { name: 'Try the demo fleet' }).click();
  await expect(page.getByTestId('appliance-card')).toHaveCount(4);
  await expect.poll(async () => (await shell.state()).tray.tooltip).toMatch(/SPP demo/);
});

test('an appliance is added to a simulator through the window', async () => {
  const page = shell.window;
  const { appliance } = simulator;
  const info = await page.evaluate(() => window.backwatch!['app:info']());
  test.skip(!info.keychainAvailable, `No OS keychain in this session, so no password can be saved: ${info.keychainMessage}`);
  await page.getByRole('button', { name: 'Appliances', exact: true }).click();
  await page.getByRole('button', { name: 'Add appliance' }).click();
  await page.getByLabel('Name', { exact: true }).fill('SPP extra');
  await page.getByLabel('Product').selectOption(appliance.vendor);
  await page.getByLabel('Address').fill(appliance.baseUrl);
  await page.getByLabel('User name').fill(appliance.username);
  await page.getByLabel('Password', { exact: true }).fill(appliance.password);
  await page.getByRole('button', { name: 'Test and save' }).click();
  const step = page.getByTestId('certificate-step');
  await expect(step.getByTestId('new-fingerprint')).toHaveAttribute('title', simulator.server.fingerprint256);
  await step.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(page.getByText(/SPP extra is saved/)).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('appliance-row').filter({ hasText: 'SPP extra' })).toBeVisible();
});

test('a job is muted from one of its sessions', async () => {
  const page = shell.window;
  await page.getByRole('button', { name: 'Sessions', exact: true }).click();
  const row = page.getByTestId('session-row').first();
  await row.click();
  await page.getByRole('button', { name: 'Mute notifications for this job' }).click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Unmute / })).toHaveCount(1);
});

test('Print / PDF in the Reports view prints the report itself, SHA-256 and all, in a hidden window on the paper chosen', async () => {
  const page = shell.window;
  await page.getByRole('button', { name: 'Reports', exact: true }).click();
  await expect(page.getByTestId('fleet-compliance')).toBeVisible();
  await page.getByLabel('Paper').selectOption('Letter');
  await page.getByRole('button', { name: 'Print / PDF' }).click();
  await expect(page.getByTestId('pdf-note')).toHaveText(/^Saved .*backwatch-compliance-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.pdf$/);
  const state = await shell.state();
  // A hidden window of its own showed the report's file, not the window's page.
  expect(state.windows.at(-1)).toMatchObject({ preload: null, show: false });
  expect(state.printedPdfs.map(({ pageSize, url }) => ({ pageSize, url }))).toEqual([
    { pageSize: 'Letter', url: expect.stringMatching(/^file:\/\/.*\/report\.html$/) },
  ]);
  const report = await reportShown(page, state.printedPdfs[0]!.html);
  expect(report.title).toMatch(/^Backwatch compliance report, /);
  const pdf = readFileSync(state.saveDialogs.at(-1)!.filePath);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = pdfPages(pdf);
  expect(pages.length).toBeGreaterThan(0);
  // Letter is 8.5 × 11 in: 612 × 792 points.
  expect(pages.map((p) => p.size.map(Math.round))).toEqual(pages.map(() => [612, 792]));
  const text = pages.map((p) => p.text).join('\n');
  // The report's digest, which is the SHA-256 of the job rows it prints, then a blank line and the machines'
  // header and rows; its appliance summary, its maintenance section.
  expect(report.jobRows.length).toBeGreaterThan(0);
  expect(report.machineRows.length).toBeGreaterThan(0);
  const rowsText = `${report.jobRows.map(csvLine).join('')}\n${[report.machineHeader, ...report.machineRows].map(csvLine).join('')}`;
  const digest = createHash('sha256').update(rowsText, 'utf8').digest('hex');
  expect(text.replace(/\s+/g, '')).toContain(`SHA-256:${digest}`);
  expect(text).toContain('Maintenance windows in the period');
  for (const name of ['Fleet', 'SPP demo']) expect(text).toContain(name);
});

test('the tray menu shows a failing demo job, and quitting from it ends the app cleanly', async () => {
  test.slow();
  const page = shell.window;
  // The demo's first failure ends within its first minute (FIRST_FAILURE_MS).
  await expect
    .poll(async () => labels((await shell.state()).tray.menu).find((l) => / — failed /.test(l)) ?? null, { timeout: 75_000 })
    .not.toBeNull();
  const state = await shell.state();
  const failing = labels(state.tray.menu).find((l) => / — failed /.test(l))!;
  expect(state.tray.images.at(-1)).toMatch(/failed\.png$/);
  expect(state.notifications.map((n) => n.title)).toContainEqual(expect.stringMatching(/^Backup failed/));
  // The window says the same job failed.
  const jobName = failing.split(' (')[0]!;
  await page.getByRole('button', { name: 'Jobs', exact: true }).click();
  await expect(page.getByText(jobName).first()).toBeVisible();

  expect(await shell.clickTray('Quit Backwatch')).toBe(true);
  expect(await shell.exited()).toBe(0);
});
