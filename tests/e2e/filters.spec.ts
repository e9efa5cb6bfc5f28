import { expect, startDemoFromFirstRun, test } from './fixtures.js';

test('filters and free-text search narrow the session list', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  const rows = app.getByTestId('session-row');
  await expect(rows.first()).toBeVisible();
  const all = await harness.core.handlers['sessions:list']({ limit: 100_000 });
  await expect(app.getByTestId('session-count')).toHaveText(`${all.length} sessions`);

  // Status
  const succeeded = all.filter((s) => s.status === 'succeeded').length;
  await app.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await expect(app.getByTestId('session-count')).toHaveText(`${succeeded} of ${all.length} sessions`);
  for (const status of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) expect(status).toBe('succeeded');
  await app.getByLabel('Status', { exact: true }).selectOption('');

  // Free text: a job name, typed in lower case
  const target = all[0]!.jobName;
  const matching = all.filter((s) =>
    [s.jobName, s.message ?? '', s.vendorStatus, s.id, s.type ?? ''].join('\n').toLowerCase().includes(target.toLowerCase()),
  ).length;
  await app.getByLabel('Search').fill(target.toLowerCase());
  await expect(app.getByTestId('session-count')).toHaveText(`${matching} of ${all.length} sessions`);
  for (const text of await rows.allTextContents()) expect(text).toContain(target);

  // Job filter combined with the text: the same job keeps the same rows; an impossible text empties the list
  const first = all[0]!;
  const applianceName = (await harness.core.handlers['appliances:list']()).find((a) => a.id === first.applianceId)!.name;
  await app.getByLabel('Job', { exact: true }).selectOption({ label: `${target} — ${applianceName}` });
  const ofJob = all.filter((s) => s.applianceId === first.applianceId && s.jobId === first.jobId).length;
  await expect(app.getByTestId('session-count')).toHaveText(`${ofJob} of ${all.length} sessions`);
  await app.getByLabel('Search').fill('no such backup anywhere');
  await expect(app.getByText('No session matches.')).toBeVisible();

  // Sort by duration, ascending: the first row is the shortest run
  await app.getByLabel('Search').fill('');
  await app.getByLabel('Job', { exact: true }).selectOption('');
  await app.getByLabel('Sort by').selectOption('duration');
  await app.getByRole('button', { name: /switch to ascending/ }).click();
  const shortest = [...all].filter((s) => s.durationMs !== null).sort((a, b) => a.durationMs! - b.durationMs!)[0]!;
  await expect(rows.first()).toContainText(shortest.jobName);
});
