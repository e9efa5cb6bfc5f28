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
  await expect(step.getByTestId('new-fingerprint')).toHaveAttribute('title', sim.server.fingerprint256);
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
  // Both appliances read the same simulator: its new certificate is asked about one appliance at a time.
  const changedOn = (name: string) => app.getByRole('dialog', { name: `The certificate of ${name} has changed` });
  const first = changedOn(appliance.name);
  // A poll already in flight may still use the old connection: poll again until the change shows.
  await expect(async () => {
    await harness.core.handlers['appliances:refresh']();
    await expect(first).toBeVisible({ timeout: 2_000 });
  }).toPass();
  expect(await first.evaluate((el) => el.matches('dialog:modal'))).toBe(true);
  await expect(app.getByRole('dialog')).toHaveCount(1);
  await app.keyboard.press('Escape');

  const changed = changedOn('SPP second');
  await expect(changed).toBeVisible();
  // A decision with the focus on the safe answer; the fingerprints are shortened, whole in their titles.
  await expect(changed.getByRole('button', { name: 'Keep it blocked' })).toBeFocused();
  await expect(changed.getByTestId('old-fingerprint')).toHaveText(shortFingerprint(oldFingerprint));
  await expect(changed.getByTestId('old-fingerprint')).toHaveAttribute('title', oldFingerprint);
  await expect(changed.getByTestId('new-fingerprint')).toHaveText(shortFingerprint(sim.server.fingerprint256));
  await expect(changed.getByTestId('new-fingerprint')).toHaveAttribute('title', sim.server.fingerprint256);
  await expect(changed.getByRole('button', { name: 'Copy the whole fingerprint' })).toHaveCount(2);

  // Kept blocked: the dialog closes, the card says so, and polling trusts nothing by itself.
  await changed.getByRole('button', { name: 'Keep it blocked' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  const blocked = row.getByTestId('certificate-blocked');
  await expect(blocked).toContainText('Blocked: its certificate has changed');
  await harness.core.handlers['appliances:refresh']();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  const kept = (await harness.core.handlers['appliances:list']()).find((a) => a.name === 'SPP second')!;
  expect(kept.certificateFingerprint).toBe(oldFingerprint);

  await blocked.getByRole('button', { name: 'Compare the certificates' }).click();
  await changed.getByRole('button', { name: 'Trust the new certificate' }).click();
  await expect(row.getByText('The new certificate is trusted.')).toBeVisible();
  await expect(changed).toHaveCount(0);
  await expect(blocked).toHaveCount(0);
  await expect(app.getByTestId('certificate-blocked')).toHaveCount(1);
  // The edit form never shows the stored password.
  await row.getByRole('button', { name: 'Edit SPP second' }).click();
  await expect(app.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(app.getByText('Saved in keychain. Leave empty to keep it')).toBeVisible();
});
