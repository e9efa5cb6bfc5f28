/** The jobs view says what the history strip's bars mean: colour, shape, height and the hollow bar. */
import type { Locator } from '@playwright/test';
import { seriousViolations } from './axe-check.js';
import { fitFaults } from './fit-check.js';
import { expect, startBusyDemo, test } from './fixtures.js';

// The demo stands still: no run starts or ends while the legend is compared with the strips.
const STILL = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => STILL } } });

const paint = (path: Locator) =>
  path.evaluate((el) => {
    const style = getComputedStyle(el);
    return { fill: style.fill, stroke: style.stroke };
  });

test('a legend for the history strip opens from the keyboard and draws the bars as the strips do', async ({ app, harness }) => {
  // axe reads every row of the list: slow on a shared machine.
  test.setTimeout(180_000);
  await app.setViewportSize({ width: 1100, height: 720 });
  await startBusyDemo(app, harness);
  await app.getByRole('button', { name: 'Jobs', exact: true }).click();
  const legend = app.getByTestId('history-legend');
  const summary = legend.getByText('What the bars mean');
  await expect(summary).toBeVisible();
  // Closed, it is one quiet line: the list keeps the room.
  await expect(legend.getByRole('list')).toBeHidden();
  expect(await fitFaults(app)).toEqual([]);

  await summary.focus();
  await app.keyboard.press('Enter');
  const items = legend.getByRole('listitem');
  await expect(items).toHaveText([
    /^\s*succeeded/,
    /^\s*warning/,
    /^\s*failed/,
    /^\s*canceled or unknown/,
    /^\s*running now \(hollow\)/,
    /^\s*height: /,
  ]);

  // Each sample is painted as the strips paint that kind of run; the running one is hollow.
  const strips = app.getByTestId('history-strip');
  for (const kind of ['succeeded', 'warning', 'failed', 'running']) {
    const inStrip = strips.locator(`path.strip-${kind}`).first();
    await expect(inStrip).toBeAttached();
    expect(await paint(legend.locator(`path.strip-${kind}`).first()), kind).toEqual(await paint(inStrip));
  }
  expect((await paint(legend.locator('path.strip-running'))).fill).toBe('none');
  expect(await seriousViolations(app)).toEqual([]);
  expect(await fitFaults(app)).toEqual([]);
});
