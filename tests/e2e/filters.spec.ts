import type { Session } from '../../src-main/common/model.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

// The demo's clock stands still, so no run starts or ends while the counts below are compared.
const demoMoment = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => demoMoment } } });

test('filters and free-text search narrow the session list', async ({ app, harness }) => {
  await startDemoFromFirstRun(app);
  await app.getByRole('button', { name: 'Sessions', exact: true }).click();
  const rows = app.getByTestId('session-row');
  await expect(rows.first()).toBeVisible();
  const list = () => harness.core.handlers['sessions:list']({ limit: 100_000 });
  // The history's backfill may still add older runs: each count is checked against the list as it stands then.
  const countReads = async (expected: (all: readonly Session[]) => string) =>
    expect
      .poll(async () => {
        const wanted = expected(await list());
        return (await app.getByTestId('session-count').textContent())?.trim() === wanted ? wanted : "a count that is not the list's";
      })
      .not.toBe("a count that is not the list's");
  await countReads((all) => `${all.length} sessions`);

  // Status
  await app.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await countReads((all) => `${all.filter((s) => s.status === 'succeeded').length} of ${all.length} sessions`);
  for (const status of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) expect(status).toBe('succeeded');
  await app.getByLabel('Status', { exact: true }).selectOption('');

  // Free text: a job name, typed in lower case
  const first = (await list())[0]!;
  const target = first.jobName;
  const mentions = (s: Session) =>
    [s.jobName, s.message ?? '', s.vendorStatus, s.id, s.type ?? ''].join('\n').toLowerCase().includes(target.toLowerCase());
  await app.getByLabel('Search').fill(target.toLowerCase());
  await countReads((all) => `${all.filter(mentions).length} of ${all.length} sessions`);
  for (const text of await rows.allTextContents()) expect(text).toContain(target);

  // Job filter combined with the text: the same job keeps the same rows; an impossible text empties the list
  const applianceName = (await harness.core.handlers['appliances:list']()).find((a) => a.id === first.applianceId)!.name;
  await app.getByLabel('Job', { exact: true }).selectOption({ label: `${target} — ${applianceName}` });
  const ofJob = (s: Session) => s.applianceId === first.applianceId && s.jobId === first.jobId;
  await countReads((all) => `${all.filter(ofJob).length} of ${all.length} sessions`);
  await app.getByLabel('Search').fill('no such backup anywhere');
  await expect(app.getByText('No session matches.')).toBeVisible();

  // Sort by duration, ascending, among finished runs (a running one's duration grows while the test reads it):
  // the first row is a shortest run, checked against the list as it stands when the row is read.
  await app.getByLabel('Search').fill('');
  await app.getByLabel('Job', { exact: true }).selectOption('');
  await app.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await app.getByLabel('Sort by').selectOption('duration');
  await app.getByRole('button', { name: /switch to ascending/ }).click();
  await expect
    .poll(async () => {
      const finished = (await harness.core.handlers['sessions:list']({ limit: 100_000 })).filter(
        (s) => s.status === 'succeeded' && s.durationMs !== null,
      );
      const least = Math.min(...finished.map((s) => s.durationMs!));
      const shortestJobs = finished.filter((s) => s.durationMs === least).map((s) => s.jobName);
      const firstRow = (await rows.first().textContent()) ?? '';
      return shortestJobs.some((name) => firstRow.includes(name));
    })
    .toBe(true);
});
