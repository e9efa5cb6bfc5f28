/** The built command's options: global ones anywhere on the line, every command's own --help, one line for a wrong option. */
import { describe, expect, it } from 'vitest';
import { builtConfigDir, finished, runBuilt, startBuilt } from '../../support/built-cli.js';

const dir = builtConfigDir('backwatch-options-');

describe('the built backwatch command line', () => {
  it('takes --config-dir before serve and serve its own options after it', async () => {
    const serve = startBuilt(['--config-dir', dir, 'serve', '--listen', '127.0.0.1:0']);
    const done = finished(serve);
    const served = await new Promise<string>((resolve) => {
      let seen = '';
      serve.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('"Serving"')) resolve(seen);
      });
      serve.once('close', () => resolve(seen));
    });
    serve.kill('SIGTERM');
    const run = await done;
    expect(served).toMatch(/"msg":"Serving","url":"http:\/\/127\.0\.0\.1:\d+"/);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });

  const commands = [
    ['serve', 'Usage: backwatch serve [--listen HOST:PORT]'],
    ['serve token', 'Usage: backwatch serve token <command>'],
    ['serve token add', 'Usage: backwatch serve token add NAME --scope read|operate'],
    ['appliance', 'Usage: backwatch appliance <command>'],
    ['appliance add', 'Usage: backwatch appliance add --vendor'],
    ['appliance list', 'Usage: backwatch appliance list [--json]'],
    ['status', 'Usage: backwatch status [--json] [--timeout SECONDS]'],
    ['jobs', 'Usage: backwatch jobs'],
    ['job rpo', 'Usage: backwatch job rpo APPLIANCE JOB'],
    ['sessions', 'Usage: backwatch sessions'],
    ['watch', 'Usage: backwatch watch'],
    ['demo', 'Usage: backwatch demo'],
    ['server add', 'Usage: backwatch server add https://HOST:PORT'],
  ] as const;

  it.each(commands)('answers "%s --help" with its own usage, exit 0', async (command, usage) => {
    const run = await runBuilt([...command.split(' '), '--help', '--config-dir', dir]);
    expect(run.err).toBe('');
    expect(run.out.startsWith(usage)).toBe(true);
    expect(run.out).not.toContain('Commands:');
    expect(run.code).toBe(0);
  });

  it('answers --help alone with every command and the exit codes', async () => {
    const run = await runBuilt(['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('backwatch serve token add NAME');
    expect(run.out).toContain('Exit codes:');
  });

  it.each([
    [['serve', '--bogus'], 'backwatch: Unknown option --bogus. See backwatch serve --help.'],
    [['serve', 'token', 'list', '--nope=1'], 'backwatch: Unknown option --nope. See backwatch serve --help.'],
    [['appliance', 'list', '--bogus'], 'backwatch: Unknown option --bogus. See backwatch appliance --help.'],
    [['status', '--json=yes'], 'backwatch: --json takes no value. See backwatch status --help.'],
    [['sessions', '--limit'], 'backwatch: --limit needs a value. See backwatch sessions --help.'],
  ])('refuses %j in one line of its own, exit 64', async (args, line) => {
    const run = await runBuilt([...args, '--config-dir', dir]);
    expect(run.err).toBe(`${line}\n`);
    expect(run.out).toBe('');
    expect(run.code).toBe(64);
  });
});
