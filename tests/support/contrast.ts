/**
 * WCAG 2.x contrast: relative luminance of an sRGB colour and the ratio between two colours
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). AA asks 4.5:1 for text, 3:1 for graphics.
 */

export type Rgb = readonly [number, number, number];

/** AA minimum for normal-size text. */
export const TEXT_MIN = 4.5;
/** AA minimum for the graphical parts of a UI (icons, bars, a badge's border). */
export const GRAPHIC_MIN = 3;

/** Parses a computed colour as Chromium reports it: `rgb(r, g, b)` or an opaque `rgba(...)`. */
export function parseRgb(css: string): Rgb {
  const match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(css.trim());
  if (!match) throw new Error(`not an rgb() colour: "${css}"`);
  if (match[4] !== undefined && Number(match[4]) !== 1) throw new Error(`a translucent colour has no contrast of its own: "${css}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
