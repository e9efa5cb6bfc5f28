/** What the window says when the machine has no keychain, or the config file was damaged. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SecretStore } from '../../src-main/core/secrets/secret-store.js';
import { startSppSimulator } from '../../src-main/demo/spp/spp-simulator.js';
import { NO_KEYCHAIN_HERE } from '../../src-renderer/lib/password-where.js';
import { expect, test } from './fixtures.js';

// What the core says, flags and D-Bus details included: the window says it in its own words.
const NO_KEYCHAIN_MESSAGE =
  'No OS keychain (Secret Service) is available: use --password-env VAR to read the password from an environment variable. (Cannot autolaunch D-Bus without X11 $DISPLAY)';
const noKeychain: SecretStore = {
  get: async () => null,
  set: async () => {
    throw new Error(NO_KEYCHAIN_MESSAGE);
  },
  delete: async () => {},
  availability: async () => ({ available: false, message: NO_KEYCHAIN_MESSAGE }),
};

test.describe('without an OS keychain', () => {
  test.use({ harnessOptions: { secrets: noKeychain } });

  test('the form says so and reads the password from an environment variable', async ({ app }) => {
    const sim = await startSppSimulator({ historySize: 20 });
    process.env.BACKWATCH_E2E_SPP_PASSWORD = sim.credentials.password;
    try {
      await app.getByRole('button', { name: 'Add appliance' }).click();
      await expect(app.getByTestId('no-keychain')).toHaveText(NO_KEYCHAIN_HERE);
      await expect(app.getByText(/--password-env|D-Bus/)).toHaveCount(0);
      await expect(app.getByLabel('Store it in the OS keychain')).toBeDisabled();
      await expect(app.getByLabel('Read it from an environment variable')).toBeChecked();
      await expect(app.getByLabel('Password', { exact: true })).toHaveCount(0);
      await app.getByLabel('Name', { exact: true }).fill('SPP env');
      await app.getByLabel('Address').fill(sim.url);
      await app.getByLabel('User name').fill(sim.credentials.username);
      await app.getByLabel('Variable name').fill('BACKWATCH_E2E_SPP_PASSWORD');
      await app.getByRole('button', { name: 'Test and save' }).click();
      await app.getByTestId('certificate-step').getByRole('button', { name: 'Trust this certificate' }).click();
      await expect(app.getByText('SPP env is saved; its password is read from $BACKWATCH_E2E_SPP_PASSWORD.')).toBeVisible();
      // Its card says where the password really is: this computer has no keychain.
      await expect(app.getByTestId('appliance-row').filter({ hasText: 'SPP env' })).toContainText(
        'Password: read from the environment variable BACKWATCH_E2E_SPP_PASSWORD',
      );
    } finally {
      delete process.env.BACKWATCH_E2E_SPP_PASSWORD;
      await sim.close();
    }
  });
});

test.describe('a keychain password on a computer without a keychain', () => {
  // The keytar store reads as it stores: every call says there is no keychain, in the CLI's words.
  const refuse = async (): Promise<never> => {
    throw new Error(NO_KEYCHAIN_MESSAGE);
  };
  const unreachable: SecretStore = { ...noKeychain, get: refuse, delete: refuse };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-e2e-keychainless-'));
  const appliance = {
    id: 'keychainless-appliance',
    name: 'SPP elsewhere',
    vendor: 'spp',
    baseUrl: 'https://127.0.0.1:9',
    username: 'admin',
    credential: { kind: 'keychain' },
  };
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, appliances: [appliance] }));
  test.use({ harnessOptions: { secrets: unreachable, configDir: dir } });

  test("is said in the window's words, never with flags or D-Bus", async ({ app }) => {
    const card = app.getByTestId('appliance-card').filter({ hasText: appliance.name });
    await expect(card).toContainText(`No password for appliance "${appliance.name}": ${NO_KEYCHAIN_HERE}`);
    await app.getByRole('button', { name: 'Appliances', exact: true }).click();
    await app.getByRole('button', { name: `Edit ${appliance.name}` }).click();
    await app.getByLabel('Password', { exact: true }).fill('typed here');
    await app.getByRole('button', { name: 'Test and save' }).click();
    await app.getByRole('dialog', { name: 'The connection test failed' }).getByRole('button', { name: 'Save anyway' }).click();
    await expect(app.getByTestId('editor-error')).toHaveText(NO_KEYCHAIN_HERE);
    await expect(app.getByText(/--password-env|D-Bus/)).toHaveCount(0);
  });
});

test.describe('a damaged config file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-e2e-corrupt-'));
  writeFileSync(path.join(dir, 'config.json'), '{"schemaVersion": 1, "appliances": [');
  test.use({ harnessOptions: { configDir: dir } });

  test('is kept aside, and the window says where', async ({ app }) => {
    const notices = app.getByTestId('startup-notices');
    await expect(notices).toContainText('config.json.corrupt-');
    await notices.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notices).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Try the demo fleet' })).toBeVisible();
  });
});
