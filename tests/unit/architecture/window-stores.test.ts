/**
 * Stores are the window's only door to main: components read and act through the stores the app
 * provides by context, never through the API itself. A component that calls `api.…`, indexes
 * `api[…]`, reaches `window.backwatch`, takes or passes an `api` prop, or names the API's type
 * fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(full);
    return entry.name.endsWith('.svelte') ? [full] : [];
  });
}

const REACHES = [/window\.backwatch/, /\bapi\s*(\?\.|\.|\[)/, /\bapi\s*\??:/, /\{\s*api\s*\}/, /\bapi\s*=/, /\bBackwatchApi\b/];

/** Lines of `text` that reach the API, as `file:line: text`. */
function reaches(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (REACHES.some((p) => p.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

const components = componentFiles('src-renderer');

describe('the window reaches main only through its stores', () => {
  it('finds the components', () => {
    expect(components).toContain('src-renderer/App.svelte');
    expect(components.length).toBeGreaterThan(20);
  });

  it('no component reaches the API itself', () => {
    expect(components.flatMap((file) => reaches(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('catches every way of reaching it', () => {
    const samples = [
      `await api['appliances:test']({ id });`,
      `void api.on('status:changed', f);`,
      `api?.['app:info']()`,
      `const x = window.backwatch;`,
      `    api: BackwatchApi;`,
      `<ApplianceRow {api} {appliance} />`,
      `<JobLog api={api} />`,
      `import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';`,
    ];
    for (const sample of samples) expect(reaches('x.svelte', sample), sample).toHaveLength(1);
    const innocent = [`const rapid = 1;`, `appliances.test(id)`, `<p>The API answers</p>`, `const apiVersion = info.api;`];
    for (const sample of innocent) expect(reaches('x.svelte', sample), sample).toEqual([]);
  });
});
