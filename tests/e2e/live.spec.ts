import type { Page } from '@playwright/test';
import type { Harness } from '../../src-main/harness/harness.js';
import { expect, recordedState, startDemoFromFirstRun, test } from './fixtures.js';

/** The demo SPP scenario and one of its jobs, to drive runs by hand. */
function sppScenario(harness: Harness) {
  const sim = harness.demoFleet()?.simulators.find((s) => s.appliance.vendor === 'spp');
  if (!sim) throw new Error('the demo fleet has no SPP simulator');
  return sim.scenario;
}

async function startDemo(app: Page, harness: Harness) {
  await startDemoFromFirstRun(app);
  await harness.core.handlers['appliances:refresh']();
  return sppScenario(harness);
}

test('a running session’s progress bar advances as polls arrive', async ({ app, harness }) => {
  const scenario = await startDemo(app, harness);
  const job = scenario.jobs()[0]!;
  scenario.startRun(job.id);
  scenario.advance(2_000);
  await harness.core.handlers['appliances:refresh']();

  const bar = app.getByRole('progressbar', { name: `Progress of ${job.name}` }).first();
  await expect(bar).toBeVisible();
  const before = Number(await bar.getAttribute('aria-valuenow'));
  scenario.advance(Math.round(job.durationMs / 2));
  await harness.core.handlers['appliances:refresh']();
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
  await expect(bar).toHaveAttribute('aria-valuetext', /%/);
});

test('a failing session turns the list, the overview and the tray red, with one notification', async ({ app, harness }) => {
  const scenario = await startDemo(app, harness);
  // Every job succeeds once, so the only red afterwards is the failure this test causes.
  for (const job of scenario.jobs()) scenario.finishRun(scenario.startRun(job.id).id, 'succeeded');
  await harness.core.handlers['appliances:refresh']();
  await expect(app.getByTestId('overall-status')).not.toContainText('Backup failed');
  expect((await recordedState(app, harness)).tray.icon).not.toBe('failed');
  const noticesBefore = (await recordedState(app, harness)).notifications.length;

  // A second later, so the failure is the newest session beyond doubt (SPP gives some starts in whole seconds).
  scenario.advance(1_000);
  const job = scenario.jobs()[0]!;
  const run = scenario.startRun(job.id);
  await harness.core.handlers['appliances:refresh']();
  scenario.finishRun(run.id, 'failed');
  await harness.core.handlers['appliances:refresh']();

  await expect(app.getByTestId('overall-status')).toContainText('Backup failed');
  await expect(app.getByTestId('appliance-card').first()).toHaveAttribute('data-status', 'failed');
  await expect(app.getByRole('button', { name: `Backup failed: ${job.name}` })).toBeVisible();
  await expect(app).toHaveTitle(/^Backup failed/);

  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  await expect(app.getByTestId('session-row').first()).toHaveAttribute('data-status', 'failed');
  await expect(app.getByTestId('session-row').first()).toContainText(job.name);

  const state = await recordedState(app, harness);
  expect(state.tray.icon).toBe('failed');
  const added = state.notifications.slice(noticesBefore);
  expect(added).toHaveLength(1);
  expect(added[0]!.kind).toBe('session_failed');
});

test('acknowledging a failure clears the red for a day, until the job fails again', async ({ app, harness }) => {
  const scenario = await startDemo(app, harness);
  for (const job of scenario.jobs()) scenario.finishRun(scenario.startRun(job.id).id, 'succeeded');
  // A second later, so the failure is the job's last run beyond doubt (SPP gives some starts in whole seconds).
  scenario.advance(1_000);
  const job = scenario.jobs()[1]!;
  scenario.finishRun(scenario.startRun(job.id).id, 'failed');
  await harness.core.handlers['appliances:refresh']();
  await expect(app.getByTestId('overall-status')).toContainText('Backup failed');

  await app.getByRole('button', { name: `Backup failed: ${job.name}` }).click();
  await app.getByLabel('Acknowledge or mute').selectOption({ label: 'for 1 day' });
  await app.getByRole('button', { name: 'Acknowledge this failure' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Acknowledged for 1 day' })).toBeVisible();
  await expect(app.getByTestId('overall-status')).not.toContainText('Backup failed');
  expect((await recordedState(app, harness)).tray.icon).not.toBe('failed');
  const [ack] = Object.values((await harness.core.handlers['settings:get']()).acknowledged);
  expect(Date.parse(ack!.until!) - Date.now()).toBeGreaterThan(23 * 3_600_000);

  // The next failure of the same job is red again.
  scenario.finishRun(scenario.startRun(job.id).id, 'failed');
  await harness.core.handlers['appliances:refresh']();
  await expect(app.getByTestId('overall-status')).toContainText('Backup failed');
});
