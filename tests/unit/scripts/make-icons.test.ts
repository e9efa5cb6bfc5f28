import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OVERALL_STATUSES } from '../../../src-main/common/snapshot.js';
import { encodeIco, encodePng, PNG_SIGNATURE, type RgbaImage } from '../../../scripts/icons/png.js';
import { APP_ART } from '../../../scripts/icons/app-art.js';
import { ICO_SIZES, iconFiles, rasterise, TRAY_ART } from '../../../scripts/icons/tray-art.js';

/** An independent reader of what the encoder writes: checks every chunk's CRC and undoes filter 0. */
function decodePng(file: Buffer): RgbaImage & { chunks: string[] } {
  expect(file.subarray(0, 8)).toEqual(Buffer.from(PNG_SIGNATURE));
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    expect(file.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(file.subarray(at + 4, at + 8 + length)));
    chunks.push(type);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  expect([...header.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * 4 + 1));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)], 'filter type').toBe(0);
    data.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, data, chunks };
}

const mask = (image: RgbaImage) => Array.from({ length: image.width * image.height }, (_, i) => (image.data[i * 4 + 3] ?? 0) >= 128);
const differingPixels = (a: boolean[], b: boolean[]) => a.filter((v, i) => v !== b[i]).length;

describe('encodePng', () => {
  it('round-trips pixels through a valid PNG', () => {
    const data = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng({ width: 3, height: 2, data }));
    expect(decoded.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect(decoded.data).toEqual(data);
  });

  it('refuses pixel data that does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow(/does not match/);
    expect(() => encodePng({ width: 0, height: 2, data: new Uint8Array(0) })).toThrow(/size/);
  });
});

describe('encodeIco', () => {
  it('writes a directory of PNG entries with 256 stored as 0', () => {
    const pngs = ICO_SIZES.map((size) => ({ size, png: encodePng(rasterise(TRAY_ART.ok, size, 'colour')) }));
    const ico = encodeIco(pngs);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    pngs.forEach(({ size, png }, i) => {
      const entry = 6 + 16 * i;
      expect(ico.readUInt8(entry)).toBe(size === 256 ? 0 : size);
      expect(ico.readUInt16LE(entry + 6)).toBe(32);
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      expect(length).toBe(png.length);
      expect(decodePng(ico.subarray(offset, offset + length)).width).toBe(size);
    });
  });
});

describe('tray art', () => {
  it('gives every state its own shape: template alpha masks differ pairwise at 16 and 32 px', () => {
    for (const size of [16, 32]) {
      const masks = OVERALL_STATUSES.map((s) => mask(rasterise(TRAY_ART[s], size, 'template')));
      for (let i = 0; i < masks.length; i += 1) {
        for (let j = i + 1; j < masks.length; j += 1) {
          const diff = differingPixels(masks[i] as boolean[], masks[j] as boolean[]);
          // At least 5% of the pixels, so the difference survives a glance, not just one stray pixel.
          expect(diff, `${OVERALL_STATUSES[i]} vs ${OVERALL_STATUSES[j]} at ${size}px`).toBeGreaterThan(size * size * 0.05);
        }
      }
    }
  });

  it('gives every state its own colour', () => {
    const colours = new Set(OVERALL_STATUSES.map((s) => TRAY_ART[s].colour.join(',')));
    expect(colours.size).toBe(OVERALL_STATUSES.length);
    const [r, g, b] = TRAY_ART.failed.colour;
    expect(r).toBeGreaterThan(g + 100);
    expect(r).toBeGreaterThan(b + 100);
  });

  it('gives the app its own mark and colour, not a tray state’s', () => {
    const app = rasterise(APP_ART, 32, 'template').data;
    for (const state of OVERALL_STATUSES) {
      expect(APP_ART.colour).not.toEqual(TRAY_ART[state].colour);
      expect(Buffer.from(rasterise(TRAY_ART[state], 32, 'template').data).equals(Buffer.from(app))).toBe(false);
    }
  });

  it('draws template images in black and alpha only', () => {
    for (const state of OVERALL_STATUSES) {
      const { data } = rasterise(TRAY_ART[state], 32, 'template');
      for (let i = 0; i < data.length; i += 4) expect([data[i], data[i + 1], data[i + 2]]).toEqual([0, 0, 0]);
    }
  });
});

describe('generated assets', () => {
  const files = iconFiles();

  it('covers every state at 1x and @2x, colour and template, plus the app icons', () => {
    for (const state of OVERALL_STATUSES) {
      for (const name of [`${state}.png`, `${state}@2x.png`, `${state}Template.png`, `${state}Template@2x.png`]) {
        expect(files.map((f) => f.path)).toContain(`assets/tray/${name}`);
      }
      expect(decodePng(files.find((f) => f.path === `assets/tray/${state}@2x.png`)?.data ?? Buffer.alloc(0)).width).toBe(32);
    }
    expect(decodePng(files.find((f) => f.path === 'assets/icon.png')?.data ?? Buffer.alloc(0)).width).toBe(512);
  });

  it('gives the Windows tray one ICO per state holding 16, 20, 24, 32 and 48 px', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    for (const state of OVERALL_STATUSES) {
      const ico = readFileSync(join(root, 'assets', 'tray', `${state}.ico`));
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2)], `${state}.ico header`).toEqual([0, 1]);
      const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
        const entry = 6 + 16 * i;
        const [width, height] = [ico.readUInt8(entry), ico.readUInt8(entry + 1)];
        const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
        const image = decodePng(ico.subarray(offset, offset + length));
        expect([image.width, image.height], `${state}.ico entry ${i}`).toEqual([width, height]);
        return width;
      });
      expect(sizes, `${state}.ico`).toEqual([16, 20, 24, 32, 48]);
    }
  });

  it('matches the files in assets/ (run `npm run icons` after changing the art)', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    for (const file of files) expect(readFileSync(join(root, file.path)).equals(file.data), file.path).toBe(true);
  });
});
