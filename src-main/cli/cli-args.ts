/**
 * The command line read once: which command it names, wherever the global options stand
 * (`backwatch --config-dir D serve --listen …` and `backwatch serve --listen … --config-dir D`
 * are the same), and the flags of the commands that share one option table.
 */
import { parseArgs } from 'node:util';
import { CliError, parseFailure, type Flags } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { MAINTENANCE_OPTIONS } from './maintenance-commands.js';
import { VENDOR_FLAGS } from './vendor-flags.js';

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
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  mail: { type: 'boolean' },
  limit: { type: 'string' },
  search: { type: 'string' },
  folder: { type: 'string' },
  tag: { type: 'string' },
  object: { type: 'string' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  'config-dir': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  ...MAINTENANCE_OPTIONS,
} as const;

const STRING_OPTIONS = new Set(Object.entries(OPTIONS).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`] : [])));

/**
 * Where the command word stands: the first argument that is neither an option nor the value of
 * one. `serveOptions` names serve's own options that take a value (its flags are its own).
 */
export function commandIndex(argv: readonly string[], serveOptions: ReadonlySet<string>): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!arg.startsWith('-') || arg === '-') return i;
    if (!arg.includes('=') && (STRING_OPTIONS.has(arg) || serveOptions.has(arg))) i += 1;
  }
  return -1;
}

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

/** The command words and flags; an option no command knows is a usage error in one line. */
export function parseCommandLine(argv: readonly string[]): { positionals: string[]; flags: Flags } {
  try {
    const { values, positionals } = parseArgs({ args: attachValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
    return { positionals, flags: values as Flags };
  } catch (error) {
    const command = argv[commandIndex(argv, new Set())];
    throw parseFailure(error, command && !command.startsWith('-') ? command : '');
  }
}

/** `unprotected,at-risk` as the state words it names (`at-risk` and `at risk` read as `at_risk`); another word is a usage error. */
export function stateWords<T extends string>(text: string, known: readonly T[]): T[] {
  const words = text
    .split(',')
    .map((w) => w.trim().toLowerCase().replace(/[ -]/g, '_'))
    .filter(Boolean);
  const bad = words.filter((w) => !(known as readonly string[]).includes(w));
  if (bad.length) throw new CliError(`Unknown state ${bad.join(', ')}: use ${known.join(', ')}.`, EXIT.usage);
  return words as T[];
}
