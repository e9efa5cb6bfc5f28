import type { Page } from '@playwright/test';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test.use({ harnessOptions: { demoOptions: { vendors: ['spp'] } } });

interface Typed {
  readonly name: string;
  readonly address: string;
  readonly username: string;
  readonly password: string;
}

async function fill(app: Page, typed: Typed): Promise<void> {
  await app.getByLabel('Name', { exact: true }).fill(typed.name);
  await app.getByLabel('Address').fill(typed.address);
  await app.getByLabel('User name').fill(typed.username);
  await app.getByLabel('Password', { exact: true }).fill(typed.password);
}

/** Nothing typed is lost, and what the window says is words, not the validator's internals. */
async function expectKept(app: Page, typed: Typed): Promise<void> {
  await expect(app.getByLabel('Name', { exact: true })).toHaveValue(typed.name);
  await expect(app.getByLabel('Address')).toHaveValue(typed.address);
  await expect(app.getByLabel('User name')).toHaveValue(typed.username);
  await expect(app.getByLabel('Password', { exact: true })).toHaveValue(typed.password);
  await expect(app.locator('body')).not.toContainText(/Invalid request|Invalid value|expected string|Too big|Too small/);
}

test('the appliance form keeps what was typed through every refusal, and says why in words', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const sim = harness.demoFleet()!.simulators[0]!;
  const { appliance } = sim;
  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  await app.getByRole('button', { name: 'Add appliance' }).click();
  const save = app.getByRole('button', { name: 'Test and save' });
  const good: Typed = { name: 'SPP second', address: appliance.baseUrl, username: appliance.username, password: appliance.password };

  // Refused by the schema's rules, in the form, before anything is sent.
  const longName = { ...good, name: 'n'.repeat(101) };
  await fill(app, longName);
  await save.click();
  await expect(app.getByTestId('form-problem')).toHaveText('The name is too long (at most 100 characters).');
  await expectKept(app, longName);
  const plainHttp = { ...good, address: appliance.baseUrl.replace('https://', 'http://') };
  await fill(app, plainHttp);
  await save.click();
  await expect(app.getByTestId('form-problem')).toHaveText('The address must start with https:// (Backwatch connects over HTTPS only).');
  await expectKept(app, plainHttp);

  // A name already taken: refused by the services before any certificate step.
  const taken = { ...good, name: appliance.name.toUpperCase() };
  await fill(app, taken);
  await save.click();
  await expect(app.getByTestId('editor-error')).toHaveText(`An appliance named "${taken.name}" already exists.`);
  await expect(app.getByTestId('certificate-step')).toHaveCount(0);
  await expectKept(app, taken);

  // Nothing answers at the address.
  const dead = { ...good, address: 'https://127.0.0.1:9' };
  await fill(app, dead);
  await save.click();
  const failed = app.getByRole('dialog', { name: 'The connection test failed' });
  await expect(failed.getByRole('alert')).toBeVisible();
  await failed.getByRole('button', { name: 'Back to the form' }).click();
  await expectKept(app, dead);

  // The certificate step, cancelled: back to the form as it was.
  const wrongPassword = { ...good, password: 'not the password' };
  await fill(app, wrongPassword);
  await save.click();
  const step = app.getByTestId('certificate-step');
  await step.getByRole('button', { name: 'Cancel' }).click();
  await expect(step).toHaveCount(0);
  await expectKept(app, wrongPassword);

  // Trusted, then the password is refused: the form still holds it, and the fixed try is not asked to trust again.
  await save.click();
  await step.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(failed.getByRole('alert')).toBeVisible();
  await app.keyboard.press('Escape');
  await expectKept(app, wrongPassword);
  await app.getByLabel('Password', { exact: true }).fill(good.password);
  await save.click();
  await expect(app.getByText('SPP second is saved; its password is saved in the keychain.')).toBeVisible();
  expect((await harness.core.handlers['appliances:list']()).map((a) => a.name)).toContain('SPP second');
});
