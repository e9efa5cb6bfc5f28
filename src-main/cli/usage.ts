/**
 * What `backwatch --help` and each command's `--help` print, from one list: the global usage is
 * every command's synopsis; a command's own usage adds what it does and its options.
 */
import { EXIT_CODES } from './exit-codes.js';
import { VENDOR_CHOICES, vendorFlagUsage } from './vendor-flags.js';

interface CommandUsage {
  /** The command's words, e.g. `serve token add`. */
  readonly path: string;
  /** What follows the words in the synopsis. */
  readonly args: string;
  readonly about: string;
  /** Further lines of the command's own help. */
  readonly more?: string;
}

const TRUST = '[--trust-fingerprint SHA256 | --trust-on-first-use]';

const COMMANDS: readonly CommandUsage[] = [
  {
    path: 'appliance add',
    args: `--vendor ${VENDOR_CHOICES} --name NAME --url https://HOST[:PORT] --username USER\n    (--password-stdin | --password-env VAR) ${TRUST}`,
    about: 'add an appliance after testing the connection; the password goes to the keychain, or stays in VAR',
    more: `Vendor options:\n${vendorFlagUsage('  ')}\nWithout a trust flag, a terminal shows the certificate's fingerprint and asks.`,
  },
  { path: 'appliance list', args: '[--json]', about: 'the configured appliances, without polling them' },
  { path: 'appliance remove', args: 'NAME', about: 'remove an appliance, its history and its stored password' },
  { path: 'appliance test', args: 'NAME', about: 'log in to an appliance and read it once' },
  { path: 'appliance trust', args: `NAME ${TRUST}`, about: 'pin the certificate an appliance presents now' },
  {
    path: 'status',
    args: '[--json] [--timeout SECONDS]',
    about: 'one poll of every appliance, as a monitoring plugin: BACKWATCH STATE - summary | perfdata',
    more: 'Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (no data, no answer within the timeout: 30 s for all\nappliances together unless --timeout says otherwise).',
  },
  {
    path: 'jobs',
    args: '[--appliance NAME] [--state protected,at_risk,disabled,new] [--json]',
    about: 'every job: protection against its RPO, last outcome and success, next run',
  },
  {
    path: 'job rpo',
    args: 'APPLIANCE JOB 12h|off|default',
    about: "a job's own recovery point objective (default: its kind's, else the global one, 26h)",
  },
  {
    path: 'objects',
    args: '[--appliance NAME] [--state unprotected,at_risk,protected,excluded] [--search TEXT] [--json]',
    about:
      'every machine, mailbox or site backed up or listed by an inventory, worst first, and the\n    coverage of each inventory ("42 of 44 machines in vcenter-prod are protected")',
  },
  {
    path: 'objects exclude',
    args: '(--name PATTERN | --folder PATH | --tag TAG | --object KEY) [--appliance NAME]',
    about: 'leave objects out of protection, everywhere or on one appliance; they are still listed and counted',
  },
  { path: 'objects include', args: 'RULE', about: 'remove an exclusion rule (its id is in objects --json)' },
  {
    path: 'objects ack',
    args: 'MACHINE [--appliance NAME]',
    about:
      'acknowledge a machine not protected: it stays listed and counted, and turns the tray red\n    again once its state changes (a name, or a key from objects --json)',
  },
  { path: 'objects unack', args: 'MACHINE [--appliance NAME]', about: 'stop acknowledging a machine' },
  {
    path: 'sessions',
    args: '[--appliance NAME] [--status LIST] [--since 24h] [--limit N] [--json]',
    about: 'the latest sessions, newest first; a running one shows how long it has run',
  },
  {
    path: 'report',
    args: '[--since 30d | --from YYYY-MM-DD --to YYYY-MM-DD] [--appliance NAME] [--format csv|html|json]',
    about:
      'compliance over a period (default the last 30 days) from the stored history, on stdout:\n    per job the share of time protected, runs, failures, the longest gap and the last success',
    more: 'Days are UTC days; --to is included. The report carries the SHA-256 of its job rows and says how to check it.\nHTML is one self-contained file that prints on A4 and Letter.',
  },
  {
    path: 'report --mail',
    args: '[--since 30d | --from YYYY-MM-DD --to YYYY-MM-DD] [--appliance NAME] [--password-stdin]',
    about: "mail the report now as serve's schedule does (settings.reportMail): HTML body, CSV attached",
    more: "Without a period, the mail's own (lastDays). --password-stdin first keeps the piped SMTP password in the keychain.",
  },
  {
    path: 'watch',
    args: '[--jsonl] [--interval SECONDS]',
    about:
      'poll until Ctrl-C: in a terminal a live screen (problems, running jobs, a summary line),\n    else one line per change, or one JSON change event per line with --jsonl',
  },
  {
    path: 'demo',
    args: '[--jsonl]',
    about: 'start simulators of every vendor and watch them; nothing of the demo is kept once it stops',
  },
  {
    path: 'serve',
    args: '[--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--public-name NAME] [--trusted-proxy IP]',
    about:
      'headless server for a team: polls and serves /metrics, /cctray.xml, /healthz and /api/v1;\n    loopback (127.0.0.1:9847) unless TLS is given',
  },
  { path: 'serve token add', args: 'NAME --scope read|operate', about: 'a token for the team API (/api/v1), printed once' },
  { path: 'serve token list', args: '[--json]', about: "the team API's tokens" },
  { path: 'serve token remove', args: 'NAME', about: 'revoke a token; its event streams end' },
  {
    path: 'server add',
    args: `https://HOST:PORT [--token-env VAR] ${TRUST}`,
    about:
      "read a shared backwatch serve instead of the appliances (status, jobs, sessions, watch\n    then show the server's); the token goes to the keychain",
  },
  { path: 'server remove', args: '', about: 'watch the appliances configured here again' },
  {
    path: 'maintenance add',
    args: 'NAME [--appliance NAME [--job JOB]]\n    (--from TIME --to TIME | --days sat,sun --start 22:00 --end 04:00 | --cron EXPR --duration 4h)',
    about: 'planned downtime, in local time: what it covers is held from notifications and left out of compliance',
    more: 'Without --appliance it covers everything. TIME is local ("2026-12-24 22:00") or ISO with an offset.\nEXPR has five cron fields, e.g. "0 22 * * 6" (Saturdays at 22:00).',
  },
  { path: 'maintenance list', args: '[--json]', about: 'the maintenance windows, and until when an open one runs' },
  { path: 'maintenance remove', args: 'ID', about: 'remove a maintenance window (its id is in the list)' },
];

const GLOBAL_OPTIONS = 'Options (anywhere on the line): --config-dir DIR (or BACKWATCH_CONFIG_DIR), --verbose, --help, --version';

/** A command's synopsis and, under it, what it does. */
const entry = (c: CommandUsage) => `  ${synopsis(c)}\n      ${c.about.replace(/\n {4}/g, '\n      ')}`;

const synopsis = (c: CommandUsage) => `backwatch ${c.path}${c.args ? ` ${c.args}` : ''}`;

const exitTable = EXIT_CODES.map((e) => `  ${String(e.code).padStart(2)}  ${e.meaning}`).join('\n');

export const USAGE = [
  'Usage: backwatch <command> [options]',
  '',
  'Commands:',
  ...COMMANDS.map(entry),
  '',
  GLOBAL_OPTIONS,
  `Each command answers --help with its own usage.\n\nExit codes:\n${exitTable}`,
].join('\n');

/** The command words the arguments name, up to the first that names no known command. */
function knownWords(words: readonly string[]): string {
  let path = '';
  for (const word of words) {
    const next = path ? `${path} ${word}` : word;
    if (!COMMANDS.some((c) => c.path === next || c.path.startsWith(`${next} `))) break;
    path = next;
  }
  return path;
}

/** The help of the command the words name: its usage, or the usage of a group's commands; else the global usage. */
export function usageOf(words: readonly string[]): string {
  const path = knownWords(words);
  if (!path) return USAGE;
  const exact = COMMANDS.find((c) => c.path === path);
  if (exact)
    return [
      `Usage: ${synopsis(exact)}`,
      '',
      `  ${exact.about.replace(/\n {4}/g, '\n  ')}`,
      ...(exact.more ? ['', exact.more] : []),
      '',
      GLOBAL_OPTIONS,
    ].join('\n');
  const group = COMMANDS.filter((c) => c.path.startsWith(`${path} `));
  return [`Usage: backwatch ${path} <command>`, '', ...group.map(entry), '', GLOBAL_OPTIONS].join('\n');
}
