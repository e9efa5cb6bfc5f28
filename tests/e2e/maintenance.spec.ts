import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test('Settings adds, lists and removes a maintenance window, and a window added elsewhere shows at once', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByText('No maintenance window.')).toBeVisible();
  const appliance = (await harness.core.handlers['appliances:list']()).find((a) => a.vendor === 'spp')!;

  const form = app.getByRole('form', { name: 'Add a maintenance window' });
  await form.getByLabel('Window name').fill('Saturday patching');
  await form.getByLabel('Covers').selectOption({ label: appliance.name });
  await form.getByLabel('sun').check();
  await form.getByLabel('Starts at').fill('22:00');
  await form.getByLabel('Ends at').fill('04:00');
  await form.getByRole('button', { name: 'Add window' }).click();

  await expect(app.getByRole('button', { name: 'Remove Saturday patching' })).toBeVisible();
  await expect(app.getByText('sun,sat 22:00–04:00')).toBeVisible();
  expect((await harness.core.handlers['maintenance:list']()).map((w) => [w.label, w.scope, w.schedule])).toEqual([
    ['Saturday patching', { kind: 'appliance', applianceId: appliance.id }, { kind: 'weekly', days: [0, 6], start: '22:00', end: '04:00' }],
  ]);

  // A cron expression the services refuse is said in their words.
  await form.getByLabel('Window name').fill('Broken');
  await form.getByLabel('Repeats').selectOption({ label: 'Cron expression' });
  await form.getByLabel('Cron expression').fill('0 25 * * *');
  await form.getByRole('button', { name: 'Add window' }).click();
  await expect(app.getByRole('alert')).toContainText('The cron expression cannot be read');

  // The CLI or the team API adds one: it shows without a reload, open until its end.
  const now = Date.now();
  await harness.core.handlers['maintenance:add']({
    label: 'Firmware',
    scope: { kind: 'all' },
    schedule: { kind: 'once', fromMs: now - 60_000, toMs: now + 3_600_000 },
  });
  await expect(app.getByRole('button', { name: 'Remove Firmware' })).toBeVisible();
  await expect(app.getByText(/^open until /)).toBeVisible();

  await app.getByRole('button', { name: 'Remove Saturday patching' }).click();
  await expect(app.getByRole('button', { name: 'Remove Saturday patching' })).toHaveCount(0);
  expect((await harness.core.handlers['maintenance:list']()).map((w) => w.label)).toEqual(['Firmware']);

  await app.getByLabel('Notifications held in a window').selectOption('drop');
  await expect.poll(async () => (await harness.core.handlers['settings:get']()).maintenanceNotices).toBe('drop');
});
