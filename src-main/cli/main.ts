/**
 * `backwatch`: the command-line face of the monitoring core. Same config file and keychain as the
 * desktop app. Every failure the user can fix is one clear line on stderr and a non-zero exit.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { startDemoFleet, type DemoFleet } from '../demo/fleet.js';
import { applianceCommand } from './appliance-commands.js';
import { openCliContext, type CliContext, type Terminal } from './cli-context.js';
import { CliError, type Flags } from './cli-error.js';
import { jobCommand, jobsCommand } from './job-commands.js';
import { VENDOR_CHOICES, VENDOR_FLAGS, vendorFlagUsage } from './vendor-flags.js';
import { intervalOverride, sessionsCommand, statusCommand, watchCommand } from './monitor-commands.js';
import { serveCommand } from './serve-command.js';
import { serverCommand } from './server-commands.js';
import { outliveReader } from './broken-pipe.js';

const USAGE = `Usage: backwatch <command> [options]

Commands:
  appliance add --vendor ${VENDOR_CHOICES} --name NAME --url https://HOST[:PORT] --username USER
                (--password-stdin | --password-env VAR) [--trust-fingerprint SHA256 | --trust-on-first-use]
${vendorFlagUsage('                ')}
  appliance list [--json]          appliance remove NAME
  appliance test NAME              appliance trust NAME [--trust-fingerprint SHA256 | --trust-on-first-use]
  status [--json] [--timeout SECONDS]
                                   one poll of every appliance, as a monitoring plugin: BACKWATCH STATE - summary | perfdata;
                                   exit 0 ok, 1 warning, 2 failed/at risk/appliance problem, 3 no data or no answer
                                   within the timeout (default 30 s for all appliances together)
  jobs [--appliance NAME] [--state protected,at_risk,disabled,new] [--json]
                                   every job: protection against its RPO, last outcome and success, next run
  job rpo APPLIANCE JOB 12h|off|default   a job's own recovery point objective (default: its kind's, else the global one, 26h)
  sessions [--appliance NAME] [--status LIST] [--since 24h] [--limit N] [--json]
  watch [--jsonl] [--interval SECONDS]
  demo [--jsonl]                   start the demo fleet (simulators of all vendors) and watch it
  serve [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--public-name NAME] [--trusted-proxy IP]
                                   headless server for a team: polls and serves /metrics, /cctray.xml, /healthz;
                                   loopback (127.0.0.1:9847) unless TLS is given
  serve token add NAME --scope read|operate   a token for the team API (/api/v1), printed once
  serve token list [--json]        serve token remove NAME
  server add https://HOST:PORT [--token-env VAR] [--trust-fingerprint SHA256 | --trust-on-first-use]
                                   read a shared backwatch serve instead of the appliances (status, jobs,
                                   sessions, watch then show the server's); the token goes to the keychain
  server remove                    watch the appliances configured here again

Options: --config-dir DIR (or BACKWATCH_CONFIG_DIR), --verbose, --help, --version`;

const OPTIONS = {
  vendor: { type: 'string' },
  name: { type: 'string' },
  url: { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'password-env': { type: 'string' },
  'token-env': { type: 'string' },
  'trust-fingerprint': { type: 'string' },
  'trust-on-first-use': { type: 'boolean' },
  ...Object.fromEntries(VENDOR_FLAGS.map((flag) => [flag, { type: 'string' } as const])),
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  appliance: { type: 'string' },
  status: { type: 'string' },
  state: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  'config-dir': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const STRING_OPTIONS = new Set(Object.entries(OPTIONS).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`] : [])));

/**
 * `--since -5h` as `--since=-5h`: a value after an option that takes one is that option's value
 * unless it is itself an option, so the command says what is wrong with it in its own words.
 */
function attachValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (STRING_OPTIONS.has(arg) && next !== undefined && next.startsWith('-') && !/^--?[a-z]/i.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

function parseFailure(error: unknown): CliError {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(--?[^' ]+)/.exec(message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new CliError(`Unknown option ${option}. See backwatch --help.`, 64);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new CliError(`${option} needs a value. See backwatch --help.`, 64);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new CliError(`Unexpected argument. See backwatch --help.`, 64);
  return new CliError(`${message.split('\n')[0]} See backwatch --help.`, 64);
}

function parse(argv: readonly string[]): { positionals: string[]; flags: Flags } {
  try {
    const { values, positionals } = parseArgs({ args: attachValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
    return { positionals, flags: values as Flags };
  } catch (error) {
    throw parseFailure(error);
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
      throw new CliError(`Unknown command "${command ?? ''}".\n${USAGE}`, 64);
  }
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
    if (argv[0] === 'serve') return await serveCommand(argv.slice(1), { term, env, now, version: version(), stopSignal: interrupted });
    const { positionals, flags } = parse(argv);
    if (flags.version === true) {
      term.out(version());
      return 0;
    }
    if (flags.help === true || positionals.length === 0) {
      term.out(USAGE);
      return flags.help === true ? 0 : 64;
    }
    const demo = positionals[0] === 'demo';
    // Demo appliances are polled at the demo's pace by the core itself.
    const override = intervalOverride(flags);
    ctx = openCliContext(term, {
      ...(typeof flags['config-dir'] === 'string' ? { configDir: flags['config-dir'] } : {}),
      ephemeral: demo,
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
    if (error instanceof CliError) {
      term.err(`backwatch: ${error.message}`);
      return error.exitCode;
    }
    term.err(`backwatch: unexpected error: ${(error as Error).message}`);
    return 4;
  } finally {
    await ctx?.close();
    await (fleet as DemoFleet | null)?.close();
  }
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
    ...(process.stdin.isTTY
      ? {
          ask: (question: string) => askOn(process.stdin, process.stderr, question),
        }
      : {}),
  };
  process.exitCode = await runCli(process.argv.slice(2), term);
}
