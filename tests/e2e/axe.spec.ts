import { seriousViolations } from './axe-check.js';
import { expect, openMachineIn, startDemoFromFirstRun, test } from './fixtures.js';

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations in any view (${scheme})`, async ({ app, harness }) => {
    // Thirteen views and pages, each checked whole: longer than one test's default minute on a busy machine.
    test.setTimeout(180_000);
    await app.emulateMedia({ colorScheme: scheme });
    const check = async (view: string) => expect(await seriousViolations(app), view).toEqual([]);
    await check('first run');
    await startDemoFromFirstRun(app);
    const scenario = harness.demoFleet()!.simulators[0]!.scenario;
    scenario.startRun(scenario.jobs()[0]!.id);
    scenario.advance(2_000);
    await harness.core.handlers['appliances:refresh']();
    await expect(app.getByRole('progressbar').first()).toBeVisible();
    await check('overview');

    await app.getByRole('button', { name: 'Jobs', exact: true }).click();
    await app.getByTestId('history-strip').first().focus();
    await expect(app.getByRole('tooltip')).toBeVisible();
    await check('jobs');
    await app.getByLabel('Group by appliance').check();
    await check('jobs grouped');
    await app.getByTestId('job-row').first().getByRole('button').first().click();
    await expect(app.getByTestId('job-chart').first()).toBeVisible();
    await check('job page');

    await app.getByRole('button', { name: 'Machines', exact: true }).click();
    await expect(app.getByTestId('machine-row').first()).toBeVisible();
    await app.getByTestId('exclusion-rules').getByText('Exclusion rules').click();
    await check('machines');
    await openMachineIn(app, 'Unprotected');
    await expect(app.getByRole('button', { name: 'Exclude this machine' })).toBeVisible();
    await check('machine page (unprotected)');
    await app.getByRole('button', { name: '← Back to machines' }).click();
    await openMachineIn(app, 'Protected');
    await expect(app.getByTestId('restore-point-row').first()).toBeVisible();
    await check('machine page (protected)');

    await app.getByRole('button', { name: 'Sessions', exact: true }).click();
    await expect(app.getByTestId('session-row').first()).toBeVisible();
    await check('sessions');
    await app.getByTestId('session-row').first().click();
    await app.getByRole('button', { name: 'Show the job log' }).click();
    await expect(app.getByRole('table').last()).toBeVisible();
    await check('session detail');

    await app.getByRole('button', { name: 'Reports', exact: true }).click();
    await expect(app.getByTestId('report-row').first()).toBeVisible();
    await expect(app.getByTestId('machine-report-row').first()).toBeVisible();
    await check('reports');

    await app.getByRole('button', { name: 'Appliances', exact: true }).click();
    await check('appliances');
    await app.getByRole('button', { name: 'Add appliance' }).click();
    await check('add appliance');
    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
    await check('settings');
  });
}
