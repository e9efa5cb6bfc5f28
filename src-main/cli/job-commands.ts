/** `backwatch jobs` and `backwatch job rpo`: jobs and their protection against the RPO. */
import { formatRpo, parseRpo } from '../common/duration.js';
import { formatRelative, PROTECTION_LABELS, STATUS_LABELS } from '../common/format.js';
import type { JobView } from '../common/ipc-contract.js';
import { PROTECTION_STATES } from '../common/snapshot.js';
import { stateWords } from './cli-args.js';
import { severityRank } from '../common/severity.js';
import { jobSeverity } from '../common/status-rules.js';
import { sameName } from '../common/text.js';
import type { CliContext } from './cli-context.js';
import { EXIT } from './exit-codes.js';
import { CliError, type Flags } from './cli-error.js';
import { findByName } from './appliance-lookup.js';
import { optionalColumn, table, teamServerTrouble } from './report.js';

/** Worst first (failed, at risk, warning, running, ok, disabled), then by appliance and job name. */
function bySeverity(a: JobView, b: JobView): number {
  return (
    severityRank(jobSeverity(a)) - severityRank(jobSeverity(b)) ||
    a.applianceName.localeCompare(b.applianceName) ||
    a.jobName.localeCompare(b.jobName)
  );
}

/** The `--json` shape: stable names a script can rely on. */
function jobJson(job: JobView) {
  return {
    applianceId: job.applianceId,
    applianceName: job.applianceName,
    jobId: job.jobId,
    jobName: job.jobName,
    kind: job.kind,
    protection: job.protection,
    lastStatus: job.lastOutcome,
    lastSuccess: job.lastSuccess === null ? null : new Date(job.lastSuccess).toISOString(),
    rpoSeconds: job.rpoSec,
    nextRun: job.nextRun === null ? null : new Date(job.nextRun).toISOString(),
    successRate: job.successRate,
  };
}

function jobRow(job: JobView, kind: string[], now: number): string[] {
  const running = job.running ? ' (running)' : '';
  return [
    job.applianceName,
    job.jobName,
    ...kind,
    PROTECTION_LABELS[job.protection],
    (job.lastOutcome === null ? '—' : STATUS_LABELS[job.lastOutcome]) + running,
    job.lastSuccess === null ? 'never' : `${job.lastSuccess.slice(0, 16).replace('T', ' ')} (${formatRelative(job.lastSuccess, now)})`,
    formatRpo(job.rpoSec),
    job.nextRun === null ? '—' : formatRelative(job.nextRun, now),
    job.successRate === null ? '—' : `${Math.round(job.successRate * 100)}%`,
  ];
}

export async function jobsCommand(ctx: CliContext, flags: Flags): Promise<number> {
  const appliance = typeof flags.appliance === 'string' ? await findByName(ctx, flags.appliance) : undefined;
  const protection = typeof flags.state === 'string' ? stateWords(flags.state, PROTECTION_STATES) : undefined;
  await ctx.core.handlers['appliances:refresh']();
  const server = (await ctx.core.snapshot()).teamServer;
  if (server && server.link !== 'live') throw new CliError(teamServerTrouble(server));
  const jobs = (
    await ctx.core.handlers['jobs:list']({ ...(appliance ? { applianceId: appliance.id } : {}), ...(protection ? { protection } : {}) })
  ).sort(bySeverity);
  if (flags.json === true) ctx.term.out(JSON.stringify(jobs.map(jobJson), null, 2));
  else if (jobs.length === 0) ctx.term.out(await noJobWords(ctx, appliance !== undefined || protection !== undefined));
  else ctx.term.out(renderJobs(jobs, ctx.now()));
  return 0;
}

/** Why no job is listed: nothing configured, nothing known yet, or a filter that matched none. */
async function noJobWords(ctx: CliContext, filtered: boolean): Promise<string> {
  if (filtered) return 'No job matches.';
  if ((await ctx.core.handlers['appliances:list']()).length === 0)
    return 'No appliance is configured. Add one with: backwatch appliance add --help';
  return 'No job is known yet.';
}

/** The `jobs` table, with the kind of each job where its vendor tells kinds apart. */
export function renderJobs(jobs: readonly JobView[], now: number): string {
  const kind = optionalColumn(
    'KIND',
    jobs.map((job) => job.kind),
  );
  const head = ['APPLIANCE', 'JOB', ...kind.head, 'PROTECTION', 'LAST OUTCOME', 'LAST SUCCESS', 'RPO', 'NEXT RUN', 'SUCCESS (LAST 30)'];
  return table([head, ...jobs.map((job, i) => jobRow(job, kind.cell(i), now))]);
}

/** `job rpo APPLIANCE JOB 12h|off|default`. */
export async function jobRpoCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const [applianceName, jobName, value] = args;
  if (!applianceName || !jobName || !value) throw new CliError('Usage: backwatch job rpo APPLIANCE JOB 12h|off|default', EXIT.usage);
  const appliance = await findByName(ctx, applianceName);
  const rpo = value.trim().toLowerCase() === 'default' ? ({ ok: true, seconds: 'default' } as const) : parseRpo(value);
  if (!rpo.ok) throw new CliError(rpo.error, EXIT.usage);
  await ctx.core.handlers['appliances:refresh']();
  const jobs = await ctx.core.handlers['jobs:list']({ applianceId: appliance.id });
  const job = jobs.find((j) => j.jobId === jobName) ?? jobs.find((j) => sameName(j.jobName, jobName));
  if (!job) throw new CliError(`${appliance.name} has no job named "${jobName}".`);
  const saved = await ctx.core.handlers['jobs:set-rpo']({ applianceId: appliance.id, jobId: job.jobId, rpoSec: rpo.seconds });
  if (!saved.ok) throw new CliError(saved.message);
  const said =
    rpo.seconds === 'default' ? 'the default RPO' : rpo.seconds === null ? 'no RPO check' : `an RPO of ${formatRpo(rpo.seconds)}`;
  ctx.term.out(`${job.jobName} on ${appliance.name} now has ${said}.`);
  return 0;
}

export function jobCommand(ctx: CliContext, action: string | undefined, args: readonly string[]): Promise<number> {
  if (action === 'rpo') return jobRpoCommand(ctx, args);
  throw new CliError(action ? `Unknown job command "${action}": use rpo.` : 'backwatch job needs a command: rpo.', EXIT.usage);
}
