/**
 * The shipped compliance recording rules, checked by Debian's promtool on synthetic series
 * (tests/fixtures/prometheus/compliance-rules.test.yml). Where promtool is missing the suite says so and skips.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_BINARIES, missingEngines } from '../support/prometheus-engines.js';

const root = path.join(import.meta.dirname, '../..');
const missing = missingEngines();
if (missing.length > 0) console.warn(`SKIPPED: the compliance rule tests need ${missing.join(', ')} (Debian: prometheus).`);

describe.skipIf(missing.length > 0)('compliance recording rules', () => {
  it('are valid rules', () => {
    const check = spawnSync(ENGINE_BINARIES.promtool, ['check', 'rules', 'deploy/prometheus/backwatch-compliance-rules.yml'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });

  it('compute protected and failed shares, leaving maintenance out, per job, appliance and fleet', () => {
    const run = spawnSync(ENGINE_BINARIES.promtool, ['test', 'rules', 'tests/fixtures/prometheus/compliance-rules.test.yml'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
    // Eight days of samples through every range's sums: about 12 s of one core, longer on a busy machine.
  }, 180_000);
});
