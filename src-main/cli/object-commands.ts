/**
 * `backwatch objects`: every machine, mailbox or site the appliances back up or an inventory lists,
 * worst first, with the coverage of each inventory; `objects exclude` and `objects include` keep the
 * exclusion rules of the shared config; `objects ack` and `unack` (object-ack-commands.ts) acknowledge a machine.
 */
import { formatRpo } from '../common/duration.js';
import { formatRelative } from '../common/format.js';
import type { ExclusionRule } from '../common/object-coverage.js';
import { OBJECT_LIST_LIMIT_MAX, type ExclusionDraft, type ObjectList, type ObjectView } from '../common/object-views.js';
import { OBJECT_STATES, type ObjectState } from '../common/protected-objects.js';
import { withoutControlCharacters } from '../common/text.js';
import { findByName } from './appliance-lookup.js';
import { stateWords } from './cli-args.js';
import type { CliContext } from './cli-context.js';
import { CliError, type Flags } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { ackCommand, unackCommand } from './object-ack-commands.js';
import { table, teamServerTrouble } from './report.js';

const STATE_WORDS: Readonly<Record<ObjectState, string>> = {
  unprotected: 'Unprotected',
  at_risk: 'At risk',
  protected: 'Protected',
  excluded: 'Excluded',
};

function objectRow(view: ObjectView, now: number): string[] {
  const backedUpBy = [...new Set(view.backups.map((b) => b.applianceName))].join(', ');
  return [
    STATE_WORDS[view.state] +
      (view.reason === null ? '' : ` (${view.reason.replace(/_/g, ' ')})`) +
      (view.acknowledged ? ', acknowledged' : ''),
    view.name,
    view.kind,
    view.lastGoodPoint === null ? 'never' : formatRelative(view.lastGoodPoint, now),
    formatRpo(view.rpoSec),
    backedUpBy || '—',
    view.inventory?.applianceName ?? '—',
  ];
}

/** "42 of 44 machines in vcenter-prod are protected", and each read that failed. */
function footLines(list: ObjectList): string[] {
  const coverage = list.coverage.map((c) => {
    const judged = c.counts.protected + c.counts.at_risk + c.counts.unprotected;
    const excluded = c.counts.excluded > 0 ? ` (${c.counts.excluded} excluded)` : '';
    return `${c.counts.protected} of ${judged} machines in ${c.applianceName} are protected${excluded}.`;
  });
  const failures = list.reads.flatMap((r) => (r.error === null ? [] : [`${r.applianceName}: ${r.error}`]));
  const more = list.matching > list.objects.length ? [`…and ${list.matching - list.objects.length} more.`] : [];
  return [...more, ...coverage, ...failures];
}

export function renderObjects(list: ObjectList, now: number): string {
  const head = ['STATE', 'OBJECT', 'KIND', 'LAST GOOD POINT', 'RPO', 'BACKED UP BY', 'INVENTORY'];
  // Names and messages come from the appliances: each cell and line is cleaned, the table's own line breaks kept.
  const rows = list.objects.map((o) => objectRow(o, now).map(withoutControlCharacters));
  const body = rows.length === 0 ? 'No object matches.' : table([head, ...rows]);
  return [body, ...footLines(list).map(withoutControlCharacters)].join('\n');
}

export async function objectsCommand(ctx: CliContext, flags: Flags): Promise<number> {
  const appliance = typeof flags.appliance === 'string' ? await findByName(ctx, flags.appliance) : undefined;
  const states = typeof flags.state === 'string' ? stateWords(flags.state, OBJECT_STATES) : undefined;
  await ctx.core.handlers['appliances:refresh']();
  const server = (await ctx.core.snapshot()).teamServer;
  if (server && server.link !== 'live') throw new CliError(teamServerTrouble(server));
  const list = await ctx.core.handlers['objects:list']({
    limit: OBJECT_LIST_LIMIT_MAX,
    ...(appliance ? { applianceId: appliance.id } : {}),
    ...(states ? { states } : {}),
    ...(typeof flags.search === 'string' ? { text: flags.search } : {}),
  });
  ctx.term.out(flags.json === true ? JSON.stringify(list, null, 2) : renderObjects(list, ctx.now()));
  return EXIT.ok;
}

/** The one match an `exclude` names: `--name`, `--folder`, `--tag` or `--object`. */
function matchOf(flags: Flags): ExclusionRule['match'] {
  const given = (
    [
      ['name', (v: string) => ({ kind: 'name', pattern: v }) as const],
      ['folder', (v: string) => ({ kind: 'folder', folder: v }) as const],
      ['tag', (v: string) => ({ kind: 'tag', tag: v }) as const],
      ['object', (v: string) => ({ kind: 'object', key: v }) as const],
    ] as const
  ).flatMap(([flag, make]) => (typeof flags[flag] === 'string' ? [make(flags[flag])] : []));
  if (given.length !== 1) throw new CliError('Name one of --name PATTERN, --folder PATH, --tag TAG or --object KEY.', EXIT.usage);
  return given[0]!;
}

const ruleWords = (rule: ExclusionRule): string => {
  const { match } = rule;
  const what =
    match.kind === 'name'
      ? `named ${match.pattern}`
      : match.kind === 'folder'
        ? `in folder ${match.folder}`
        : match.kind === 'tag'
          ? `tagged ${match.tag}`
          : `with key ${match.key}`;
  return `objects ${what}`;
};

async function excludeCommand(ctx: CliContext, flags: Flags): Promise<number> {
  const match = matchOf(flags);
  const appliance = typeof flags.appliance === 'string' ? await findByName(ctx, flags.appliance) : undefined;
  const draft: ExclusionDraft = { applianceId: appliance?.id ?? null, match };
  const added = await ctx.core.handlers['objects:exclude'](draft);
  if (!added.ok) throw new CliError(added.message);
  ctx.term.out(
    withoutControlCharacters(`Excluded ${ruleWords(added.value)}${appliance ? ` on ${appliance.name}` : ''} (rule ${added.value.id}).`),
  );
  return EXIT.ok;
}

async function includeCommand(ctx: CliContext, ruleId: string | undefined): Promise<number> {
  if (!ruleId) throw new CliError('Usage: backwatch objects include RULE (the rule id `objects --json` lists).', EXIT.usage);
  const removed = await ctx.core.handlers['objects:remove-exclusion'](ruleId);
  if (!removed.ok) throw new CliError(removed.message);
  ctx.term.out(withoutControlCharacters(`Exclusion rule ${ruleId} removed.`));
  return EXIT.ok;
}

export function objectCommand(ctx: CliContext, action: string | undefined, args: readonly string[], flags: Flags): Promise<number> {
  if (action === undefined) return objectsCommand(ctx, flags);
  if (action === 'exclude') return excludeCommand(ctx, flags);
  if (action === 'include') return includeCommand(ctx, args[0]);
  if (action === 'ack') return ackCommand(ctx, args[0], flags);
  if (action === 'unack') return unackCommand(ctx, args[0], flags);
  throw new CliError(`Unknown objects command "${withoutControlCharacters(action)}": use exclude, include, ack or unack.`, EXIT.usage);
}
