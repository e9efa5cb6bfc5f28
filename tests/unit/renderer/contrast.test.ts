import { describe, expect, it } from 'vitest';
import { contrastRatio, parseRgb, relativeLuminance } from '../../support/contrast.js';

describe('WCAG contrast', () => {
  it('gives the extremes and the known mid-grey figures', () => {
    expect(relativeLuminance([255, 255, 255])).toBe(1);
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBe(21);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 is the first that fails.
    expect(contrastRatio([0x76, 0x76, 0x76], [255, 255, 255])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio([0x77, 0x77, 0x77], [255, 255, 255])).toBeLessThan(4.5);
  });

  it('is symmetric', () => {
    expect(contrastRatio([198, 40, 40], [246, 247, 249])).toBeCloseTo(contrastRatio([246, 247, 249], [198, 40, 40]), 12);
  });

  it('reads the colours Chromium computes and refuses what has no contrast of its own', () => {
    expect(parseRgb('rgb(11, 87, 208)')).toEqual([11, 87, 208]);
    expect(parseRgb('rgba(1, 2, 3, 1)')).toEqual([1, 2, 3]);
    expect(() => parseRgb('rgba(0, 0, 0, 0)')).toThrow(/translucent/);
    expect(() => parseRgb('')).toThrow(/not an rgb/);
  });
});
