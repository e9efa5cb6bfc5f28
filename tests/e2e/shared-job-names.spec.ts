import { startDemoSimulator } from '../../src-main/demo/fleet.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test.use({ harnessOptions: { demoOptions: { vendors: ['spp'] } } });

test('with two appliances sharing job names, recent problems and the Job filter name the appliance', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  const demo = harness.demoFleet()!.simulators[0]!;
  // The same seed: the same jobs, by the same names, on a second appliance.
  const twin = await startDemoSimulator('spp');
  try {
    const added = await harness.core.handlers['appliances:add']({
      name: 'SPP lab',
      vendor: 'spp',
      baseUrl: twin.appliance.baseUrl,
      username: twin.appliance.username,
      password: twin.appliance.password,
      trustedFingerprint: twin.server.fingerprint256,
    });
    if (!added.ok) throw new Error(added.message);
    const labId = added.value.id;
    const job = demo.scenario.jobs()[0]!;
    expect(twin.scenario.jobs()[0]!.name).toBe(job.name);
    for (const sim of [demo, twin]) sim.scenario.finishRun(sim.scenario.startRun(job.id).id, 'failed');
    await harness.core.handlers['appliances:refresh']();

    // Recent problems: one line per appliance, each naming it.
    const problems = app.getByRole('heading', { name: 'Recent problems' }).locator('+ ul > li');
    await expect(problems.getByRole('button', { name: `Backup failed: ${job.name} — SPP lab`, exact: true })).toBeVisible();
    await expect(problems.getByRole('button', { name: `Backup failed: ${job.name} — ${demo.appliance.name}`, exact: true })).toBeVisible();
    const lines = await problems.allTextContents();
    expect(new Set(lines).size).toBe(lines.length);

    // The Job filter: the job once per appliance, named with it.
    await app.getByRole('button', { name: 'Sessions', exact: true }).click();
    const jobFilter = app.getByLabel('Job', { exact: true });
    const labels = (await jobFilter.locator('option').allTextContents()).map((l) => l.trim());
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((l) => l.startsWith(`${job.name} — `)).sort()).toEqual(
      [`${job.name} — ${demo.appliance.name}`, `${job.name} — SPP lab`].sort(),
    );
    await jobFilter.selectOption({ label: `${job.name} — SPP lab` });
    // The demo runs on: count again until the list and the core agree on one moment.
    await expect(async () => {
      const sessions = await harness.core.handlers['sessions:list']({ limit: 100_000 });
      const onLab = sessions.filter((s) => s.applianceId === labId && s.jobId === job.id).length;
      await expect(app.getByTestId('session-count')).toHaveText(`${onLab} of ${sessions.length} sessions`, { timeout: 2_000 });
    }).toPass();
    for (const row of await app.getByTestId('session-row').all()) await expect(row).toContainText(job.name);
  } finally {
    await twin.close();
  }
});
