/** Finding a configured appliance by the name the admin typed (case and Unicode form do not matter). */
import type { ApplianceView } from '../common/snapshot.js';
import { withoutControlCharacters as shown } from '../common/text.js';
import { sameName } from '../common/text.js';
import type { CliContext } from './cli-context.js';
import { CliError } from './cli-error.js';

export async function findByName(ctx: CliContext, name: string | undefined): Promise<ApplianceView> {
  if (!name) throw new CliError('Name the appliance.');
  const all = await ctx.core.handlers['appliances:list']();
  const found = all.find((a) => sameName(a.name, name));
  if (!found) throw new CliError(`No appliance is named "${shown(name)}". Known: ${shown(all.map((a) => a.name).join(', ') || 'none')}.`);
  return found;
}
