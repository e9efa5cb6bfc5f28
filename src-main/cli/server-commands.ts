/**
 * `backwatch server add URL | remove`: this computer reads a shared `backwatch serve` instead of
 * polling appliances. The server's certificate is pinned as an appliance's is, and its token goes
 * to the keychain (or stays in the environment variable it came from).
 */
import { withoutControlCharacters as shown } from '../common/text.js';
import { probeCertificate } from '../core/appliance-check.js';
import { baseUrlSchema } from '../common/appliance-rules.js';
import { describeIssue } from '../core/config/config-schema.js';
import { addTeamServer, removeTeamServer } from '../core/services/team-source-setup.js';
import { fingerprintToTrust } from './appliance-commands.js';
import type { CliContext } from './cli-context.js';
import { EXIT } from './exit-codes.js';
import { CliError, type Flags } from './cli-error.js';

function urlOf(given: string | undefined): string {
  if (given === undefined) throw new CliError('Give the server as backwatch server add https://HOST:PORT.', EXIT.usage);
  const parsed = baseUrlSchema.safeParse(given.replace(/\/+$/, ''));
  if (!parsed.success) throw new CliError(`The server's URL is not usable: ${describeIssue(parsed.error)}.`);
  return parsed.data;
}

/** The token from `--token-env VAR`, else asked for on the terminal. */
async function tokenOf(ctx: CliContext, flags: Flags, env: NodeJS.ProcessEnv): Promise<string> {
  const variable = flags['token-env'];
  if (typeof variable === 'string') {
    const token = env[variable]?.trim();
    if (!token) throw new CliError(`The environment variable ${variable} holds no token.`);
    return token;
  }
  if (!ctx.term.ask) throw new CliError('Give the token with --token-env VAR (made on the server by backwatch serve token add NAME).');
  const token = (await ctx.term.ask('Token (from backwatch serve token add on the server): ')).trim();
  if (!token) throw new CliError('No token was given. Nothing was saved.');
  return token;
}

async function add(ctx: CliContext, given: string | undefined, flags: Flags, env: NodeJS.ProcessEnv): Promise<number> {
  const url = urlOf(given);
  const token = await tokenOf(ctx, flags, env);
  const trustedFingerprint = await fingerprintToTrust(ctx, url, flags, probeCertificate);
  const tokenEnv = flags['token-env'];
  let found: string;
  try {
    found = await addTeamServer(
      { config: ctx.config, secrets: ctx.secrets, log: ctx.log, probeCertificate },
      { url, token, ...(trustedFingerprint ? { trustedFingerprint } : {}), ...(typeof tokenEnv === 'string' ? { tokenEnv } : {}) },
    );
  } catch (error) {
    throw new CliError(`${(error as Error).message} Nothing was saved.`);
  }
  ctx.term.out(`This computer now reads the Backwatch server ${shown(url)} (${found}).`);
  const own = ctx.config.read().appliances.length;
  if (own > 0) {
    ctx.term.err(
      `note: the ${own} appliance${own === 1 ? '' : 's'} configured here are not polled while it does; they stay in the configuration.`,
    );
  }
  return 0;
}

async function remove(ctx: CliContext): Promise<number> {
  const url = ctx.config.read().teamServer?.url;
  const { tokenKept } = await removeTeamServer(ctx);
  if (tokenKept) ctx.term.err(`warning: the server's token may still be in the OS keychain (${tokenKept}).`);
  ctx.term.out(
    url
      ? `This computer no longer reads ${shown(url)}; it watches the appliances configured here.`
      : 'This computer read no Backwatch server; an unusable server entry, if there was one, is gone.',
  );
  return 0;
}

export function serverCommand(
  ctx: CliContext,
  action: string | undefined,
  args: readonly string[],
  flags: Flags,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  switch (action) {
    case 'add':
      return add(ctx, args[0], flags, env);
    case 'remove':
      return remove(ctx);
    default:
      throw new CliError(
        action ? `Unknown server command "${action}": use add or remove.` : 'backwatch server needs a command: add or remove.',
        EXIT.usage,
      );
  }
}
