/**
 * What "fits" means for the window, measured in the page as it is laid out: no text clipped
 * without an ellipsis, no ellipsis so narrow it leaves nothing to read, no truncated text without
 * its full wording on hover, and nothing that scrolls sideways.
 */
import type { Page } from '@playwright/test';

/** One line per fault: what is wrong, where, and the text concerned. */
export function fitFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults = new Set<string>();
    const SLACK = 1;
    const describe = (el: Element): string => {
      const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
      const classes = [...el.classList].filter((c) => !c.startsWith('svelte-')).join('.');
      return `${el.tagName.toLowerCase()}${classes ? `.${classes}` : ''}${testId ? ` in [${testId}]` : ''}`;
    };
    const snippet = (text: string | null): string => `«${(text ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}»`;
    const clipsX = (style: CSSStyleDeclaration) => style.overflowX !== 'visible';
    // Deliberately hidden text (screen-reader only, closed details) is no fault.
    const shown = (el: Element): boolean => {
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    };
    /** The text a person sees in `el`: words kept for screen readers only are left out. */
    const visibleText = (el: Element): string => {
      const texts: string[] = [];
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode())
        if (node.parentElement && shown(node.parentElement)) texts.push(node.textContent ?? '');
      return texts.join('').replace(/\s+/g, ' ').trim();
    };
    /** Whether text inside `el` takes part in the ellipsis of `clipper`: no box of its own stands between them. */
    const flowsInto = (el: Element, clipper: Element): boolean => {
      for (let node: Element | null = el; node && node !== clipper; node = node.parentElement) {
        if (getComputedStyle(node).display !== 'inline') return false;
      }
      return true;
    };

    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth + SLACK) faults.add(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);

    for (const el of document.querySelectorAll('body *')) {
      if (!shown(el)) continue;
      const style = getComputedStyle(el);
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (scrolls && el.scrollWidth > el.clientWidth + SLACK) {
        faults.add(`${describe(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
        continue;
      }
      if (!clipsX(style) || el.scrollWidth <= el.clientWidth + SLACK || !el.textContent?.trim()) continue;
      if (style.textOverflow !== 'ellipsis') continue; // judged per text below
      const fontSize = parseFloat(style.fontSize);
      const full = visibleText(el);
      if (el.clientWidth < 3 * fontSize) faults.add(`${describe(el)} is too narrow to read (${el.clientWidth}px): ${snippet(full)}`);
      const titled = el.closest('[title]')?.getAttribute('title') ?? '';
      const label = el.closest('[aria-label]')?.getAttribute('aria-label') ?? '';
      if (!titled.includes(full) && !label.includes(full))
        faults.add(`${describe(el)} is cut with no full text on hover: ${snippet(full)}`);
    }

    // Every run of text must lie inside whatever clips it, unless that box ends it with an ellipsis.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const parent = text.parentElement;
      if (!parent || !text.textContent?.trim() || !shown(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0) continue;
      for (let box: Element | null = parent; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (!clipsX(style)) continue;
        const edge = box.getBoundingClientRect();
        const inside = rect.left >= edge.left - SLACK && rect.right <= edge.right + SLACK;
        if (inside) continue;
        const ellipsis = style.textOverflow === 'ellipsis' && flowsInto(parent, box);
        const hidden = rect.left >= edge.right - SLACK || rect.right <= edge.left + SLACK;
        if (hidden) faults.add(`${describe(parent)} is hidden by ${describe(box)}: ${snippet(text.textContent)}`);
        else if (!ellipsis) faults.add(`${describe(parent)} is cut without an ellipsis by ${describe(box)}: ${snippet(text.textContent)}`);
        break;
      }
    }
    return [...faults];
  });
}
