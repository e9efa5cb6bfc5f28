import type { Page } from '@playwright/test';
import { OBJECT_STATES } from '../../src-main/common/protected-objects.js';
import type { Harness } from '../../src-main/harness/harness.js';
import { expect, startDemoFromFirstRun, test } from './fixtures.js';

// Tall enough for the virtualised list to draw the demo's machines the test looks for.
test.use({ viewport: { width: 1280, height: 1600 } });

/** Starts the demo and opens the Machines view once its machines are read. */
async function openMachines(app: Page, harness: Harness): Promise<void> {
  await startDemoFromFirstRun(app);
  await harness.core.handlers['appliances:refresh']();
  await app.getByRole('button', { name: 'Machines', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Machines', level: 1 })).toBeVisible();
  await expect(app.getByTestId('machine-row').first()).toBeVisible();
}

const rowOf = (app: Page, name: string) => app.getByTestId('machine-row').filter({ has: app.getByRole('button', { name, exact: true }) });

test('the Machines view lists the demo’s unprotected VMs first, says what each inventory covers, filters and searches', async ({
  app,
  harness,
}) => {
  await openMachines(app, harness);
  const { objects, counts, coverage } = await harness.core.handlers['objects:list']({ limit: 10_000 });
  const rows = app.getByTestId('machine-row');
  await expect(rows.first()).toHaveAttribute('data-state', 'unprotected');
  await expect(rowOf(app, 'web-old-01')).toHaveAttribute('data-state', 'unprotected');
  await expect(rowOf(app, 'web-old-01')).toContainText('In no backup');
  const drawn = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-state') ?? ''));
  const states = drawn.map((state) => OBJECT_STATES.indexOf(state as (typeof OBJECT_STATES)[number]));
  expect(states.every((rank) => rank >= 0)).toBe(true);
  expect(states).toEqual([...states].sort((a, b) => a - b));
  // One line per inventory, its figures as the core counts them, naming the first VMs in no backup.
  for (const { applianceName, counts: c } of coverage) {
    await expect(app.getByTestId('coverage')).toContainText(
      `${c.protected} of ${c.protected + c.at_risk + c.unprotected} VMs in ${applianceName}`,
    );
  }
  const firstUnprotected = objects.find((o) => o.state === 'unprotected' && o.inventory !== null)!;
  await expect(app.getByTestId('coverage')).toContainText(new RegExp(`; ${firstUnprotected.name}\\b.* in no backup`));

  // Every state keeps its chip, at zero too, so the chips never move.
  const chips = app.getByRole('group', { name: 'Show machines in these states' }).getByRole('button');
  await expect(chips).toHaveCount(OBJECT_STATES.length + 1);
  await expect(chips.filter({ hasText: /^Excluded/ })).toContainText(String(counts.excluded));
  await chips.filter({ hasText: /^Unprotected/ }).click();
  await expect(rows).toHaveCount(counts.unprotected);
  await chips.filter({ hasText: /^Unprotected/ }).click();
  await chips.filter({ hasText: /^Protected/ }).click();
  await expect(rows.first()).toHaveAttribute('data-state', 'protected');
  await app.getByRole('button', { name: 'All states' }).click();

  await app.getByLabel('Search machines').fill('WEB-OLD');
  await expect(rows).toHaveCount(1);
  await app.getByLabel('Search machines').fill('no machine is called this');
  await expect(app.getByText('No machine matches.')).toBeVisible();
  await expect(chips).toHaveCount(OBJECT_STATES.length + 1);
  await app.getByLabel('Search machines').fill('');
  await expect(app.getByTestId('machine-count')).toContainText(`${objects.length - counts.excluded} machines`);
});

test('a machine’s page shows its restore points and its jobs, and excludes it alone or by a name pattern until the rule is removed', async ({
  app,
  harness,
}) => {
  await openMachines(app, harness);
  const { objects } = await harness.core.handlers['objects:list']({ limit: 10_000 });
  const covered = objects.find((o) => o.state === 'protected' && o.backups.some((b) => b.jobs.length > 0))!;
  await app.getByLabel('Search machines').fill(covered.name);
  await rowOf(app, covered.name).getByRole('button').click();
  await expect(app.getByRole('heading', { name: covered.name, level: 1 })).toBeVisible();
  await expect(app.getByTestId('restore-point-row')).toHaveCount(covered.backups.length);
  // Its own RPO, set here, is the one it is judged against.
  const rpo = app.getByRole('form', { name: `Recovery point objective of ${covered.name}` });
  await rpo.getByLabel(/^RPO of this machine/).fill('12h');
  await rpo.getByRole('button', { name: 'Set RPO' }).click();
  await expect(rpo.getByRole('status')).toHaveText('RPO of this machine: 12 h.');
  await expect(app.getByText('12 h · its own')).toBeVisible();
  const job = covered.backups.find((b) => b.jobs.length > 0)!.jobs[0]!;
  await app.getByRole('button', { name: job.jobName, exact: true }).first().click();
  await expect(app.getByRole('heading', { name: job.jobName, level: 1 })).toBeVisible();

  // One machine excluded from its page: listed apart under "Excluded", counted, then back in play once the rule goes.
  await app.getByRole('button', { name: 'Machines', exact: true }).click();
  await app.getByLabel('Search machines').fill('web-old-01');
  await rowOf(app, 'web-old-01').getByRole('button').click();
  await expect(app.getByText('In no backup', { exact: false }).first()).toBeVisible();
  await app.getByRole('button', { name: 'Exclude this machine' }).click();
  await expect(app.getByRole('button', { name: 'Remove this exclusion' })).toBeVisible();
  await app.getByRole('button', { name: '← Back to machines' }).click();
  await expect(app.getByTestId('machine-group')).toContainText('1 machine');
  await expect(rowOf(app, 'web-old-01')).toHaveAttribute('data-state', 'excluded');
  await expect(app.getByTestId('machine-count')).toContainText('1 excluded');
  await expect(app.getByTestId('coverage')).toContainText('1 excluded');

  await app.getByTestId('exclusion-rules').getByText('Exclusion rules').click();
  await app.getByRole('button', { name: /^Remove the rule: The object web-old-01/ }).click();
  await expect(rowOf(app, 'web-old-01')).toHaveAttribute('data-state', 'unprotected');
  await expect(app.getByTestId('machine-group')).toHaveCount(0);

  // By a name pattern, on one appliance: every VM it matches there is left out.
  await app.getByLabel('Search machines').fill('test-07');
  await rowOf(app, 'test-07').getByRole('button').click();
  await app.getByLabel('Name pattern').fill('TEST-*');
  await app.getByLabel('Where').selectOption({ index: 1 });
  await app.getByRole('button', { name: 'Exclude by name pattern' }).click();
  await expect(app.getByText(/Left out by the rule: Name matches TEST-\* · on /)).toBeVisible();
  const rules = (await harness.core.handlers['settings:get']()).objectExclusions;
  expect(rules).toEqual([expect.objectContaining({ match: { kind: 'name', pattern: 'TEST-*' }, applianceId: expect.any(String) })]);
});
