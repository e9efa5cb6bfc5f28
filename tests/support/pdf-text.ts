/**
 * The text and page sizes of a PDF as Chromium (Skia) writes it, read without a PDF library:
 * Flate streams inflated with node:zlib, fonts as Type0 with Identity-H (two-byte glyph codes
 * in hex strings) and a ToUnicode CMap each, which turns the codes back into characters.
 * Enough to check what a printed page says; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream: Buffer | null;
}

/** Every numbered object: its dictionary text and its stream, inflated where Flate-encoded. */
function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = header.lastIndex;
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    const dict = text.slice(start, streamAt !== -1 && streamAt < end ? streamAt : end);
    let stream: Buffer | null = null;
    if (streamAt !== -1 && streamAt < end) {
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const from = streamAt + (text.startsWith('stream\r\n', streamAt) ? 8 : 7);
      const raw = pdf.subarray(from, from + length);
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

/** A ToUnicode CMap's code → text, from its bfchar and bfrange sections. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, unicode] of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(code!, 16), utf16(unicode!));
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, low, high, first] of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const base = parseInt(first!, 16);
      for (let code = parseInt(low!, 16); code <= parseInt(high!, 16); code += 1)
        map.set(code, String.fromCharCode(base + code - parseInt(low!, 16)));
    }
  return map;
}

export interface PdfPage {
  /** Width and height in points (1/72 in). */
  readonly size: readonly [number, number];
  /** The page's text: runs in drawing order, each text object on a line of its own. */
  readonly text: string;
}

/** One page's text: each font's codes (`/Fn size Tf`, then `<hex> Tj` or `[<hex> …] TJ`) through its CMap. */
function pageText(content: string, fonts: ReadonlyMap<string, Map<number, string>>): string {
  let font = new Map<number, string>();
  let text = '';
  for (const [, name, hex, end] of content.matchAll(/\/([\w.]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\b(ET)\b/g)) {
    if (name !== undefined) font = fonts.get(name) ?? new Map();
    else if (hex !== undefined) text += (hex.match(/.{4}/g) ?? []).map((code) => font.get(parseInt(code, 16)) ?? '\uFFFD').join('');
    else if (end !== undefined) text += '\n';
  }
  return text;
}

/** The pages of a PDF in document order, with their size and text. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const objects = pdfObjects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const cmaps = new Map<number, Map<number, string>>();
  for (const [number, { dict }] of objects) {
    const cmap = objects.get(ref(dict, 'ToUnicode'))?.stream;
    if (dict.includes('/Type /Font') && cmap) cmaps.set(number, toUnicode(cmap.toString('latin1')));
  }
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b(?!s)/.test(o.dict));
  return pages.map(({ dict }) => {
    const fontDict = /\/Font <<([^>]*)>>/.exec(dict)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/([\w.]+) (\d+) 0 R/g)].map(([, name, n]) => [name!, cmaps.get(Number(n)) ?? new Map()]));
    const box = /\/MediaBox \[([^\]]+)\]/.exec(dict)![1]!.trim().split(/\s+/).map(Number);
    const content = objects.get(ref(dict, 'Contents'))?.stream?.toString('latin1') ?? '';
    return { size: [box[2]! - box[0]!, box[3]! - box[1]!] as const, text: pageText(content, fonts) };
  });
}
