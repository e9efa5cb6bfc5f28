/**
 * `backwatch objects ack MACHINE` and `objects unack MACHINE`: a machine acknowledged in the state
 * it is in now no longer turns the tray red until that state changes; it stays listed and counted.
 * MACHINE is a machine's name (with `--appliance` to say where, when several bear it) or its key.
 */
import { objectAcknowledgedWords } from '../common/object-words.js';
import { OBJECT_LIST_LIMIT_MAX, type ObjectView } from '../common/object-views.js';
import { withoutControlCharacters } from '../common/text.js';
import { findByName } from './appliance-lookup.js';
import type { CliContext } from './cli-context.js';
import { CliError, type Flags } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/** The one machine a name or key names, on `--appliance` when given. */
async function machineOf(ctx: CliContext, named: string | undefined, flags: Flags, usage: string): Promise<ObjectView> {
  if (!named) throw new CliError(`Usage: backwatch ${usage} MACHINE [--appliance NAME] (a name or a key from objects --json).`, EXIT.usage);
  const appliance = typeof flags.appliance === 'string' ? await findByName(ctx, flags.appliance) : undefined;
  await ctx.core.handlers['appliances:refresh']();
  const list = await ctx.core.handlers['objects:list']({
    limit: OBJECT_LIST_LIMIT_MAX,
    text: named,
    ...(appliance ? { applianceId: appliance.id } : {}),
  });
  const byKey = list.objects.filter((o) => o.key === named);
  const matches = byKey.length > 0 ? byKey : list.objects.filter((o) => o.name.toLowerCase() === named.toLowerCase());
  const said = withoutControlCharacters(named);
  if (matches.length === 0) throw new CliError(`No machine is named "${said}"${appliance ? ` on ${appliance.name}` : ''}.`);
  if (matches.length > 1) {
    const keys = matches.map((o) => o.key).join(', ');
    throw new CliError(withoutControlCharacters(`${matches.length} machines are named "${said}": give --appliance or one key (${keys}).`));
  }
  return matches[0]!;
}

async function acknowledge(ctx: CliContext, named: string | undefined, flags: Flags, on: boolean): Promise<number> {
  const machine = await machineOf(ctx, named, flags, on ? 'objects ack' : 'objects unack');
  const done = await ctx.core.handlers['objects:acknowledge']({ key: machine.key, on });
  if (!done.ok) throw new CliError(done.message);
  const said = on
    ? objectAcknowledgedWords(machine)
    : `${machine.name} is no longer acknowledged: it turns Backwatch red while it is not protected.`;
  ctx.term.out(withoutControlCharacters(said));
  return EXIT.ok;
}

export const ackCommand = (ctx: CliContext, named: string | undefined, flags: Flags) => acknowledge(ctx, named, flags, true);
export const unackCommand = (ctx: CliContext, named: string | undefined, flags: Flags) => acknowledge(ctx, named, flags, false);
