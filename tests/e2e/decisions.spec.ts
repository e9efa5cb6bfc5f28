/**
 * Decisions are modal dialogs with the focus (GitHub Desktop's habit): the page behind is inert,
 * Escape cancels, and the focus goes back to the button that asked. Errors are styled as errors,
 * in view and focused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test.use({ harnessOptions: { demoOptions: { vendors: ['spp'] } } });

const isModal = (dialog: Locator) => dialog.evaluate((el) => el.matches('dialog:modal'));
const focusInside = (dialog: Locator) => dialog.evaluate((el) => el.contains(document.activeElement));
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Opens the add form at the window's default size and types an appliance into it. */
async function typeAppliance(app: Page, name: string, address: string, username: string, password: string): Promise<void> {
  await app.setViewportSize({ width: 1100, height: 720 });
  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  await app.getByRole('button', { name: 'Add appliance' }).click();
  await app.getByLabel('Name', { exact: true }).fill(name);
  await app.getByLabel('Address').fill(address);
  await app.getByLabel('User name').fill(username);
  await app.getByLabel('Password', { exact: true }).fill(password);
}

test('the certificate to trust is asked in a modal dialog that keeps the focus', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const { appliance } = harness.demoFleet()!.simulators[0]!;
  await typeAppliance(app, 'SPP second', appliance.baseUrl, appliance.username, appliance.password);
  const save = app.getByRole('button', { name: 'Test and save' });
  await save.click();

  const dialog = app.getByRole('dialog', { name: 'Trust this certificate?' });
  await expect(dialog).toBeVisible();
  expect(await isModal(dialog)).toBe(true);
  await expect(dialog).toBeInViewport();
  expect(await focusInside(dialog)).toBe(true);
  // Tab goes round the dialog's own controls, never to the page behind it.
  for (let i = 0; i < 6; i++) {
    await app.keyboard.press('Tab');
    expect(await focusInside(dialog)).toBe(true);
  }
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(save).toBeFocused();
  await expect(app.getByLabel('Name', { exact: true })).toHaveValue('SPP second');

  await save.click();
  await dialog.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(app.getByText('SPP second is saved; its password is saved in the keychain.')).toBeVisible();
  expect(await focusedName(app)).toBe('Done');
});

test('a failed connection test is a decision; a refusal is an error in view, with the focus', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const { appliance } = harness.demoFleet()!.simulators[0]!;
  await typeAppliance(app, 'Nothing there', 'https://127.0.0.1:9', 'admin', 'secret');
  const save = app.getByRole('button', { name: 'Test and save' });
  await save.click();
  const failed = app.getByRole('dialog', { name: 'The connection test failed' });
  await expect(failed).toBeVisible();
  expect(await isModal(failed)).toBe(true);
  expect(await focusInside(failed)).toBe(true);
  await failed.getByRole('button', { name: 'Back to the form' }).click();
  await expect(failed).toHaveCount(0);
  await expect(save).toBeFocused();

  // A name already taken: refused by the services, said as an error the admin sees at once.
  await app.getByLabel('Name', { exact: true }).fill(appliance.name);
  await save.click();
  const error = app.getByTestId('editor-error');
  await expect(error).toHaveText(`An appliance named "${appliance.name}" already exists.`);
  await expect(error).toHaveRole('alert');
  await expect(error).toBeFocused();
  await expect(error).toBeInViewport();
  const [colour, danger, firstLine] = await error.evaluate((el) => [
    getComputedStyle(el).color,
    getComputedStyle(document.body).getPropertyValue('--danger').trim(),
    (el as HTMLElement).innerText.split('\n')[0]!.trim(),
  ]);
  expect(colour).toBe(
    await app.evaluate((hex) => {
      const probe = document.createElement('span');
      probe.style.color = hex;
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color;
      probe.remove();
      return rgb;
    }, danger),
  );
  expect(firstLine).not.toBe('');
});

test('removing an appliance is confirmed in a dialog; Escape keeps it', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const { appliance } = harness.demoFleet()!.simulators[0]!;
  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  const remove = app.getByTestId('appliance-row').getByRole('button', { name: 'Remove' });
  await remove.click();
  const dialog = app.getByRole('dialog', { name: `Remove ${appliance.name}?` });
  await expect(dialog).toBeVisible();
  expect(await isModal(dialog)).toBe(true);
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();
  expect(await harness.core.handlers['appliances:list']()).toHaveLength(1);

  await remove.click();
  await dialog.getByRole('button', { name: `Remove ${appliance.name}` }).click();
  await expect(app.getByTestId('appliance-row')).toHaveCount(0);
  expect(await harness.core.handlers['appliances:list']()).toHaveLength(0);
});

test.describe('an entry the configuration file set aside', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'backwatch-set-aside-'));
  const broken = {
    id: 'bad-1',
    name: 'Broken',
    vendor: 'spp',
    baseUrl: 'http://plain.example.test',
    username: 'a',
    credential: { kind: 'keychain' },
  };
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ schemaVersion: 1, appliances: [broken] }));
  test.use({ harnessOptions: { configDir } });
  test.afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  test('is removed only after a dialog that has the focus on keeping it', async ({ app }) => {
    await app.getByRole('button', { name: 'Appliances', exact: true }).click();
    const setAside = app.getByTestId('set-aside');
    const remove = setAside.getByRole('button', { name: 'Remove it and its stored password' });
    await remove.click();
    const dialog = app.getByRole('dialog', { name: 'Remove the entry Broken?' });
    await expect(dialog).toBeVisible();
    expect(await isModal(dialog)).toBe(true);
    await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(remove).toBeFocused();
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toContain('Broken');

    await remove.click();
    await dialog.getByRole('button', { name: 'Remove Broken' }).click();
    await expect(setAside).toHaveCount(0);
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).not.toContain('Broken');
  });
});
