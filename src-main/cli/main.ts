/**
 * `backwatch`: the command-line face of the monitoring core. Same config file and keychain as the
 * desktop app. Every failure the user can fix is one clear line on stderr and a non-zero exit.
 */
import { createInterface } from 'node:readline/promises';
import { readFileSync } from 'node:fs';
import { startDemoFleet, type DemoFleet } from '../demo/fleet.js';
import { applianceCommand } from './appliance-commands.js';
import { openCliContext, type CliContext, type Terminal, type TerminalScreen } from './cli-context.js';
import { commandIndex, parseCommandLine } from './cli-args.js';
import { CliError, type Flags } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { jobCommand, jobsCommand } from './job-commands.js';
import { maintenanceCommand } from './maintenance-commands.js';
import { objectCommand } from './object-commands.js';
import { intervalOverride, sessionsCommand, statusCommand, watchCommand } from './monitor-commands.js';
import { serveCommand, SERVE_VALUE_OPTIONS } from './serve-command.js';
import { serverCommand } from './server-commands.js';
import { outliveReader } from './broken-pipe.js';
import { reportCommand } from './report-command.js';
import { usageOf, USAGE } from './usage.js';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Asks one question; Ctrl+D (end of input) is no answer, which every question takes as "no". */
export function askOn(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, question: string): Promise<string> {
  return new Promise<string>((resolve) => {
    const prompt = createInterface({ input, output });
    prompt.once('close', () => resolve(''));
    prompt
      .question(question)
      .then(resolve, () => resolve(''))
      .finally(() => prompt.close());
  });
}

/**
 * Resolves on Ctrl-C / SIGTERM. `on`, not `once`: the lock library's exit hook re-raises a signal
 * that nobody else still listens to, which would kill the process before it shut down cleanly.
 */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
}

async function dispatch(ctx: CliContext, positionals: readonly string[], flags: Flags, env: NodeJS.ProcessEnv): Promise<number> {
  const [command, action, ...rest] = positionals;
  switch (command) {
    case 'appliance':
      return applianceCommand(ctx, action, rest, flags);
    case 'server':
      return serverCommand(ctx, action, rest, flags, env);
    case 'status':
      return statusCommand(ctx, flags);
    case 'jobs':
      return jobsCommand(ctx, flags);
    case 'job':
      return jobCommand(ctx, action, rest);
    case 'sessions':
      return sessionsCommand(ctx, flags);
    case 'report':
      return reportCommand(ctx, flags, env);
    case 'maintenance':
      return maintenanceCommand(ctx, action, rest, flags);
    case 'objects':
      return objectCommand(ctx, action, rest, flags);
    case 'watch':
      return watchCommand(ctx, flags, interrupted());
    case 'demo': {
      const started = await ctx.core.handlers['app:start-demo']();
      if (!started.ok) throw new CliError(started.message);
      ctx.term.err(
        `Demo fleet running: ${(await ctx.core.handlers['appliances:list']()).map((a) => `${a.name} (${a.baseUrl})`).join(', ')}. Ctrl-C stops it.`,
      );
      return watchCommand(ctx, flags, interrupted());
    }
    default:
      throw new CliError(`Unknown command "${command ?? ''}". See backwatch --help.`, EXIT.usage);
  }
}

/** Commands that only read the configuration: they never move or rewrite the file. */
const READING_COMMANDS: ReadonlySet<string> = new Set([
  'status',
  'jobs',
  'sessions',
  'report',
  'objects',
  'watch',
  'appliance list',
  'appliance test',
]);
/** Commands whose second word says whether they only read. */
const GROUPS: ReadonlySet<string> = new Set(['appliance', 'objects']);

/**
 * A failure in one line on stderr, with its exit code. `status` answers as a monitoring plugin
 * does, on stdout and within 0–3: what stopped it is UNKNOWN, unless its command line is wrong.
 */
function tellFailure(error: unknown, command: string | undefined, term: Terminal): number {
  const known = error instanceof CliError;
  const message = known ? error.message : `unexpected error: ${(error as Error).message}`;
  const code = known ? error.exitCode : EXIT.failed;
  if (command === 'status' && code !== EXIT.usage) {
    term.out(`BACKWATCH UNKNOWN - ${message.split('\n').join(' ')}`);
    return EXIT.unknown;
  }
  term.err(`backwatch: ${message}`);
  return code;
}

/** Runs the CLI; returns the exit code. Exported for the end-to-end tests. */
export async function runCli(
  argv: readonly string[],
  term: Terminal,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now,
): Promise<number> {
  let ctx: CliContext | null = null;
  let fleet: DemoFleet | null = null;
  try {
    const at = commandIndex(argv, SERVE_VALUE_OPTIONS);
    if (argv[at] === 'serve') {
      const serveArgs = [...argv.slice(0, at), ...argv.slice(at + 1)];
      return await serveCommand(serveArgs, { term, env, now, version: version(), stopSignal: interrupted });
    }
    const { positionals, flags } = parseCommandLine(argv);
    if (flags.version === true) {
      term.out(version());
      return EXIT.ok;
    }
    if (flags.help === true || positionals.length === 0) {
      term.out(flags.help === true ? usageOf(positionals) : USAGE);
      return flags.help === true ? EXIT.ok : EXIT.usage;
    }
    const demo = positionals[0] === 'demo';
    const readOnly = READING_COMMANDS.has(positionals.slice(0, GROUPS.has(positionals[0] ?? '') ? 2 : 1).join(' '));
    // Demo appliances are polled at the demo's pace by the core itself.
    const override = intervalOverride(flags);
    ctx = openCliContext(term, {
      ...(typeof flags['config-dir'] === 'string' ? { configDir: flags['config-dir'] } : {}),
      ephemeral: demo,
      readOnly,
      verbose: flags.verbose === true,
      env,
      now,
      version: version(),
      ...(override ? { settingsOverride: override } : {}),
      ...(demo
        ? {
            startDemoFleet: async () => {
              fleet = await startDemoFleet();
              return fleet.appliances;
            },
          }
        : {}),
    });
    return await dispatch(ctx, positionals, flags, env);
  } catch (error) {
    return tellFailure(error, argv[commandIndex(argv, SERVE_VALUE_OPTIONS)], term);
  } finally {
    await ctx?.close();
    await (fleet as DemoFleet | null)?.close();
  }
}

/** The terminal on stdout; a size it does not tell (some pseudo-terminals) reads as 80 × 24. */
function stdoutScreen(stdout: NodeJS.WriteStream): TerminalScreen {
  return {
    write: (text) => stdout.write(text),
    size: () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 }),
    onResize: (listener) => {
      stdout.on('resize', listener);
      return () => stdout.off('resize', listener);
    },
  };
}

const isEntry = process.argv[1] !== undefined && /(?:backwatch(?:\.mjs)?|cli[\\/]main\.ts)$/.test(process.argv[1]);
if (isEntry) {
  outliveReader(process.stdout);
  outliveReader(process.stderr);
  const term: Terminal = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.isTTY ? { screen: stdoutScreen(process.stdout) } : {}),
    ...(process.stdin.isTTY
      ? {
          ask: (question: string) => askOn(process.stdin, process.stderr, question),
        }
      : {}),
  };
  process.exitCode = await runCli(process.argv.slice(2), term);
}
