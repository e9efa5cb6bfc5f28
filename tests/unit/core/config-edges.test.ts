/**
 * config.json at its edges: a key nested thousands deep no longer breaks every change, and the
 * temporary files of a writer killed mid-save are cleaned under the lock once they are stale.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CONFIG_DEPTH } from '../../../src-main/core/config/config-content.js';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bw-config-edges-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const depthOf = (value: unknown): number =>
  typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

describe('config.json at its edges', () => {
  it('saves changes over a key nested 6,000 deep, leaving out what lies past the bound, a copy kept', async () => {
    const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    writeFileSync(path.join(dir, 'config.json'), `{"schemaVersion":1,"appliances":[],"windowState":{"w":1},"deep":${deep}}`);
    const config = openConfigFile(dir);
    try {
      await config.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 99 } }));
      const saved = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
      expect(saved['settings']).toMatchObject({ pollIntervalSec: 99 });
      expect(saved['windowState']).toEqual({ w: 1 });
      expect(depthOf(saved)).toBeLessThanOrEqual(MAX_CONFIG_DEPTH);
      expect(readdirSync(dir).some((f) => f.startsWith('config.json.bak-'))).toBe(true);
    } finally {
      config.close();
    }
  });

  it('removes stale temporary files of killed writers when it saves, and spares fresh ones', async () => {
    const stale = ['config.json.tmp-1765090000abc123', 'config.json.4242.deadbeef.tmp'];
    const fresh = 'config.json.tmp-1765099999fff000';
    for (const name of [...stale, fresh]) writeFileSync(path.join(dir, name), '{"half":');
    const longAgo = new Date(Date.now() - 3_600_000);
    for (const name of stale) utimesSync(path.join(dir, name), longAgo, longAgo);
    const config = openConfigFile(dir);
    try {
      await config.update((d) => ({ ...d, settings: { ...d.settings, pollIntervalSec: 77 } }));
      for (const name of stale) expect(existsSync(path.join(dir, name))).toBe(false);
      expect(existsSync(path.join(dir, fresh))).toBe(true);
    } finally {
      config.close();
    }
  });
});
