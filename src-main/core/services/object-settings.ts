/** The protected objects the window lists, and what the admin sets of them: exclusion rules and objects' own RPOs. */
import { randomUUID } from 'node:crypto';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import { liveAcknowledgements, MAX_OBJECT_ACKNOWLEDGEMENTS, objectProblemOf } from '../../common/object-acknowledgement.js';
import { queryObjects } from '../../common/object-query.js';
import { MAX_EXCLUSION_RULES } from '../../common/object-views.js';
import type { Settings } from '../../common/settings.js';
import { UserError } from './errors.js';
import type { ServiceContext } from './service-context.js';

type ObjectChannel = 'objects:list' | 'objects:exclude' | 'objects:remove-exclusion' | 'objects:set-rpo' | 'objects:acknowledge';

/** Objects with their own RPO kept at most, as for exclusion rules. */
export const MAX_OBJECT_RPOS = 5_000;

const withoutKey = <T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

export function createObjectSettings(ctx: ServiceContext): Pick<IpcHandlers, ObjectChannel> {
  const { deps, mutations, status } = ctx;

  const updateSettings = async (change: (s: Settings) => Settings) => {
    await deps.config.update((d) => ({ ...d, settings: change(d.settings) }));
    status.publish();
    status.publishSettings();
  };

  return {
    'objects:list': async (query) => {
      await ctx.ready;
      return queryObjects(status.objects(), query, deps.config.read().settings.objectExclusions);
    },
    'objects:exclude': ({ applianceId, match }) =>
      mutations.guard('Adding an exclusion', async () => {
        if (applianceId !== null) ctx.findOrFail(applianceId);
        const rule = { id: randomUUID(), applianceId, match };
        await updateSettings((s) => {
          if (s.objectExclusions.length >= MAX_EXCLUSION_RULES)
            throw new UserError(`At most ${MAX_EXCLUSION_RULES} exclusion rules can be kept.`);
          return { ...s, objectExclusions: [...s.objectExclusions, rule] };
        });
        return rule;
      }),
    'objects:remove-exclusion': (ruleId) =>
      mutations.guard('Removing an exclusion', async () => {
        await updateSettings((s) => {
          if (!s.objectExclusions.some((rule) => rule.id === ruleId)) throw new UserError('That exclusion rule no longer exists.');
          return { ...s, objectExclusions: s.objectExclusions.filter((rule) => rule.id !== ruleId) };
        });
      }),
    'objects:set-rpo': ({ key, rpoSec }) =>
      mutations.guard("Setting an object's RPO", async () => {
        await updateSettings((s) => {
          const kept = withoutKey(s.objectRpo, key);
          if (rpoSec === 'default') return { ...s, objectRpo: kept };
          if (Object.keys(kept).length >= MAX_OBJECT_RPOS)
            throw new UserError(`At most ${MAX_OBJECT_RPOS} objects can have their own RPO.`);
          return { ...s, objectRpo: { ...kept, [key]: { rpoSec } } };
        });
      }),
    'objects:acknowledge': ({ key, on }) =>
      mutations.guard('Acknowledging a machine', async () => {
        const judged = status.objects()?.objects ?? [];
        const view = judged.find((object) => object.key === key);
        // The acknowledgement names the state the machine is in now: it lapses when that changes.
        const problem = view === undefined ? null : objectProblemOf(view);
        if (on && view === undefined) throw new UserError('Backwatch does not know this machine (any more).');
        if (on && problem === null) throw new UserError(`${view!.name} is ${view!.state}: there is nothing to acknowledge.`);
        await updateSettings((s) => {
          const kept = liveAcknowledgements(withoutKey(s.objectAcknowledged, key), judged);
          if (!on || problem === null) return { ...s, objectAcknowledged: kept };
          if (Object.keys(kept).length >= MAX_OBJECT_ACKNOWLEDGEMENTS)
            throw new UserError(`At most ${MAX_OBJECT_ACKNOWLEDGEMENTS} machines can be acknowledged at once.`);
          return { ...s, objectAcknowledged: { ...kept, [key]: { problem } } };
        });
      }),
  };
}
