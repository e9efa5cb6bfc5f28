import type { Page } from '@playwright/test';
import type { Harness } from '../../src-main/harness/harness.js';
import { expect, recordedState, startDemoFromFirstRun, test } from './fixtures.js';

/** How far Backwatch's clock runs ahead of the demo appliances': time passing without waiting for it. */
let aheadMs = 0;
// SPP alone: the full demo fleet has a job at risk of its own, and these tests want theirs to be the only one.
test.use({ harnessOptions: { now: () => Date.now() + aheadMs, demoOptions: { now: () => Date.now(), vendors: ['spp'] } } });
test.beforeEach(() => {
  aheadMs = 0;
});

async function sppWithFreshSuccesses(app: Page, harness: Harness) {
  await startDemoFromFirstRun(app);
  const sim = harness.demoFleet()?.simulators.find((s) => s.appliance.vendor === 'spp');
  if (!sim) throw new Error('the demo fleet has no SPP simulator');
  // The demo opens with runs under way: they end too, so only this test's runs count.
  for (const run of sim.scenario.activeSessions()) sim.scenario.finishRun(run.id, 'succeeded');
  for (const job of sim.scenario.jobs()) sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'succeeded');
  await harness.core.handlers['appliances:refresh']();
  const appliance = (await harness.core.handlers['appliances:list']()).find((a) => a.vendor === 'spp')!;
  return { scenario: sim.scenario, appliance };
}

test('a job without a success within its RPO turns the tray red in its own words; acknowledging the breach clears it', async ({
  app,
  harness,
}) => {
  const { scenario, appliance } = await sppWithFreshSuccesses(app, harness);
  const job = scenario.jobs()[0]!;
  expect(await harness.core.handlers['jobs:set-rpo']({ applianceId: appliance.id, jobId: job.id, rpoSec: 300 })).toMatchObject({
    ok: true,
  });
  await expect(app.getByTestId('overall-status')).not.toContainText('at risk');

  aheadMs = 10 * 60_000;
  await harness.core.handlers['appliances:refresh']();
  await expect(app.getByTestId('overall-status')).toContainText('Backups at risk');
  const card = app.getByTestId('appliance-card').filter({ hasText: appliance.name });
  const atRisk = card.getByTestId('problem-job').filter({ hasText: job.name });
  await expect(atRisk).toHaveAttribute('data-kind', 'at_risk');
  // The window reads its own clock, which this test does not move: the age is the tray's to check.
  await expect(atRisk).toContainText(/last success .*, RPO 5 min/);
  await expect(card.getByTestId('protection')).toContainText('1 at risk');
  const tray = (await recordedState(app, harness)).tray;
  expect(tray.icon).toBe('at_risk');
  // The demo's ten minutes may have started another of its runs: the tooltip then says so first.
  expect(tray.tooltip).toMatch(
    new RegExp(`${appliance.name}: (?:\\d+ running, )?1 at risk — ${job.name}, last success \\d+ min ago, RPO 5 min`),
  );

  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  await app.getByTestId('session-row').filter({ hasText: job.name }).first().click();
  await expect(app.getByTestId('rpo-breach')).toContainText('RPO 5 min');
  await app.getByRole('button', { name: 'Acknowledge the RPO breach' }).click();
  await expect(app.getByTestId('overall-status')).not.toContainText('at risk');
  expect((await recordedState(app, harness)).tray.icon).not.toBe('at_risk');
});

test('a job’s own RPO is set from its session page, and Settings sets the global RPO', async ({ app, harness }) => {
  const { scenario, appliance } = await sppWithFreshSuccesses(app, harness);
  const job = scenario.jobs()[1]!;
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  await app.getByTestId('session-row').filter({ hasText: job.name }).first().click();

  const rpo = app.getByRole('form', { name: `Recovery point objective of ${job.name}` });
  await rpo.getByRole('textbox').fill('a fortnight');
  await rpo.getByRole('button', { name: 'Set RPO' }).click();
  await expect(rpo.getByRole('alert')).toHaveText('The RPO is not a duration: write a number and a unit, e.g. 12h, 90m, 2d, or off.');
  await rpo.getByRole('textbox').fill('12h');
  await rpo.getByRole('button', { name: 'Set RPO' }).click();
  await expect(rpo.getByRole('status')).toHaveText('RPO of this job: 12 h.');
  const key = `${appliance.id}/${job.id}`;
  expect((await harness.core.handlers['settings:get']()).jobRpo[key]).toEqual({ rpoSec: 12 * 3600 });
  await rpo.getByRole('button', { name: 'Use the default RPO' }).click();
  await expect(rpo.getByRole('status')).toHaveText('This job follows its default RPO again.');
  expect((await harness.core.handlers['settings:get']()).jobRpo[key]).toBeUndefined();

  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const field = app.getByLabel(/Recovery point objective/);
  await expect(field).toHaveValue('26h');
  await field.fill('2d');
  await app.getByLabel('A backup that ended with warnings does not count as protection').check();
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await harness.core.handlers['settings:get']()).toMatchObject({ rpoSec: 2 * 86_400, warningsAreUnprotected: true });
});
