/**
 * The window's look comes from one place: colours, spacing, type sizes and radii are custom
 * properties defined in src-renderer/app.css, and the components only name them. A colour literal
 * or a stray rem/px spacing in a component fails here, and so does a token no stylesheet defines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const STYLESHEET = 'src-renderer/app.css';

function rendererFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return rendererFiles(full);
    return /\.(svelte|ts|css)$/.test(entry.name) ? [full] : [];
  });
}

const files = rendererFiles('src-renderer').map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const components = files.filter((f) => f.file.endsWith('.svelte'));

/** Lines of `text` matching `pattern`, as `file:line: text`. */
function offending(file: string, text: string, pattern: RegExp): string[] {
  return text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** A component's <style> blocks, with the other lines blanked so line numbers stay right. */
function styleOnly(text: string): string {
  let inStyle = false;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('<style')) inStyle = true;
      else if (line.startsWith('</style')) inStyle = false;
      else if (inStyle) return line;
      return '';
    })
    .join('\n');
}

describe('design tokens', () => {
  it('keeps colour literals in the stylesheet', () => {
    const literal = /(?<!&)#[0-9a-f]{3,8}\b(?![\w-])|\b(?:rgba?|hsla?)\(/i;
    const found = files
      .filter((f) => f.file !== STYLESHEET)
      .flatMap((f) => offending(f.file, f.text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''), literal));
    expect(found).toEqual([]);
  });

  it('gives spacing, type sizes and radii from the scales, not as numbers', () => {
    const numeric =
      /(?<![\w-])(?:margin|padding|gap|row-gap|column-gap|font-size|border-radius)(?:-[a-z]+)*\s*:[^;}]*?(?<![\w.])\d*\.?\d+(?:px|rem|em)\b/;
    const found = components.flatMap((f) => offending(f.file, styleOnly(f.text), numeric));
    expect(found).toEqual([]);
  });

  it('names only custom properties that a stylesheet defines', () => {
    const defined = new Set(files.flatMap((f) => [...f.text.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1])));
    const named = files.flatMap((f) =>
      [...f.text.matchAll(/var\((--[\w-]+)|'(--[\w-]+)'/g)].map((m) => ({ file: f.file, token: (m[1] ?? m[2])! })),
    );
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((n) => !defined.has(n.token)).map((n) => `${n.file}: ${n.token}`)).toEqual([]);
  });
});
