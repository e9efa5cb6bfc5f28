/**
 * Every colour token meets WCAG AA in both themes, as Chromium computes it from the window's own
 * stylesheet: text 4.5:1 on each background it sits on, state indicators (icons, history bars,
 * the progress bar) and the edges of controls 3:1, and each icon's mark 3:1 on its fill. Light and dark define the same tokens.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { GLYPHS, MARK_TOKEN } from '../../src-renderer/lib/status-glyph.js';
import { contrastRatio, GRAPHIC_MIN, parseRgb, TEXT_MIN, type Rgb } from '../support/contrast.js';
import { expect, test } from './fixtures.js';

const stylesheet = readFileSync('src-renderer/app.css', 'utf8');

/** The colour tokens a block of the stylesheet sets (custom properties given a hex colour). */
function colourTokens(block: string | undefined): string[] {
  return [...(block ?? '').matchAll(/(--[\w-]+):\s*#/g)].map((m) => m[1]!).sort();
}

const lightTokens = colourTokens(/^:root \{([\s\S]*?)^\}/m.exec(stylesheet)?.[1]);
const darkTokens = colourTokens(/@media \(prefers-color-scheme: dark\) \{\s*:root \{([\s\S]*?)\}/.exec(stylesheet)?.[1]);
const stateTokens = lightTokens.filter((t) => t.startsWith('--state-') && t !== MARK_TOKEN);

const BACKGROUNDS = ['--bg', '--surface', '--row-hover'];
const TEXT = ['--text', '--muted', '--danger', '--accent'];

interface Pair {
  readonly fg: string;
  readonly bg: string;
  readonly min: number;
}

const cross = (fgs: readonly string[], bgs: readonly string[], min: number): Pair[] =>
  fgs.flatMap((fg) => bgs.map((bg) => ({ fg, bg, min })));

const PAIRS: readonly Pair[] = [
  ...cross(TEXT, BACKGROUNDS, TEXT_MIN),
  { fg: '--accent-text', bg: '--accent', min: TEXT_MIN },
  // The history strip's tooltip is drawn in inverted colours.
  { fg: '--bg', bg: '--text', min: TEXT_MIN },
  ...cross([...stateTokens, '--bar-fill', '--focus', '--control-border'], BACKGROUNDS, GRAPHIC_MIN),
  { fg: '--bar-fill', bg: '--bar-track', min: GRAPHIC_MIN },
  ...cross([MARK_TOKEN], stateTokens, GRAPHIC_MIN),
];

/** Each token's colour as the page computes it; fails on a token the stylesheet leaves unset. */
async function computedColours(page: Page, tokens: readonly string[]): Promise<Map<string, Rgb>> {
  const computed = await page.evaluate((names) => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const root = getComputedStyle(document.documentElement);
    const colours = names.map((name) => {
      probe.style.color = `var(${name})`;
      return [name, root.getPropertyValue(name).trim() === '' ? '' : getComputedStyle(probe).color] as const;
    });
    probe.remove();
    return colours;
  }, tokens);
  return new Map(computed.map(([name, css]) => [name, parseRgb(css)]));
}

test('light and dark themes define the same colour tokens, the states among them', () => {
  expect(lightTokens.length).toBeGreaterThan(10);
  expect(darkTokens).toEqual(lightTokens);
  expect(stateTokens).toEqual(expect.arrayContaining(Object.values(GLYPHS).map((g) => g.colorToken)));
});

test('every colour pair meets WCAG AA in the light and the dark theme', async ({ app }) => {
  const tokens = [...new Set(PAIRS.flatMap((p) => [p.fg, p.bg]))];
  const backgrounds: Rgb[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    const colours = await computedColours(app, tokens);
    backgrounds.push(colours.get('--bg')!);
    const failing = PAIRS.map((p) => ({ ...p, ratio: contrastRatio(colours.get(p.fg)!, colours.get(p.bg)!) }))
      .filter((p) => p.ratio < p.min)
      .map((p) => `${scheme}: ${p.fg} on ${p.bg} is ${p.ratio.toFixed(2)}:1, needs ${p.min}:1`);
    expect(failing).toEqual([]);
  }
  // The two passes really saw two themes.
  expect(backgrounds[0]).not.toEqual(backgrounds[1]);
});
