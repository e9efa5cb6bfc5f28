/**
 * `backwatch serve` whose reader goes away (a closed pipe on stdout): it keeps serving, dropping
 * the log lines nobody reads, instead of dying of EPIPE at its next log line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { httpGet } from '../support/served-fleet.js';
import { withTimeout } from '../support/with-timeout.js';

describe('serve without a reader', () => {
  it('outlives the pipe of its stdout', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-epipe-'));
    const main = path.join(import.meta.dirname, '../../src-main/cli/main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'serve', '--listen', '127.0.0.1:0', '--config-dir', dir], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await withTimeout(
        new Promise<string>((resolve) =>
          createInterface({ input: child.stdout }).on('line', (line) => {
            const parsed = JSON.parse(line) as { msg: string; url?: string };
            if (parsed.msg === 'Serving') resolve(parsed.url!);
          }),
        ),
        30_000,
        'the Serving line',
      );
      child.stdout.destroy();
      // Each refusal is a log line, the first from each address: written into the closed pipe.
      for (const from of ['127.0.0.1', '127.0.0.2', '127.0.0.3']) {
        const refused = await new Promise<number>((resolve, reject) => {
          const req = request(`${url}/api/v1/status`, { localAddress: from }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject).end();
        });
        expect(refused).toBe(401);
      }
      expect((await httpGet(`${url}/healthz`)).status).toBe(200);
      expect(child.exitCode).toBeNull();
      expect(stderr).not.toMatch(/EPIPE/);
      child.kill('SIGTERM');
      expect(await withTimeout(exited, 15_000, 'the exit after SIGTERM')).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
