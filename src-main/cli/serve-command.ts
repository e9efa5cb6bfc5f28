/**
 * `backwatch serve`: the headless server for a team (see src-main/serve). Parses its own options,
 * logs JSON lines on stdout, and shuts down cleanly on SIGTERM or Ctrl-C: the HTTP server stops,
 * then the poller, which logs out of every appliance.
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { tuneHeapForServe } from '../serve/heap-tuning.js';
import { createJsonLogger } from '../serve/json-log.js';
import { DEFAULT_LISTEN, listenRefusal, parseListenAddress } from '../serve/listen-address.js';
import { ServeRefusal, startServe } from '../serve/serve.js';
import { readTls } from './tls-files.js';
import os from 'node:os';
import { resolveConfigDir } from '../core/config/config-store.js';
import { isTokenScope, openTokenStore, printableTokenName, TOKEN_SCOPES, type TokenStore } from '../serve/token-store.js';
import { openCliContext, type Terminal } from './cli-context.js';
import { CliError, parseFailure } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { usageOf } from './usage.js';

export interface ServeRun {
  readonly term: Terminal;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  readonly version: string;
  /** Resolves when the server should stop (SIGTERM, Ctrl-C); called once the server runs. */
  readonly stopSignal: () => Promise<void>;
  /** Told the server's URL once it listens (tests and the bench start it on port 0). */
  readonly onListening?: (url: string) => void;
}

const SERVE_OPTIONS = {
  listen: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'public-name': { type: 'string', multiple: true },
  'trusted-proxy': { type: 'string' },
  'config-dir': { type: 'string' },
  scope: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** serve's options that take a value, so that the command line's reader skips their values. */
export const SERVE_VALUE_OPTIONS: ReadonlySet<string> = new Set(
  Object.entries(SERVE_OPTIONS).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`] : [])),
);

function parseServeArgs(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: SERVE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw parseFailure(error, 'serve');
  }
}

/** `serve token add NAME --scope read|operate`, `serve token list [--json]`, `serve token remove NAME`. */
async function tokenCommand(
  store: TokenStore,
  term: Terminal,
  args: readonly string[],
  scope: string | undefined,
  json: boolean,
): Promise<number> {
  const [action, name, ...extra] = args;
  if (extra.length > 0) throw new CliError(`Unexpected argument "${extra[0]}". See backwatch --help.`, EXIT.usage);
  if (action === 'list') {
    const list = store.list();
    term.out(
      json
        ? JSON.stringify(list, null, 2)
        : list.map((t) => `${printableTokenName(t.name)}\t${t.scope}\t${t.createdAt}`).join('\n') || 'No tokens.',
    );
    return 0;
  }
  if (!name) throw new CliError(`serve token ${action ?? 'add|list|remove'} needs a NAME.`, EXIT.usage);
  if (action === 'add') {
    if (!isTokenScope(scope)) throw new CliError(`--scope takes ${TOKEN_SCOPES.join(' or ')}.`, EXIT.usage);
    try {
      term.out(await store.add(name, scope, new Date()));
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    term.err(`Token "${name}" (${scope}) made. It is shown this once: give it to its user now.`);
    return 0;
  }
  if (action === 'remove') {
    if (!(await store.remove(name))) throw new CliError(`There is no token named "${printableTokenName(name)}".`);
    term.err(`Token "${printableTokenName(name)}" removed.`);
    return 0;
  }
  throw new CliError(`Unknown token action "${action ?? ''}": use add, list or remove.`, EXIT.usage);
}

/** Runs `backwatch serve …` until stopped (or one `serve token` action); returns the exit code. */
export async function serveCommand(argv: readonly string[], run: ServeRun): Promise<number> {
  const { values, positionals } = parseServeArgs(argv);
  if (values.help === true) {
    run.term.out(usageOf(['serve', ...positionals]));
    return EXIT.ok;
  }
  if (values.version === true) {
    run.term.out(run.version);
    return EXIT.ok;
  }
  const configDir = resolveConfigDir(values['config-dir'], process.platform, run.env, os.homedir());
  if (positionals[0] === 'token')
    return tokenCommand(openTokenStore(configDir), run.term, positionals.slice(1), values.scope, values.json === true);
  if (positionals.length > 0) throw new CliError(`Unexpected argument "${positionals[0]}". See backwatch --help.`, EXIT.usage);
  let listen;
  try {
    listen = parseListenAddress(values.listen ?? DEFAULT_LISTEN);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  const trustedProxy = values['trusted-proxy'];
  if (trustedProxy !== undefined && !isIP(trustedProxy))
    throw new CliError(`--trusted-proxy takes the proxy's IP address, not "${trustedProxy}".`, EXIT.usage);
  const tls = readTls(values['tls-cert'], values['tls-key']);
  const refusal = listenRefusal(listen, tls !== undefined);
  if (refusal) throw new CliError(refusal, EXIT.usage);
  const log = createJsonLogger({ write: run.term.out, now: run.now, verbose: values.verbose === true });
  tuneHeapForServe();
  const ctx = openCliContext(run.term, {
    configDir,
    env: run.env,
    now: run.now,
    version: run.version,
    log,
  });
  try {
    const server = await startServe({
      core: ctx.core,
      listen,
      ...(tls ? { tls } : {}),
      publicNames: values['public-name'] ?? [],
      ...(trustedProxy ? { trustedProxy } : {}),
      tokens: openTokenStore(configDir),
      mailCredentials: { secrets: ctx.secrets, env: run.env },
      log,
    }).catch((error: unknown) => {
      throw error instanceof ServeRefusal ? new CliError(error.message) : error;
    });
    run.onListening?.(server.url);
    // The poller's timers do not hold the process open: this does, until the stop signal.
    const keepAlive = setInterval(() => {}, 60_000);
    await run.stopSignal();
    clearInterval(keepAlive);
    log.info('Stopping: closing the server and logging out of the appliances');
    await server.close();
    return 0;
  } finally {
    await ctx.close();
    log.info('Stopped');
  }
}
