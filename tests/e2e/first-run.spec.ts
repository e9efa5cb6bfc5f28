import { VENDOR_INFOS } from '../../src-main/common/vendors/index.js';
import { expect, recordedState, startDemoFromFirstRun, test } from './fixtures.js';

test('first run offers the demo fleet, which then appears on the overview', async ({ app, harness }) => {
  await expect(app.getByRole('heading', { name: 'Welcome to Backwatch' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Add appliance' })).toBeVisible();
  // Every vendor Backwatch speaks to is named, as the registry lists them.
  const welcome = app.getByRole('region', { name: 'Welcome to Backwatch' });
  for (const info of VENDOR_INFOS) await expect(welcome).toContainText(info.label);
  expect((await recordedState(app, harness)).tray.icon).toBe('no_data');

  await startDemoFromFirstRun(app);
  const names = (await harness.core.handlers['appliances:list']()).map((a) => a.name);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) await expect(app.getByRole('heading', { name, level: 2 })).toBeVisible();
  // The first poll brings the history in: the sessions view lists it.
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  await expect(app.getByTestId('session-row').first()).toBeVisible();
});
