/** `backwatch maintenance add|list|remove`: planned downtime for everything, one appliance or one job. */
import { parseDuration } from '../common/duration.js';
import type { MaintenanceDraft, MaintenanceWindowView } from '../common/ipc-contract.js';
import type { MaintenanceSchedule, MaintenanceScope } from '../common/maintenance.js';
import { DAY_NAMES, localDateTime, scheduleWords, scopeWords } from '../common/maintenance-words.js';
import { withoutControlCharacters as shown, sameName } from '../common/text.js';
import { findByName } from './appliance-lookup.js';
import type { CliContext } from './cli-context.js';
import { CliError, type Flags } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { table } from './report.js';

/** The options `maintenance add` reads beyond `--from` and `--to`, which `report` shares (merged into the command line's one table). */
export const MAINTENANCE_OPTIONS = {
  job: { type: 'string' },
  days: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  cron: { type: 'string' },
  duration: { type: 'string' },
} as const;

const usage = (message: string) => new CliError(message, EXIT.usage);
const text = (flags: Flags, name: string): string | undefined => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);

/** `2026-12-24 22:00` in local time, or an ISO time with its offset; epoch ms. */
function instantOf(value: string, option: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(value.trim());
  const ms = local ? new Date(+local[1]!, +local[2]! - 1, +local[3]!, +local[4]!, +local[5]!).getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw usage(`--${option} takes a local time such as "2026-12-24 22:00" or an ISO time.`);
  return ms;
}

function daysOf(value: string): number[] {
  const days = value.split(',').map((d) => DAY_NAMES.indexOf(d.trim().toLowerCase().slice(0, 3) as (typeof DAY_NAMES)[number]));
  if (days.some((d) => d < 0)) throw usage('--days takes day names separated by commas, e.g. sat,sun.');
  return [...new Set(days)].sort();
}

function scheduleOf(flags: Flags): MaintenanceSchedule {
  const [from, to, days, cron] = [text(flags, 'from'), text(flags, 'to'), text(flags, 'days'), text(flags, 'cron')];
  if ([from ?? to, days, cron].filter((v) => v !== undefined).length !== 1)
    throw usage('Give one schedule: --from TIME --to TIME, or --days LIST --start HH:MM --end HH:MM, or --cron EXPR --duration 4h.');
  if (cron !== undefined) {
    const duration = parseDuration(text(flags, 'duration') ?? '');
    if (!duration.ok || duration.seconds === null) throw usage('--cron needs --duration, e.g. 4h or 90m.');
    return { kind: 'cron', expression: cron, durationMin: Math.round(duration.seconds / 60) };
  }
  if (days !== undefined) {
    const [start, end] = [text(flags, 'start'), text(flags, 'end')];
    if (!start || !end) throw usage('--days needs --start and --end, e.g. --start 22:00 --end 04:00.');
    return { kind: 'weekly', days: daysOf(days), start, end };
  }
  if (!from || !to) throw usage('A one-off window needs both --from and --to.');
  return { kind: 'once', fromMs: instantOf(from, 'from'), toMs: instantOf(to, 'to') };
}

async function scopeOf(ctx: CliContext, flags: Flags): Promise<MaintenanceScope> {
  const [applianceName, jobName] = [text(flags, 'appliance'), text(flags, 'job')];
  if (applianceName === undefined) {
    if (jobName !== undefined) throw usage('--job needs --appliance: the appliance the job runs on.');
    return { kind: 'all' };
  }
  const appliance = await findByName(ctx, applianceName);
  if (jobName === undefined) return { kind: 'appliance', applianceId: appliance.id };
  await ctx.core.handlers['appliances:refresh']();
  const jobs = await ctx.core.handlers['jobs:list']({ applianceId: appliance.id });
  const job = jobs.find((j) => j.jobId === jobName) ?? jobs.find((j) => sameName(j.jobName, jobName));
  if (!job) throw new CliError(`${appliance.name} has no job named "${shown(jobName)}".`);
  return { kind: 'job', applianceId: appliance.id, jobId: job.jobId };
}

async function listWindows(ctx: CliContext, flags: Flags): Promise<number> {
  const windows = await ctx.core.handlers['maintenance:list']();
  if (flags.json === true) {
    ctx.term.out(JSON.stringify(windows, null, 2));
    return EXIT.ok;
  }
  if (windows.length === 0) {
    ctx.term.out('No maintenance window. Add one with: backwatch maintenance add --help');
    return EXIT.ok;
  }
  const names = new Map((await ctx.core.handlers['appliances:list']()).map((a) => [a.id, a.name]));
  const scope = (w: MaintenanceWindowView) =>
    scopeWords(
      w.scope,
      (id) => names.get(id) ?? id,
      (_, jobId) => jobId,
    );
  const rows = windows.map((w) => [
    w.id,
    shown(w.label),
    scope(w),
    scheduleWords(w.schedule),
    w.openUntil === null ? '—' : `until ${localDateTime(Date.parse(w.openUntil))}`,
  ]);
  ctx.term.out(table([['ID', 'NAME', 'COVERS', 'WHEN', 'OPEN'], ...rows]));
  return EXIT.ok;
}

export async function maintenanceCommand(
  ctx: CliContext,
  action: string | undefined,
  args: readonly string[],
  flags: Flags,
): Promise<number> {
  switch (action) {
    case 'list':
      return listWindows(ctx, flags);
    case 'add': {
      const [label] = args;
      if (!label) throw usage('Name the window: backwatch maintenance add NAME ...');
      const draft: MaintenanceDraft = { label, scope: await scopeOf(ctx, flags), schedule: scheduleOf(flags) };
      const added = await ctx.core.handlers['maintenance:add'](draft);
      if (!added.ok) throw new CliError(added.message);
      ctx.term.out(`Added maintenance window ${added.value.id}: ${shown(label)}, ${scheduleWords(added.value.schedule)}.`);
      return EXIT.ok;
    }
    case 'remove': {
      const [id] = args;
      if (!id) throw usage('Name the window to remove by its id (backwatch maintenance list shows them).');
      const removed = await ctx.core.handlers['maintenance:remove'](id);
      if (!removed.ok) throw new CliError(removed.message);
      ctx.term.out(`Removed maintenance window ${shown(id)}.`);
      return EXIT.ok;
    }
    default:
      throw usage(
        action
          ? `Unknown maintenance command "${shown(action)}": use add, list or remove.`
          : 'backwatch maintenance needs a command: add, list or remove.',
      );
  }
}
