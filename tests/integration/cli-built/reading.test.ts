/** Reading never writes: the built command's reading commands leave a corrupt config file where and as it is. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuilt } from '../../support/built-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-reading-'));
const file = path.join(dir, 'config.json');
const corrupt = '{ "appliances": [ { "name": "SPP prod", ';
writeFileSync(file, corrupt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = `The configuration file ${file} cannot be used: it is not valid JSON.`;

describe('reading commands over a corrupt config.json', () => {
  it.each(['appliance list', 'appliance test SPP', 'jobs', 'sessions', 'report', 'watch --jsonl'])(
    '"%s" says which file is wrong and how, in one line, exit 4, and moves nothing',
    async (command) => {
      const run = await runBuilt([...command.split(' '), '--config-dir', dir]);
      expect(run.err).toBe(`backwatch: ${refusal}\n`);
      expect(run.out).toBe('');
      expect(run.code).toBe(4);
      expect(readdirSync(dir)).toEqual(['config.json']);
      expect(readFileSync(file, 'utf8')).toBe(corrupt);
    },
  );

  it('status answers UNKNOWN (3) naming the file, and moves nothing', async () => {
    const run = await runBuilt(['status', '--config-dir', dir]);
    expect(run.out).toBe(`BACKWATCH UNKNOWN - ${refusal}\n`);
    expect(run.code).toBe(3);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(readFileSync(file, 'utf8')).toBe(corrupt);
  });
});
