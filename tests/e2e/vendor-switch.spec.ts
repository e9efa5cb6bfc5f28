import { vendorLabel } from '../../src-main/common/vendors/index.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test('the form asks for each product’s own options, and offers the product an address answers like', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const fleet = harness.demoFleet()!.simulators;
  const sim = fleet[0]!;
  const other = fleet[1]!.appliance.vendor;
  const { appliance } = sim;

  await app.getByRole('button', { name: 'Appliances', exact: true }).click();
  await app.getByRole('button', { name: 'Add appliance' }).click();
  // Each product brings its port and its options.
  await app.getByLabel('Product').selectOption('vbr');
  await expect(app.getByTestId('port-hint')).toHaveText(
    'Veeam Backup & Replication answers on port 9419 unless the address names another.',
  );
  await expect(app.getByLabel('REST API revision (x-api-version)')).toHaveAttribute('placeholder', /1\.1-rev0/);
  await app.getByLabel('Product').selectOption('vcsa');
  await expect(app.getByLabel('API style')).toBeVisible();
  await expect(app.getByLabel('REST API revision (x-api-version)')).toHaveCount(0);

  await app.getByLabel('Name', { exact: true }).fill('Backup server');
  await app.getByLabel('Product').selectOption(other);
  await app.getByLabel('Address').fill(appliance.baseUrl);
  await app.getByLabel('User name').fill(appliance.username);
  await app.getByLabel('Password', { exact: true }).fill(appliance.password);
  await app.getByRole('button', { name: 'Test and save' }).click();
  await app.getByTestId('certificate-step').getByRole('button', { name: 'Trust this certificate' }).click();

  const failed = app.getByRole('dialog', { name: 'The connection test failed' });
  await expect(failed.getByRole('alert')).toContainText(
    `This address answers like ${vendorLabel(appliance.vendor)}, not ${vendorLabel(other)}.`,
  );
  await failed.getByRole('button', { name: `Use ${vendorLabel(appliance.vendor)}` }).click();
  await expect(app.getByText('Backup server is saved; its password is saved in the keychain.')).toBeVisible();
  const saved = (await harness.core.handlers['appliances:list']()).find((a) => a.name === 'Backup server')!;
  expect(saved.vendor).toBe(appliance.vendor);
});

test('a session’s detail shows the fields its product declares, and no other product’s', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const names = Object.fromEntries(harness.demoFleet()!.simulators.map((s) => [s.appliance.vendor, s.appliance.name]));
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  const open = async (vendor: string) => {
    await app.getByLabel('Appliance', { exact: true }).selectOption({ label: names[vendor]! });
    await app.getByTestId('session-row').first().click();
    await expect(app.getByRole('button', { name: '← Back to sessions' })).toBeVisible();
  };
  await open('vb365');
  await expect(app.getByRole('heading', { name: 'Statistics' })).toBeVisible();
  await expect(app.getByText('Processing rate')).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Tasks' })).toHaveCount(0);
  await app.getByRole('button', { name: '← Back to sessions' }).click();
  await open('vcsa');
  await expect(app.getByRole('heading', { name: 'Backup', exact: true })).toBeVisible();
  await expect(app.getByText('Location')).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Statistics' })).toHaveCount(0);
});
