/**
 * The platform CI workflow is checked against GitHub's workflow schema with action-validator
 * (it runs offline), and a copy broken on purpose must fail the same check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const WORKFLOW = join(ROOT, '.github', 'workflows', 'ci.yml');
// The package's own bin script, run with this Node: no shell, the same on every platform.
const VALIDATOR = join(dirname(createRequire(import.meta.url).resolve('@action-validator/cli/package.json')), 'cli.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'backwatch-workflow-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(file: string) {
  return spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8', timeout: 60_000 });
}

function brokenCopy(name: string, edit: (text: string) => string): string {
  const file = join(scratch, name);
  const text = readFileSync(WORKFLOW, 'utf8');
  const broken = edit(text);
  expect(broken, 'the edit changed the workflow').not.toBe(text);
  writeFileSync(file, broken);
  return file;
}

describe('.github/workflows/ci.yml', () => {
  it('passes action-validator', () => {
    const result = validate(WORKFLOW);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('is what the README promises: three platforms, the Electron binary, npm test under Xvfb, the installers kept', () => {
    const text = readFileSync(WORKFLOW, 'utf8');
    expect(text).toMatch(/os: \[ubuntu-latest, windows-latest, macos-latest\]/);
    expect(text).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(text).toMatch(/run: xvfb-run -a npm test/);
    expect(text).toMatch(/run: npm run dist -- --publish never/);
    expect(text).toMatch(/uses: actions\/upload-artifact@v4[\s\S]*release\/\*\.exe/);
  });

  it.each([
    ['a job without runs-on', 'no-runs-on.yml', (t: string) => t.replace('runs-on:', 'run-on:')],
    [
      'a step with both run and uses',
      'run-and-uses.yml',
      (t: string) => t.replace('- uses: actions/checkout@v4', '- uses: actions/checkout@v4\n        run: echo'),
    ],
  ])('fails on a copy with %s', (_what, name, edit) => {
    const result = validate(brokenCopy(name, edit));
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/error/i);
  });
});
