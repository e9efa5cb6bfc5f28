/** The overview's appliance cards are dense: one line per fact at the default window, no word said twice. */
import type { Page } from '@playwright/test';
import { fitFaults } from './fit-check.js';
import { expect, startBusyDemo, test } from './fixtures.js';

const STILL = Date.now();
test.use({ harnessOptions: { demoOptions: { now: () => STILL } } });

/** The facts of the cards whose text runs over more than one line, with their text. */
function wrappedFacts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const facts = document.querySelectorAll('[data-testid="appliance-card"] :is(dd, li, header, p.muted)');
    return [...facts].flatMap((fact) => {
      // One line: every piece of its text shares a band of the same height (sizes may differ).
      let lowestTop = -Infinity;
      let highestBottom = Infinity;
      const walk = document.createTreeWalker(fact, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        if (!node.textContent?.trim() || node.parentElement?.closest('.visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width === 0) continue;
          lowestTop = Math.max(lowestTop, rect.top);
          highestBottom = Math.min(highestBottom, rect.bottom);
        }
      }
      return lowestTop >= highestBottom ? [(fact as HTMLElement).innerText.replace(/\s+/g, ' ')] : [];
    });
  });
}

test('appliance cards say one fact per line at 1100×720, and a problem’s kind once', async ({ app, harness }) => {
  await app.setViewportSize({ width: 1100, height: 720 });
  await startBusyDemo(app, harness);
  const cards = app.getByTestId('appliance-card');
  await expect(cards.first().getByRole('progressbar').first()).toBeVisible();
  expect(await wrappedFacts(app)).toEqual([]);

  const problems = cards.getByTestId('problem-job');
  expect(await problems.count()).toBeGreaterThan(0);
  for (const row of await problems.all()) {
    const kind = (await row.getAttribute('data-kind'))!.replace('_', ' ');
    const seen = await row.evaluate((el) =>
      [...el.querySelectorAll(':scope > :not(.visually-hidden)')].map((child) => (child as HTMLElement).innerText).join(' '),
    );
    // The glyph says the kind; the words may name it once (“failed 4 s ago”), never as a pill and again.
    expect(seen.toLowerCase().split(kind).length - 1, seen).toBeLessThanOrEqual(1);
  }
  expect(await fitFaults(app)).toEqual([]);
});
