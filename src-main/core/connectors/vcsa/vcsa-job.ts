/**
 * The vCenter appliance's one backup job: its schedules (pure parsing, no I/O), when it runs next,
 * and the order of its run ids.
 */
import type { Job } from '../../../common/model.js';
import { ConnectorError } from '../../http/errors.js';
import { asRecord, readArray, readBoolean, readNumber, readString } from '../../../common/read-fields.js';
import type { VcsaApiStyle } from '../../../common/vendors/vcsa/vcsa-options.js';
import type { VcsaParseContext } from './vcsa-parser.js';
import { VCSA_JOB_ID, VCSA_JOB_NAME, VCSA_JOB_TYPE, oddity, readMapEntries, unwrapValue } from './vcsa-parser.js';

/** A backup schedule (`.../appliance/recovery/backup/schedules`), reduced to what `nextRun` needs. */
export interface VcsaSchedule {
  readonly id: string;
  readonly enabled: boolean;
  /** Appliance time (UTC on VCSA); null when the schedule has no readable time. */
  readonly hour: number | null;
  readonly minute: number | null;
  /** Weekdays it runs on (0 = Sunday); null means every day. */
  readonly days: readonly number[] | null;
}

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** `.../appliance/recovery/backup/schedules` → schedules (map id → info). */
export function parseSchedules(body: unknown, style: VcsaApiStyle, ctx: VcsaParseContext): VcsaSchedule[] {
  const entries = readMapEntries(unwrapValue(body, style));
  if (!entries) throw new ConnectorError('malformed', 'vCenter backup schedules are not a map');
  return entries.flatMap(([id, raw]) => {
    const r = asRecord(raw);
    if (!r) {
      oddity(ctx, 'skipped a backup schedule that is not an object', { id });
      return [];
    }
    const recurrence = asRecord(r['recurrence_info']);
    const hour = readNumber(recurrence?.['hour']);
    const minute = readNumber(recurrence?.['minute']);
    const days = (readArray(recurrence?.['days']) ?? []).flatMap((d) => {
      const n = WEEKDAYS.indexOf((readString(d) ?? '').toUpperCase());
      return n < 0 ? [] : [n];
    });
    return [
      {
        id,
        enabled: readBoolean(r['enable']) ?? true,
        hour: hour !== null && hour >= 0 && hour < 24 ? Math.floor(hour) : null,
        minute: minute !== null && minute >= 0 && minute < 60 ? Math.floor(minute) : null,
        // No days listed means a daily schedule.
        days: days.length > 0 ? days : null,
      },
    ];
  });
}

const DAY_MS = 86_400_000;

/** The earliest next fire, strictly after `nowMs`, of the enabled schedules (ISO), or null. */
export function nextScheduledRun(schedules: readonly VcsaSchedule[], nowMs: number): string | null {
  const fires = schedules.flatMap((s) => {
    if (!s.enabled || s.hour === null || s.minute === null) return [];
    const today = Math.floor(nowMs / DAY_MS) * DAY_MS + (s.hour * 60 + s.minute) * 60_000;
    for (let k = 0; k <= 7; k++) {
      const at = today + k * DAY_MS;
      if (at > nowMs && (s.days === null || s.days.includes(new Date(at).getUTCDay()))) return [at];
    }
    return [];
  });
  return fires.length === 0 ? null : new Date(Math.min(...fires)).toISOString();
}

/** The appliance's single synthetic job, scheduled by its backup schedules (if any). */
export function backupJob(applianceId: string, schedules: readonly VcsaSchedule[], nowMs: number): Job {
  return {
    id: VCSA_JOB_ID,
    applianceId,
    name: VCSA_JOB_NAME,
    type: VCSA_JOB_TYPE,
    nextRun: nextScheduledRun(schedules, nowMs),
    lastRun: null,
    // Without any schedule the appliance still takes manual backups; all schedules disabled means off.
    enabled: schedules.length === 0 || schedules.some((s) => s.enabled),
  };
}

/**
 * Orders job ids by time: ids are timestamp-like (`20260122-013000-<build>`), so text order is
 * time order; only the leading date-time decides, then the whole text breaks ties.
 */
export function compareJobIds(a: string, b: string): number {
  const ka = timestampKey(a) ?? a;
  const kb = timestampKey(b) ?? b;
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** `YYYYMMDDHHMMSS` of a timestamp-like id, or null for an id of another shape. */
export function timestampKey(id: string): string | null {
  const m = /^(\d{8})-?(\d{6})/.exec(id);
  return m ? `${m[1]}${m[2]}` : null;
}

/**
 * The backfill's next ids: those below `belowId`, newest first, at most `max`, and whether more lie
 * below them. Ids of another shape cannot be placed in time: the incremental read takes them.
 */
export function olderJobIds(ids: readonly string[], belowId: string, max: number): { page: string[]; more: boolean } {
  const below = [...new Set(ids)].filter((id) => timestampKey(id) !== null && compareJobIds(id, belowId) < 0);
  below.sort((a, b) => compareJobIds(b, a));
  return { page: below.slice(0, max), more: below.length > max };
}
