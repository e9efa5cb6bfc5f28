import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test('a mute and a setting changed elsewhere show in the open Settings at once, muted jobs by name', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByText('No job is muted.', { exact: false })).toBeVisible();

  const appliance = (await harness.core.handlers['appliances:list']()).find((a) => a.vendor === 'spp')!;
  const job = harness
    .demoFleet()!
    .simulators.find((s) => s.appliance.vendor === 'spp')!
    .scenario.jobs()[0]!;
  await harness.core.handlers['appliances:refresh']();
  // Another window (or the tray) mutes a job and changes a setting.
  await harness.core.handlers['notifications:mute']({ applianceId: appliance.id, jobId: job.id, on: true });
  await harness.core.handlers['settings:update']({ pollIntervalSec: 120 });

  await expect(app.getByRole('button', { name: `Unmute ${job.name} — ${appliance.name}` })).toBeVisible();
  await expect(app.getByLabel('Poll every (seconds, while idle)')).toHaveValue('120');
});

test('the Settings value fields are all one width, aligned at the right of each group', async ({ app }) => {
  await startDemoFromFirstRun(app);
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const fields = app.locator('form label > input:not([type="checkbox"])');
  await expect(fields.first()).toBeVisible();
  const boxes = await fields.evaluateAll((inputs) => {
    const groups = [...document.querySelectorAll('fieldset')];
    return inputs.map((i) => {
      const r = i.getBoundingClientRect();
      return { width: r.width, right: r.right, group: groups.indexOf(i.closest('fieldset')!) };
    });
  });
  expect(boxes.length).toBeGreaterThanOrEqual(5);
  for (const { width } of boxes) expect(width).toBeCloseTo(boxes[0]!.width, 0);
  // Settings spreads its groups over the window's width; inside a group the fields end together.
  for (const box of boxes) {
    const first = boxes.find((b) => b.group === box.group)!;
    expect(box.right).toBeCloseTo(first.right, 0);
  }
});
