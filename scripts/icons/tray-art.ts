/**
 * The ONE source of every Backwatch icon: per overall status a colour, a base shape and a glyph,
 * in unit coordinates (0..1), plus a tiny anti-aliasing rasteriser. Colour and glyph both differ
 * per state, so the tray reads without colour too. `npm run icons` writes the files.
 */
import { OVERALL_STATUSES, type OverallStatus } from '../../src-main/common/snapshot.js';
import { APP_ART } from './app-art.js';
import { encodeIco, encodePng, type RgbaImage } from './png.js';

export type Point = readonly [number, number];
type Rgb = readonly [number, number, number];

export type Shape =
  | { readonly kind: 'circle'; readonly center: Point; readonly radius: number }
  | { readonly kind: 'ring'; readonly center: Point; readonly radius: number; readonly width: number }
  /** A polyline drawn with round caps and joins. */
  | { readonly kind: 'stroke'; readonly points: readonly Point[]; readonly width: number }
  | { readonly kind: 'polygon'; readonly points: readonly Point[] };

export interface IconArt {
  readonly colour: Rgb;
  readonly base: Shape;
  readonly glyph: readonly Shape[];
}

const DISC: Shape = { kind: 'circle', center: [0.5, 0.5], radius: 0.47 };
const LINE = 0.15;

export const TRAY_ART: Readonly<Record<OverallStatus, IconArt>> = {
  // ✕ on red
  failed: {
    colour: [0xd9, 0x2d, 0x20],
    base: DISC,
    glyph: [
      {
        kind: 'stroke',
        points: [
          [0.32, 0.32],
          [0.68, 0.68],
        ],
        width: LINE,
      },
      {
        kind: 'stroke',
        points: [
          [0.68, 0.32],
          [0.32, 0.68],
        ],
        width: LINE,
      },
    ],
  },
  // clock hands on dark red: no successful backup within the RPO (red like a failure, its own mark)
  at_risk: {
    colour: [0x9c, 0x10, 0x30],
    base: DISC,
    glyph: [
      {
        kind: 'stroke',
        points: [
          [0.5, 0.24],
          [0.5, 0.52],
          [0.72, 0.64],
        ],
        width: LINE,
      },
    ],
  },
  // ! on magenta
  appliance_problem: {
    colour: [0xa9, 0x25, 0xc4],
    base: DISC,
    glyph: [
      {
        kind: 'stroke',
        points: [
          [0.5, 0.22],
          [0.5, 0.55],
        ],
        width: 0.16,
      },
      { kind: 'circle', center: [0.5, 0.75], radius: 0.09 },
    ],
  },
  // ▲ on amber
  warning: {
    colour: [0xf0, 0x8c, 0x00],
    base: DISC,
    glyph: [
      {
        kind: 'polygon',
        points: [
          [0.5, 0.2],
          [0.8, 0.74],
          [0.2, 0.74],
        ],
      },
    ],
  },
  // a spanner on indigo: a maintenance window is open for what shows it
  maintenance: {
    colour: [0x4a, 0x3f, 0xa8],
    base: DISC,
    glyph: [
      {
        kind: 'stroke',
        points: [
          [0.28, 0.72],
          [0.55, 0.45],
        ],
        width: LINE,
      },
      { kind: 'ring', center: [0.63, 0.37], radius: 0.13, width: 0.11 },
    ],
  },
  // ▶ on blue
  running: {
    colour: [0x15, 0x70, 0xef],
    base: DISC,
    glyph: [
      {
        kind: 'polygon',
        points: [
          [0.38, 0.25],
          [0.77, 0.5],
          [0.38, 0.75],
        ],
      },
    ],
  },
  // ✓ on green
  ok: {
    colour: [0x12, 0x9a, 0x4a],
    base: DISC,
    glyph: [
      {
        kind: 'stroke',
        points: [
          [0.27, 0.52],
          [0.43, 0.68],
          [0.74, 0.34],
        ],
        width: LINE,
      },
    ],
  },
  // – in a grey ring (hollow: nothing is known yet)
  no_data: {
    colour: [0x80, 0x86, 0x90],
    base: { kind: 'ring', center: [0.5, 0.5], radius: 0.41, width: 0.12 },
    glyph: [
      {
        kind: 'stroke',
        points: [
          [0.33, 0.5],
          [0.67, 0.5],
        ],
        width: LINE,
      },
    ],
  },
};

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function insidePolygon(p: Point, points: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    const [xi, yi] = points[i] as Point;
    const [xj, yj] = points[j] as Point;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function contains(shape: Shape, p: Point): boolean {
  switch (shape.kind) {
    case 'circle':
      return Math.hypot(p[0] - shape.center[0], p[1] - shape.center[1]) <= shape.radius;
    case 'ring':
      return Math.abs(Math.hypot(p[0] - shape.center[0], p[1] - shape.center[1]) - shape.radius) <= shape.width / 2;
    case 'stroke':
      return shape.points.slice(1).some((b, i) => distanceToSegment(p, shape.points[i] as Point, b) <= shape.width / 2);
    case 'polygon':
      return insidePolygon(p, shape.points);
  }
}

/**
 * `colour`: the glyph is white on the coloured base (coloured where it leaves the base).
 * `template`: macOS template image, black plus alpha, the glyph cut out of the base.
 */
export type IconVariant = 'colour' | 'template';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** Sub-samples per pixel side: 4×4 gives smooth edges even at 16 px. */
const SUPERSAMPLE = 4;

function sampleColour(art: IconArt, variant: IconVariant, p: Point): Rgb | null {
  const inBase = contains(art.base, p);
  const inGlyph = art.glyph.some((g) => contains(g, p));
  if (inBase === inGlyph) return inBase && variant === 'colour' ? WHITE : null;
  return variant === 'colour' ? art.colour : BLACK;
}

/** Draws one icon at `size`×`size` pixels. */
export function rasterise(art: IconArt, size: number, variant: IconVariant): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let [r, g, b, covered] = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const c = sampleColour(art, variant, [(x + (sx + 0.5) / SUPERSAMPLE) / size, (y + (sy + 0.5) / SUPERSAMPLE) / size]);
          if (c === null) continue;
          [r, g, b, covered] = [r + c[0], g + c[1], b + c[2], covered + 1];
        }
      }
      const i = (y * size + x) * 4;
      if (covered > 0)
        data.set([Math.round(r / covered), Math.round(g / covered), Math.round(b / covered), Math.round((255 * covered) / samples)], i);
    }
  }
  return { width: size, height: size, data };
}

export interface IconFile {
  /** Path relative to the repository root. */
  readonly path: string;
  readonly data: Buffer;
}

/** Tray icon file name; Electron picks `@2x` up by itself and treats `…Template` as a macOS template. */
export function trayIconName(state: OverallStatus, variant: IconVariant, scale: 1 | 2): string {
  return `${state}${variant === 'template' ? 'Template' : ''}${scale === 2 ? '@2x' : ''}.png`;
}

export const TRAY_ICON_SIZE = 16;
export const APP_ICON_SIZE = 512;
export const ICO_SIZES = [16, 32, 48, 256] as const;
/** The Windows tray's sizes: 16 px at 100 % scaling, 20 at 125 %, 24 at 150 %, 32 at 200 %, 48 for larger. */
export const TRAY_ICO_SIZES = [16, 20, 24, 32, 48] as const;

/** The Windows tray icon of a state: one ICO holding every size, so Windows picks the sharp one for the display. */
export function trayIcoName(state: OverallStatus): string {
  return `${state}.ico`;
}

/** Every generated file: tray icons per state, variant and scale (and an ICO per state for Windows), the app PNG and ICO. */
export function iconFiles(): IconFile[] {
  const tray = OVERALL_STATUSES.flatMap((state) =>
    (['colour', 'template'] as const).flatMap((variant) =>
      ([1, 2] as const).map((scale) => ({
        path: `assets/tray/${trayIconName(state, variant, scale)}`,
        data: encodePng(rasterise(TRAY_ART[state], TRAY_ICON_SIZE * scale, variant)),
      })),
    ),
  );
  const trayIcos = OVERALL_STATUSES.map((state) => ({
    path: `assets/tray/${trayIcoName(state)}`,
    data: encodeIco(TRAY_ICO_SIZES.map((size) => ({ size, png: encodePng(rasterise(TRAY_ART[state], size, 'colour')) }))),
  }));
  const ico = encodeIco(ICO_SIZES.map((size) => ({ size, png: encodePng(rasterise(APP_ART, size, 'colour')) })));
  return [
    ...tray,
    ...trayIcos,
    { path: 'assets/icon.png', data: encodePng(rasterise(APP_ART, APP_ICON_SIZE, 'colour')) },
    { path: 'assets/icon.ico', data: ico },
  ];
}
