/** Settings, notification pause, and the per-job flags (mute, acknowledge) the admin sets. */
import type { JobFlagRequest } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { Settings } from '../../common/settings.js';
import { jobKey } from '../../common/snapshot.js';
import { describeIssue, settingsSchema } from '../config/config-schema.js';
import { latestFailedSession } from '../session-query.js';
import { UserError } from './errors.js';
import type { ServiceContext } from './service-context.js';

type SettingsChannel = 'settings:get' | 'settings:update' | 'notifications:pause' | 'notifications:mute' | 'notifications:acknowledge';

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

export function createJobSettings(ctx: ServiceContext): Pick<IpcHandlers, SettingsChannel> {
  const { deps, mutations, status } = ctx;
  const settings = () => deps.config.read().settings;

  const updateSettings = async (change: (s: Settings) => Settings) => {
    await deps.config.update((d) => ({ ...d, settings: change(d.settings) }));
    status.publish();
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
        await updateSettings((current) => {
          const parsed = settingsSchema.safeParse({ ...current, ...patch });
          if (!parsed.success) throw new UserError(`Invalid setting: ${describeIssue(parsed.error)}`);
          saved = parsed.data;
          return saved;
        });
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
      const failed = latestFailedSession(status.fleet(), flag.applianceId, flag.jobId);
      if (failed) return setJobFlag(flag, 'acknowledged', { sessionId: failed.id, until: flag.until ?? null });
      deps.log.info(`Nothing to acknowledge: job ${flag.jobId} has no failed session.`);
    },
  };
}
