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

/** The settings with `patch` applied, as the schema reads them; refused in the schema's words. */
export function mergedSettings(current: Settings, patch: Partial<Settings>): Settings {
  const parsed = settingsSchema.safeParse({ ...current, ...patch });
  if (!parsed.success) throw new UserError(`Invalid setting: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

export function createJobSettings(ctx: ServiceContext): Pick<IpcHandlers, SettingsChannel> {
  const { deps, mutations, status } = ctx;
  const settings = () => deps.config.read().settings;

  const updateSettings = async (change: (s: Settings) => Settings) => {
    await deps.config.update((d) => ({ ...d, settings: change(d.settings) }));
    status.publish();
    status.publishSettings();
  };

  const setJobFlag = (flag: JobFlagRequest, field: 'mutedJobs' | 'acknowledged', value: Settings[typeof field][string] | null) =>
    mutations.serial(async () => {
      const key = jobKey(flag.applianceId, flag.jobId);
      await updateSettings((s) => ({ ...s, [field]: value === null ? withoutKey(s[field], key) : { ...s[field], [key]: value } }));
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
      const job = status.jobs({ applianceId: flag.applianceId }).find((j) => j.jobId === flag.jobId);
      // One acknowledgement covers what turns the job red now: its failure and its RPO breach.
      const acknowledgement = job ? acknowledgementOf(job, flag.until ?? null) : null;
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
