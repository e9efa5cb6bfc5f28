/**
 * A vendor is a descriptor: outside its own folders and the three registries (one line each), no
 * source file of the app names a vendor's key or product. Comments count too, so a stray `'vb365'`
 * or "Veeam" anywhere fails this test whatever it is part of. The VBR state word the connector
 * filters by is known to vbr-status.ts alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../../src-main/common/vendors/index.js';

const ROOTS = ['src-main', 'src-renderer'];
const REGISTRIES = ['src-main/common/vendors/index.ts', 'src-main/core/connectors/registry.ts', 'src-main/demo/demo-registry.ts'];

/** A vendor's own places: its connector and simulator folders, and its pure descriptor folder. */
const ownPlaces = (vendor: string): string[] => [
  `src-main/core/connectors/${vendor}/`,
  `src-main/demo/${vendor}/`,
  `src-main/common/vendors/${vendor}/`,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : [full];
  });
}

/** The key as a word: `'vb365'`, `vb365:`, `./vb365/...`; not `vb3650` or `Vb365Version`. */
const keyPattern = (vendor: string) => new RegExp(`(?<![A-Za-z0-9_$])${vendor}(?![A-Za-z0-9_$])`);

/** Lines of `text` that name `vendor`, as `file:line: text`. */
function mentions(file: string, text: string, vendor: string): string[] {
  const pattern = keyPattern(vendor);
  return text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

const files = ROOTS.flatMap(sourceFiles);

/** Words of the products' names that only their vendors' places may write. */
const PRODUCT_WORDS = ['Spectrum Protect', 'Veeam', 'vCenter'];
const vendorPlace = (file: string) =>
  REGISTRIES.includes(file) || VENDORS.some((vendor) => ownPlaces(vendor).some((place) => file.startsWith(place)));

describe('vendor keys in the app source', () => {
  it('knows the four vendors', () => {
    expect([...VENDORS].sort()).toEqual(['spp', 'vb365', 'vbr', 'vcsa']);
  });

  it.each([...VENDORS])('"%s" appears only in its own folders and the registries', (vendor) => {
    const own = ownPlaces(vendor);
    const stray = files
      .filter((file) => !REGISTRIES.includes(file) && !own.some((place) => file === place || file.startsWith(place)))
      .flatMap((file) => mentions(file, readFileSync(file, 'utf8'), vendor));
    expect(stray).toEqual([]);
    // Its folders exist: the rule is not met by a vendor that lives nowhere.
    expect(files.some((file) => file.startsWith(own[0]!))).toBe(true);
    expect(files.some((file) => file.startsWith(own[1]!))).toBe(true);
    expect(files.some((file) => file.startsWith(own[2]!))).toBe(true);
  });

  it.each(REGISTRIES)('%s names each vendor on exactly one line', (registry) => {
    const text = readFileSync(registry, 'utf8');
    for (const vendor of VENDORS) expect(mentions(registry, text, vendor)).toHaveLength(1);
  });

  it('catches a stray key wherever it is written', () => {
    const samples = [`const v = 'vb365';`, `  vb365: () => 1,`, `// the vbr API`, `import x from './spp-thing.js';`, `vendor === "vcsa"`];
    for (const sample of samples) expect(VENDORS.some((vendor) => mentions('x.ts', sample, vendor).length > 0)).toBe(true);
    const innocent = [`import { Vb365Version } from 'y';`, `const vb3650 = 1;`, `const sppDescriptor = 1;`];
    for (const sample of innocent) expect(VENDORS.some((vendor) => mentions('x.ts', sample, vendor).length > 0)).toBe(false);
  });
});

describe('product names in the app source', () => {
  it.each(PRODUCT_WORDS)('"%s" appears only in a vendor\'s own folders and the registries', (word) => {
    const stray = files
      .filter((file) => !vendorPlace(file))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (line.includes(word) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(stray).toEqual([]);
  });

  it('leaves every vendor-specific field out of the domain model', () => {
    // Vendor details and vendor options are each vendor's own: its descriptor declares and reads them.
    const model = readFileSync('src-main/common/model.ts', 'utf8');
    const named = ['statistics', 'taskStatistics', 'apiStyle', 'sizeBytes', 'retryCount', 'bottleneck'].filter((field) =>
      new RegExp(`\\b${field}\\b`).test(model),
    );
    expect(named).toEqual([]);
  });

  it("leaves VBR's running state word to vbr-status.ts", () => {
    const knowing = files.filter((file) => /['"`]Working['"`]/.test(readFileSync(file, 'utf8')) && file.startsWith('src-main/core/'));
    expect(knowing).toEqual(['src-main/core/connectors/vbr/vbr-status.ts']);
  });
});
