/** `backwatch report`: the compliance report over a period, as CSV, HTML or JSON on stdout. */
import { REPORT_FORMATS, type ReportFormat } from '../common/compliance-report.js';
import { periodInterval, type ReportPeriod } from '../common/report-period.js';
import { REPORT_MAIL_ACCOUNT } from '../common/settings.js';
import { mailComplianceReport } from '../core/reports/report-mail.js';
import { findByName } from './appliance-lookup.js';
import type { CliContext } from './cli-context.js';
import { CliError, type Flags } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { teamServerTrouble } from './report.js';

const DEFAULT_DAYS = 30;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `--since 30d`, or `--from DATE --to DATE`, or the last 30 days. */
export function periodOf(flags: Flags): ReportPeriod {
  const [since, from, to] = [text(flags.since), text(flags.from), text(flags.to)];
  if (since !== undefined && (from !== undefined || to !== undefined)) {
    throw new CliError('Give either --since or --from and --to, not both.', EXIT.usage);
  }
  if (from !== undefined || to !== undefined) {
    if (from === undefined || to === undefined)
      throw new CliError('--from and --to go together: --from 2026-11-01 --to 2026-11-30.', EXIT.usage);
    return { from, to };
  }
  if (since === undefined) return { lastDays: DEFAULT_DAYS };
  const days = /^(\d{1,5})d$/.exec(since.trim());
  if (!days) throw new CliError(`--since takes days, like 30d, not "${since}".`, EXIT.usage);
  return { lastDays: Number(days[1]) };
}

function formatOf(flags: Flags): ReportFormat {
  const format = text(flags.format) ?? 'csv';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`--format is one of ${REPORT_FORMATS.join(', ')}, not "${format}".`, EXIT.usage);
  }
  return format as ReportFormat;
}

/**
 * `report --mail`: the report sent now by the report mail's settings (the mail's own period unless
 * one is given); `--password-stdin` first keeps the piped SMTP password in the keychain.
 */
async function mailNow(
  ctx: CliContext,
  flags: Flags,
  query: { period: ReportPeriod; applianceId: string | undefined },
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (flags.format !== undefined) throw new CliError('--mail sends the HTML report with the CSV attached: leave out --format.', EXIT.usage);
  const mail = (await ctx.core.handlers['settings:get']()).reportMail;
  if (flags['password-stdin'] === true) {
    const password = (await ctx.term.readStdin()).replace(/\r?\n$/, '');
    if (password === '') throw new CliError('No SMTP password came on stdin.', EXIT.usage);
    await ctx.secrets.set(REPORT_MAIL_ACCOUNT, password).catch((error: unknown) => {
      throw new CliError((error as Error).message);
    });
  }
  const given = [flags.since, flags.from, flags.to].some((value) => value !== undefined);
  const { applianceId } = query;
  const asked = { period: given ? query.period : { lastDays: mail.lastDays }, ...(applianceId ? { applianceId } : {}) };
  const report = await mailComplianceReport(ctx.core.handlers, mail, { secrets: ctx.secrets, env }, asked).catch((error: unknown) => {
    throw new CliError((error as Error).message);
  });
  ctx.term.out(`Report ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)} mailed to ${mail.to.join(', ')}.`);
  return EXIT.ok;
}

export async function reportCommand(ctx: CliContext, flags: Flags, env: NodeJS.ProcessEnv): Promise<number> {
  const period = periodOf(flags);
  const wrong = periodInterval(period, ctx.now());
  if (typeof wrong === 'string') throw new CliError(wrong, EXIT.usage);
  const appliance = typeof flags.appliance === 'string' ? await findByName(ctx, flags.appliance) : undefined;
  // One poll first, so the report holds the runs that ended since the last one.
  await ctx.core.handlers['appliances:refresh']();
  const server = (await ctx.core.snapshot()).teamServer;
  if (server && server.link !== 'live') throw new CliError(teamServerTrouble(server));
  if (flags.mail === true) return mailNow(ctx, flags, { period, applianceId: appliance?.id }, env);
  const format = formatOf(flags);
  const made = await ctx.core.handlers['reports:export']({ period, format, ...(appliance ? { applianceId: appliance.id } : {}) });
  if (!made.ok) throw new CliError(made.message);
  // The file as it is: a line added at its end would change what the digest's check reads.
  ctx.term.out(made.value.text.replace(/\n$/, ''));
  return EXIT.ok;
}
