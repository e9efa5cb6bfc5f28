/** The application icon's art, in the unit coordinates of tray-art.ts, which rasterises it. */
import type { IconArt, Point } from './tray-art.js';

/** Points along a circle's arc, for round-capped strokes (angles in degrees, clockwise from 12 o'clock). */
function arc(center: Point, radius: number, from: number, to: number, steps = 24): Point[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const angle = ((from + ((to - from) * i) / steps) * Math.PI) / 180;
    return [center[0] + radius * Math.sin(angle), center[1] - radius * Math.cos(angle)] as Point;
  });
}

/**
 * Backwatch's own mark, not a state: a history strip of three runs under an arrow that turns back
 * around them (backups, watched over time), white on Backwatch blue.
 */
export const APP_ART: IconArt = {
  colour: [0x1f, 0x4f, 0xa3],
  base: { kind: 'circle', center: [0.5, 0.5], radius: 0.47 },
  glyph: [
    { kind: 'stroke', points: arc([0.5, 0.5], 0.31, -140, 140), width: 0.075 },
    // The arrowhead at the arc's lower left end, pointing back around the circle.
    {
      kind: 'polygon',
      points: [
        [0.236, 0.814],
        [0.366, 0.66],
        [0.395, 0.82],
      ],
    },
    {
      kind: 'stroke',
      points: [
        [0.4, 0.6],
        [0.4, 0.5],
      ],
      width: 0.075,
    },
    {
      kind: 'stroke',
      points: [
        [0.5, 0.6],
        [0.5, 0.38],
      ],
      width: 0.075,
    },
    {
      kind: 'stroke',
      points: [
        [0.6, 0.6],
        [0.6, 0.45],
      ],
      width: 0.075,
    },
  ],
};
