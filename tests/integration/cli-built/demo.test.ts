/** The built demo keeps nothing a later command reads, and what earlier versions' demos left is cleaned by any command. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openConfigFile } from '../../../src-main/core/config/conf-config-file.js';
import type { Appliance } from '../../../src-main/common/model.js';
import { finished, runBuilt, startBuilt } from '../../support/built-cli.js';

const folders: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-demo-test-'));
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const demoLeftover = (id: string, name: string): Appliance => ({
  id,
  name,
  vendor: 'spp',
  baseUrl: `https://127.0.0.1:${40_000 + id.length}`,
  username: 'demo',
  credential: { kind: 'keychain' },
  options: {},
  enabled: true,
  demo: true,
});

describe('backwatch demo', () => {
  it('leaves nothing behind for status and appliance list once Ctrl-C stopped it', async () => {
    const dir = scratch();
    const demo = startBuilt(['demo', '--config-dir', dir]);
    const done = finished(demo);
    await new Promise<void>((resolve) => {
      let said = '';
      demo.stderr!.on('data', (chunk: Buffer) => {
        said += chunk.toString('utf8');
        if (said.includes('Demo fleet running')) resolve();
      });
      demo.once('close', () => resolve());
    });
    demo.kill('SIGINT');
    const stopped = await done;
    expect(stopped.err).toContain('Demo fleet running: SPP demo');
    expect(stopped.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);

    const status = await runBuilt(['status', '--config-dir', dir]);
    expect(status.out).toMatch(/^BACKWATCH UNKNOWN - no appliance is configured/);
    const list = await runBuilt(['appliance', 'list', '--config-dir', dir]);
    expect(list.out).toBe('No appliance is configured.\n');
  });

  it.each(['appliance list', 'status', 'jobs'])(
    'cleans up the appliances an earlier demo left, quietly, at the next "%s"',
    async (command) => {
      const dir = scratch();
      const store = openConfigFile(dir);
      const real: Appliance = { ...demoLeftover('real-1', 'Kept'), credential: { kind: 'env', variable: 'KEPT_PW' } };
      const { demo: _demo, ...realOne } = real;
      await store.update((data) => ({
        ...data,
        appliances: [demoLeftover('demo-1', 'SPP lab'), demoLeftover('demo-22', 'VBO lab'), realOne],
      }));
      store.close();

      const run = await runBuilt([...command.split(' '), '--config-dir', dir], { KEPT_PW: 'x' });
      expect(run.err).not.toMatch(/Could not delete a stored password|warn/i);
      expect(`${run.out}${run.err}`).not.toMatch(/SPP lab|VBO lab/);
      const saved = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { appliances: Appliance[] };
      expect(saved.appliances.map((a) => a.name)).toEqual(['Kept']);
    },
  );
});
