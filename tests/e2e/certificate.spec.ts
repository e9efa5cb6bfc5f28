import { shortFingerprint } from '../../src-renderer/lib/fingerprint.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test('adding an appliance asks to trust its certificate, and a changed certificate shows old and new', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const sim = harness.demoFleet()!.simulators[0]!;
  const { appliance } = sim;

  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  await app.getByRole('button', { name: 'Add appliance' }).click();
  await app.getByLabel('Name', { exact: true }).fill('SPP second');
  await app.getByLabel('Product').selectOption(appliance.vendor);
  await app.getByLabel('Address').fill(appliance.baseUrl);
  await app.getByLabel('User name').fill(appliance.username);
  await app.getByLabel('Password', { exact: true }).fill(appliance.password);
  await app.getByRole('button', { name: 'Test and save' }).click();

  const step = app.getByTestId('certificate-step');
  await expect(step.getByRole('heading', { name: 'Trust this certificate?' })).toBeVisible();
  await expect(step.getByTestId('new-fingerprint')).toHaveText(sim.server.fingerprint256);
  await expect(step).toContainText('Issuer');
  await step.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(app.getByText('SPP second is saved; its password is saved in the keychain.')).toBeVisible();
  await app.getByRole('button', { name: 'Done' }).click();

  const row = app.getByTestId('appliance-row').filter({ hasText: 'SPP second' });
  await expect(row).toContainText('Password: saved in the keychain');
  await expect(row).not.toContainText(appliance.password);
  // The pinned fingerprint is shortened on the card, whole in its title.
  const pinned = row.getByTestId('fingerprint');
  await expect(pinned).toHaveText(shortFingerprint(sim.server.fingerprint256));
  await expect(pinned).toHaveAttribute('title', sim.server.fingerprint256);
  const saved = (await harness.core.handlers['appliances:list']()).find((a) => a.name === 'SPP second')!;
  expect(saved.certificateFingerprint).toBe(sim.server.fingerprint256);

  // The appliance is re-installed with a new certificate: the next poll refuses it, the UI compares.
  const oldFingerprint = sim.server.fingerprint256;
  await sim.server.rotateCertificate();
  const changed = row.getByTestId('certificate-step');
  // A poll already in flight may still use the old connection: poll again until the change shows.
  await expect(async () => {
    await harness.core.handlers['appliances:refresh']();
    await expect(changed.getByRole('heading', { name: 'The certificate has changed' })).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(changed.getByTestId('old-fingerprint')).toHaveText(oldFingerprint);
  await expect(changed.getByTestId('new-fingerprint')).toHaveText(sim.server.fingerprint256);
  await changed.getByRole('button', { name: 'Trust the new certificate' }).click();
  await expect(row.getByText('The new certificate is trusted.')).toBeVisible();
  await harness.core.handlers['appliances:refresh']();
  await expect(row.getByTestId('certificate-step')).toHaveCount(0);
  // The edit form never shows the stored password.
  await row.getByRole('button', { name: 'Edit SPP second' }).click();
  await expect(app.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(app.getByText('Saved in keychain. Leave empty to keep it')).toBeVisible();
});
