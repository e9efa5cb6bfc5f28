import type { Page } from '@playwright/test';
import type { Notice } from '../../src-main/common/notification-policy.js';
import { DEMO_SKIPPED_VM } from '../../src-main/demo/vbr/vbr-demo.js';
import type { Harness } from '../../src-main/harness/harness.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import { expect, recordedState, startDemoFromFirstRun, test } from './fixtures.js';

test.use({ viewport: { width: 1280, height: 1600 } });

/** The demo with every machine notice on its own (no digest), its objects read. */
async function demoWithObjects(app: Page, harness: Harness): Promise<void> {
  await harness.core.handlers['settings:update']({ notifications: { ...DEFAULT_SETTINGS.notifications, digestThreshold: 100 } });
  await startDemoFromFirstRun(app);
  await harness.core.handlers['appliances:refresh']();
}

test('clicking a machine’s notice opens its page, where it can be acknowledged and stays counted', async ({ app, harness }) => {
  await demoWithObjects(app, harness);
  let notice: Notice | undefined;
  const told = async () =>
    (notice = (await recordedState(app, harness)).notifications.find((n) => n.title.startsWith(`${DEMO_SKIPPED_VM}:`)));
  await expect.poll(told).toBeDefined();
  expect(notice!.target).toMatchObject({ view: 'object' });
  harness.clickNotice(notice!);
  await expect(app.getByRole('heading', { name: DEMO_SKIPPED_VM, level: 1 })).toBeVisible();

  await app.getByRole('button', { name: 'Acknowledge this machine' }).click();
  await expect(app.getByTestId('acknowledged-words')).toContainText(
    `Acknowledged: ${DEMO_SKIPPED_VM} no longer turns Backwatch red while it stays as it is. It is still at risk`,
  );
  const summary = (await harness.core.snapshot()).objects!;
  expect(summary.acknowledged.at_risk).toBe(1);
  await expect
    .poll(async () => (await recordedState(app, harness)).tray.tooltip)
    .toContain(`${summary.counts.at_risk} machine${summary.counts.at_risk === 1 ? '' : 's'} at risk (`);
  await app.getByRole('button', { name: 'Machines', exact: true }).click();
  await app.getByLabel('Search machines').fill(DEMO_SKIPPED_VM);
  await expect(app.getByTestId('machine-row').first()).toContainText('acknowledged');

  await app.getByTestId('machine-row').first().getByRole('button', { name: DEMO_SKIPPED_VM, exact: true }).click();
  await app.getByRole('button', { name: 'Stop acknowledging' }).click();
  await expect(app.getByRole('button', { name: 'Acknowledge this machine' })).toBeVisible();
  expect((await harness.core.handlers['settings:get']()).objectAcknowledged).toEqual({});
});

test('a machine’s page excludes its folder, and the rule is listed with the machines and removed there', async ({ app, harness }) => {
  await demoWithObjects(app, harness);
  const { objects } = await harness.core.handlers['objects:list']({ states: ['unprotected'] });
  const machine = objects.find((o) => o.inventory?.folder)!;
  const folder = machine.inventory!.folder!;
  harness.clickNotice({ kind: 'object_breached', title: '', body: '', keys: [], target: { view: 'object', key: machine.key } });
  await expect(app.getByRole('heading', { name: machine.name, level: 1 })).toBeVisible();
  await app.getByRole('button', { name: `Exclude the folder ${folder}` }).click();
  await expect(app.getByText(/^Left out by the rule: /)).toBeVisible();
  expect((await harness.core.handlers['settings:get']()).objectExclusions).toEqual([
    expect.objectContaining({ applianceId: null, match: { kind: 'folder', folder } }),
  ]);
  await app.getByRole('button', { name: 'Machines', exact: true }).click();
  await app.getByTestId('exclusion-rules').getByText('Exclusion rules').click();
  await app.getByRole('button', { name: /^Remove the rule: / }).click();
  await expect(app.getByTestId('exclusion-rules')).toContainText('No rule leaves a machine out');
  expect((await harness.core.handlers['settings:get']()).objectExclusions).toEqual([]);
});
