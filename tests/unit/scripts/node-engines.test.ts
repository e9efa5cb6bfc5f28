/**
 * A clean install on the Node the README names: every package in the lockfile accepts the oldest
 * Node that package.json's engines accepts (so `npm ci` prints no EBADENGINE there), and CI's own
 * check stops a Node that is too old with one line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};
const oldest = semver.minVersion(pkg.engines.node)!.version;

describe('the Node the project names', () => {
  it('is accepted by every package the lockfile installs', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([where, entry]) => where !== '' && !entry.optional)
      .flatMap(([where, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.satisfies(oldest, range) ? [`${where.replace(/^.*node_modules\//, '')} needs Node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('is the one this test runs on, and the one the README states', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
    expect(readFileSync('README.md', 'utf8')).toContain(`Node.js ${oldest.replace(/\.0$/, '')} or newer`);
  });

  it("CI's check stops a Node older than engines says, in one line", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-engines-'));
    try {
      const check = (range: string) => {
        writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ engines: { node: range } }));
        return spawnSync(process.execPath, [path.resolve('scripts/check-node.mjs')], { cwd: dir, encoding: 'utf8' });
      };
      const tooOld = check('>=99.1');
      expect(tooOld.status).toBe(1);
      expect(tooOld.stderr).toBe(`Node ${process.versions.node} is too old: Backwatch needs Node >=99.1 (package.json engines).\n`);
      expect(check(`>=${process.versions.node}`).status).toBe(0);
      expect(check(pkg.engines.node).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
