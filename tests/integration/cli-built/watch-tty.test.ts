/** The built `watch` in a real pseudo-terminal (util-linux `script`): the live screen, drawn in place, and left on Ctrl-C. */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BUILT_BIN, builtConfigDir } from '../../support/built-cli.js';

const ESC = '\u001b';
/** An escape sequence of the kind the screen writes (CSI, parameters, final letter). */
const SEQUENCE = new RegExp(`${ESC}\\[[0-9;?]*[a-zA-Z]`, 'g');
const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
const dir = builtConfigDir('backwatch-watch-tty-');

describe.skipIf(!hasScript)('backwatch watch in a terminal', () => {
  it('draws the top-like screen in place on the alternate screen, and leaves it on Ctrl-C', async () => {
    const command = `stty cols 60 rows 20; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BUILT_BIN)} watch --config-dir ${JSON.stringify(dir)}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'screen' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let seen = '';
    const ended = new Promise<number | null>((resolve) => child.once('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('No appliance is configured')) resolve();
      });
      child.once('close', () => reject(new Error(`watch ended early: ${JSON.stringify(seen)}`)));
    });
    // Ctrl-C as the terminal sends it: the line discipline turns it into SIGINT.
    child.stdin.write('\x03');
    expect(await ended).toBe(0);
    expect(seen).toContain('\x1b[?1049h');
    expect(seen).toContain(`${ESC}[HBackwatch: `);
    expect(seen).toContain('PROBLEMS (0)');
    expect(seen).toContain('RUNNING (0)');
    expect(seen).toContain('\x1b[?1049l');
    // Every drawn line fits the 60 columns the terminal has.
    const drawn = seen.split(`${ESC}[K`).map((part) => part.replace(SEQUENCE, '').split(/\r?\n/).at(-1) ?? '');
    for (const line of drawn) expect(line.length).toBeLessThanOrEqual(60);
  });
});
