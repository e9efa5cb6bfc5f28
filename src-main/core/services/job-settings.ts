/** Settings, notification pause, and the per-job flags (mute, acknowledge) the admin sets. */
import type { JobFlagRequest } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { Settings } from '../../common/settings.js';
import { jobKey } from '../../common/snapshot.js';
import { describeIssue, settingsSchema } from '../config/config-schema.js';
import { acknowledgementOf } from '../../common/status-rules.js';
import { UserError } from './errors.js';
import type { ServiceContext } from './service-context.js';

type SettingsChannel =
  'settings:get' | 'settings:update' | 'notifications:pause' | 'notifications:mute' | 'notifications:acknowledge' | 'jobs:set-rpo';

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** Muted or acknowledged jobs kept at most, each: a token that may operate must not grow config.json without end. */
export const MAX_JOB_FLAGS = 5_000;

/** The settings with `patch` applied, as the schema reads them; refused in the schema's words. */
export function mergedSettings(current: Settings, patch: Partial<Settings>): Settings {
  const parsed = settingsSchema.safeParse({ ...current, ...patch });
  if (!parsed.success) throw new UserError(`Invalid setting: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

/** The flags without those of jobs their appliance no longer lists (an appliance not listed yet keeps all). */
function pruned<T>(flags: Readonly<Record<string, T>>, known: Map<string, Set<string>>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(flags).filter(([key]) => {
      for (const [applianceId, jobs] of known) {
        if (key.startsWith(`${applianceId}/`)) return jobs.has(key.slice(applianceId.length + 1));
      }
      return true;
    }),
  );
}

export function createJobSettings(ctx: ServiceContext): Pick<IpcHandlers, SettingsChannel> {
  const { deps, mutations, status } = ctx;
  const settings = () => deps.config.read().settings;

  const updateSettings = async (change: (s: Settings) => Settings) => {
    await deps.config.update((d) => ({ ...d, settings: change(d.settings) }));
    status.publish();
    status.publishSettings();
  };

  /** The jobs each appliance lists now, by appliance id (none before its first listing). */
  const knownJobs = (): Map<string, Set<string>> => {
    const known = new Map<string, Set<string>>();
    for (const job of status.jobs()) {
      const ids = known.get(job.applianceId) ?? new Set<string>();
      known.set(job.applianceId, ids.add(job.jobId));
    }
    return known;
  };

  const setJobFlag = (flag: JobFlagRequest, field: 'mutedJobs' | 'acknowledged', value: Settings[typeof field][string] | null) =>
    mutations.serial(async () => {
      const key = jobKey(flag.applianceId, flag.jobId);
      const known = knownJobs();
      if (value !== null) {
        const appliance = ctx.findOrFail(flag.applianceId);
        if (!known.get(flag.applianceId)?.has(flag.jobId))
          throw new UserError(`${appliance.name} lists no job with the id "${flag.jobId}".`);
      }
      await updateSettings((s) => {
        const kept = withoutKey(pruned(s[field], known), key);
        if (value === null) return { ...s, [field]: kept };
        if (Object.keys(kept).length >= MAX_JOB_FLAGS) throw new UserError(`At most ${MAX_JOB_FLAGS} jobs can be flagged at once.`);
        return { ...s, [field]: { ...kept, [key]: value } };
      });
    });

  return {
    'settings:get': async () => settings(),
    'settings:update': (patch) =>
      mutations.guard('Saving settings', async () => {
        let saved = settings();
        await updateSettings((current) => (saved = mergedSettings(current, patch)));
        return saved;
      }),
    'notifications:pause': ({ until }) =>
      mutations.serial(async () => {
        await updateSettings((s) => ({ ...s, notificationsPausedUntil: until }));
        deps.notificationState?.pause(until);
      }),
    'notifications:mute': (flag) => setJobFlag(flag, 'mutedJobs', flag.on ? { until: flag.until ?? null } : null),
    'notifications:acknowledge': async (flag) => {
      if (!flag.on) return setJobFlag(flag, 'acknowledged', null);
      const appliance = ctx.findOrFail(flag.applianceId);
      const job = status.jobs({ applianceId: flag.applianceId }).find((j) => j.jobId === flag.jobId);
      if (!job) throw new UserError(`${appliance.name} lists no job with the id "${flag.jobId}".`);
      // One acknowledgement covers what turns the job red now: its failure and its RPO breach.
      const acknowledgement = acknowledgementOf(job, flag.until ?? null);
      if (acknowledgement) return setJobFlag(flag, 'acknowledged', acknowledgement);
      deps.log.info(`Nothing to acknowledge: job ${flag.jobId} has neither a failure nor an RPO breach.`);
    },
    'jobs:set-rpo': ({ applianceId, jobId, rpoSec }) =>
      mutations.guard('Setting a job RPO', async () => {
        ctx.findOrFail(applianceId);
        const key = jobKey(applianceId, jobId);
        await updateSettings((s) => ({
          ...s,
          jobRpo: rpoSec === 'default' ? withoutKey(s.jobRpo, key) : { ...s.jobRpo, [key]: { rpoSec } },
        }));
      }),
  };
}
