/** `backwatch objects ack|unack`: which machine it names, said in one line when it names none. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main.js';
import { EXIT } from '../../src-main/cli/exit-codes.js';

async function cli(args: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-ack-'));
  const out: string[] = [];
  const err: string[] = [];
  const term = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => '', isTTY: false };
  const code = await runCli([...args, '--config-dir', dir], term, {});
  return { code, out, err };
}

describe('backwatch objects ack', () => {
  it('asks for a machine, and names the one it cannot find', async () => {
    const bare = await cli(['objects', 'ack']);
    expect(bare.code).toBe(EXIT.usage);
    expect(bare.err.join('')).toContain('Usage: backwatch objects ack MACHINE');
    const unknown = await cli(['objects', 'unack', 'web-04']);
    expect(unknown.code).not.toBe(EXIT.ok);
    expect(unknown.err.join('')).toContain('No machine is named "web-04".');
  });
});
