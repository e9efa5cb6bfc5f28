/** A read token that tries to act gets the sentence the README promises, from the built serve. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtConfigDir, finished, runBuilt, startBuilt } from '../../support/built-cli.js';

const PROMISE = 'This token may only read; ask for an operate token.';
const dir = builtConfigDir('backwatch-read-token-');

describe('a read token that posts', () => {
  it('is told what the README says, by the built serve', async () => {
    expect(readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')).toContain(PROMISE);
    const made = await runBuilt(['serve', 'token', 'add', 'tester', '--scope', 'read', '--config-dir', dir]);
    expect(made.code).toBe(0);
    const token = made.out.trim();

    const serve = startBuilt(['serve', '--listen', '127.0.0.1:0', '--config-dir', dir]);
    const done = finished(serve);
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      serve.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const found = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
        if (found) resolve(found[1]!);
      });
      serve.once('close', () => reject(new Error(`serve ended: ${seen}`)));
    });
    try {
      const answer = await fetch(`${url}/api/v1/mute`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ applianceId: 'a', jobId: 'j', on: true }),
      });
      expect(answer.status).toBe(403);
      expect(await answer.json()).toEqual({ error: PROMISE });
    } finally {
      serve.kill('SIGTERM');
      await done;
    }
  });
});
