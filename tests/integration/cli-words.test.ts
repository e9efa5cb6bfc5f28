/** What the CLI says when there is nothing to say: it names the reason, not a filter nobody gave. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCliIn } from '../support/cli-run.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bw-cli-words-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCliIn(dir, args);

it('jobs with no appliance says so, and a filter that matches nothing says that', async () => {
  expect(await cli('jobs')).toMatchObject({ code: 0, out: 'No appliance is configured. Add one with: backwatch appliance add --help' });
  expect(await cli('jobs', '--state', 'at_risk')).toMatchObject({ code: 0, out: 'No job matches.' });
});

it('a command group without its command is a usage error that names the choices', async () => {
  expect(await cli('appliance')).toMatchObject({
    code: 64,
    err: 'backwatch: backwatch appliance needs a command: add, list, remove, test or trust.',
  });
  expect(await cli('job')).toMatchObject({ code: 64, err: 'backwatch: backwatch job needs a command: rpo.' });
  expect(await cli('server', 'frob')).toMatchObject({ code: 64, err: 'backwatch: Unknown server command "frob": use add or remove.' });
});
