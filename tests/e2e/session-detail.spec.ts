import { expect, openRunningSessionPage, startDemoFromFirstRun, test } from './fixtures.js';

test.use({ harnessOptions: { demoOptions: { vendors: ['spp'] } } });

test('a running session’s detail: its overall bar is its one resource’s percent, its parts stand apart, its one-page log has no page buttons', async ({
  app,
  harness,
}) => {
  await startDemoFromFirstRun(app);
  const sim = harness.demoFleet()!.simulators[0]!;
  const job = sim.scenario.jobs().find((j) => j.resources.length === 1)!;
  sim.scenario.startRun(job.id, { endsInMs: 2 * 60_000 });
  await harness.core.handlers['appliances:refresh']();

  await openRunningSessionPage(app, job.name);

  const overall = app.getByRole('progressbar', { name: `Progress of ${job.name}` });
  const resource = app.getByRole('progressbar', { name: `Progress of ${job.resources[0]!}` });
  await expect(resource).toBeVisible();
  // The run moves on while the page is open: both bars are read at one moment, every 100 ms, until it has moved twice.
  const labels = [`Progress of ${job.name}`, `Progress of ${job.resources[0]!}`];
  const samples: (string | null | undefined)[][] = [];
  await expect
    .poll(
      async () => {
        samples.push(
          await app.evaluate(
            (names) =>
              names.map((label) => document.querySelector(`[role="progressbar"][aria-label="${label}"]`)?.getAttribute('aria-valuenow')),
            labels,
          ),
        );
        return new Set(samples.map(([, part]) => part)).size;
      },
      { timeout: 30_000, intervals: [100] },
    )
    .toBeGreaterThan(2);
  for (const [whole, part] of samples) {
    expect(part).toMatch(/^\d+$/);
    expect(whole).toBe(part);
  }
  await expect(overall).toHaveAttribute('aria-valuenow', /^\d+$/);

  // Each part of the page (facts, actions, resources, vendor details, log) stands apart from the next.
  const boxes = await app.getByTestId('detail-part').evaluateAll((parts) => parts.map((p) => p.getBoundingClientRect()));
  expect(boxes.length).toBeGreaterThanOrEqual(4);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top - boxes[i - 1]!.bottom).toBeGreaterThanOrEqual(16);

  // The log of a run this short fits one page: no page buttons.
  await app.getByRole('button', { name: 'Show the job log' }).click();
  await expect(app.getByRole('table').filter({ hasText: `Job ${job.name} started` })).toBeVisible();
  await expect(app.getByRole('navigation', { name: 'Job log pages' })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Next page' })).toHaveCount(0);
});
