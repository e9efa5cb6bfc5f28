/** One exit-code table: the code's, the README's and `backwatch --help`'s are the same, and the built command keeps to it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODES } from '../../../src-main/cli/exit-codes.js';
import { builtConfigDir, runBuilt } from '../../support/built-cli.js';

const dir = builtConfigDir('backwatch-exit-');

/** The rows of the README's exit-code table, as code and meaning (prettier pads its cells). */
function readmeTable(): { code: number; meaning: string }[] {
  const lines = readFileSync('README.md', 'utf8').split('\n');
  const head = lines.findIndex((line) => /^\|\s*code\s*\|\s*meaning\s*\|$/.test(line));
  const rows = lines.slice(head + 2);
  return rows
    .slice(
      0,
      rows.findIndex((line) => !line.startsWith('|')),
    )
    .map((line) => {
      const [code, meaning] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return { code: Number(code), meaning: meaning ?? '' };
    });
}

describe('exit codes', () => {
  it('the README shows the table the code keeps, row for row', () => {
    expect(readmeTable()).toEqual(EXIT_CODES.map(({ code, meaning }) => ({ code, meaning })));
  });

  it('backwatch --help shows the same table', async () => {
    const help = await runBuilt(['--help']);
    for (const { code, meaning } of EXIT_CODES) expect(help.out).toContain(`${String(code).padStart(2)}  ${meaning}`);
  });

  it.each([
    [['appliance'], EXIT.usage],
    [['job'], EXIT.usage],
    [['server'], EXIT.usage],
    [['serve', 'token'], EXIT.usage],
    [['nonsense'], EXIT.usage],
    [['sessions', '--since', 'yesterday'], EXIT.usage],
    [['jobs', '--state', 'purple'], EXIT.usage],
    [['status', '--timeout', '0'], EXIT.usage],
    [['appliance', 'remove', 'Nothing here'], EXIT.failed],
    [['status'], EXIT.unknown],
  ])('backwatch %j exits %i', async (args, code) => {
    const run = await runBuilt([...args, '--config-dir', dir]);
    expect(run.code).toBe(code);
    expect(`${run.out}${run.err}`.trim().split('\n')).toHaveLength(1);
  });
});
