/**
 * Renders scenario sessions in the shapes of the vCenter appliance backup API (seed 004 and the
 * api-notes): job details, `/job/{id}` status, schedules and error bodies, in either API style.
 */
import type { RunState, Scenario, ScenarioJob, ScenarioSession } from '../sim/scenario.js';

export type VcsaStyle = 'api' | 'rest';

/** `status` of `.../job/details`. VCSA has no "warning" or "canceled": those runs end as below. */
const DETAILS_STATUS: Readonly<Record<RunState, string>> = {
  queued: 'PENDING',
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  warning: 'SUCCEEDED',
  failed: 'FAILED',
  canceled: 'FAILED',
};

/** `state` of `.../job/{id}`. */
const JOB_STATE: Readonly<Record<RunState, string>> = {
  queued: 'NONE',
  running: 'INPROGRESS',
  succeeded: 'SUCCEEDED',
  warning: 'SUCCEEDED',
  failed: 'FAILED',
  canceled: 'FAILED',
};

const WEEKDAY_NAMES = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

const message = (id: string, text: string, args: readonly string[] = []) => ({ args, default_message: text, id });
const iso = (ms: number): string => new Date(ms).toISOString();

/** Every `/rest` answer is wrapped in `value`; `/api` answers are bare. */
export function wrap(style: VcsaStyle, payload: unknown): unknown {
  return style === 'rest' ? { value: payload } : payload;
}

/** A map: `[{key, value}]` in `/rest`, an object keyed by id in `/api`. */
export function renderMap(style: VcsaStyle, entries: readonly (readonly [string, unknown])[]): unknown {
  return style === 'rest' ? entries.map(([key, value]) => ({ key, value })) : Object.fromEntries(entries);
}

/** An error body: `/rest` `{type, value:{messages}}`, `/api` `{error_type, messages}`. */
export function renderError(style: VcsaStyle, errorType: string, messageId: string, text: string): unknown {
  const messages = [message(messageId, text)];
  return style === 'rest'
    ? { type: `com.vmware.vapi.std.errors.${errorType.toLowerCase()}`, value: { messages } }
    : { error_type: errorType, messages };
}

export class VcsaRenderer {
  constructor(
    private readonly scenario: Scenario,
    private readonly location: string,
    private readonly operator: string,
  ) {}

  private bytesOf(s: ScenarioSession): number {
    return this.scenario.resourcesOf(s).reduce((sum, r) => sum + r.bytes, 0);
  }

  private messagesOf(s: ScenarioSession): ReturnType<typeof message>[] {
    const list: ReturnType<typeof message>[] = [];
    if (s.state === 'warning') list.push(message('com.vmware.applmgmt.backup.job.warning', s.message ?? 'Completed with warnings.'));
    if (s.state === 'succeeded' || s.state === 'warning')
      list.push(message('com.vmware.applmgmt.backup.job.finished', 'Backup job finished successfully.'));
    if (s.state === 'failed' || s.state === 'canceled') list.push(message('com.vmware.applmgmt.backup.job.failed', 'Backup job failed.'));
    return list;
  }

  /** `error` of a failed job, in the error shape of the style. */
  private errorOf(style: VcsaStyle, s: ScenarioSession): unknown {
    const text = s.state === 'canceled' ? 'The backup job was canceled.' : `Backup failed: ${s.message ?? 'unknown error'}.`;
    return renderError(style, 'ERROR', 'com.vmware.applmgmt.err_backup_failed', text);
  }

  /** One entry of `.../job/details`: `end_time` only when finished, `start_time` once running. */
  details(style: VcsaStyle, s: ScenarioSession): Record<string, unknown> {
    const ended = s.endedAt !== null;
    const begun = s.startedAt !== null;
    const percent = Math.round(s.progress * 100);
    const elapsed = begun ? Math.round(((s.endedAt ?? this.scenario.now()) - (s.startedAt ?? 0)) / 1000) : null;
    return {
      cancelable: !ended,
      description: message('com.vmware.applmgmt.backup.job.description', 'Backup job'),
      ...(begun
        ? {
            duration: elapsed,
            size: this.bytesOf(s),
            progress: {
              completed: percent,
              total: 100,
              message: message(
                'com.vmware.applmgmt.backup.job.progress',
                ended ? 'Backup job completed.' : `Backing up ${s.resources[Math.min(s.total - 1, s.processed)] ?? 'data'}.`,
              ),
            },
          }
        : {}),
      ...(begun ? { start_time: iso(s.startedAt ?? 0) } : {}),
      ...(ended ? { end_time: iso(s.endedAt ?? 0) } : {}),
      ...(s.state === 'failed' || s.state === 'canceled' ? { error: this.errorOf(style, s) } : {}),
      location: `${this.location}/${s.id}`,
      location_user: 'backup',
      messages: this.messagesOf(s),
      operation: 'com.vmware.applmgmt.backup.job.create',
      service: 'com.vmware.applmgmt.backup.job',
      status: DETAILS_STATUS[s.state],
      type: s.manual ? 'MANUAL' : 'SCHEDULED',
      // Scheduled runs are performed by the system: no user.
      ...(s.manual ? { user: this.operator } : {}),
    };
  }

  /**
   * `.../job/{id}`: `state` words and `progress` as a percent. VMware's bindings require
   * `start_time`: a job not started yet gives the time it was queued.
   */
  jobStatus(s: ScenarioSession): Record<string, unknown> {
    return {
      id: s.id,
      state: JOB_STATE[s.state],
      progress: Math.round(s.progress * 100),
      messages: this.messagesOf(s),
      start_time: iso(s.startedAt ?? s.createdAt),
      ...(s.endedAt !== null ? { end_time: iso(s.endedAt) } : {}),
    };
  }

  /**
   * One schedule per scenario job, at the time of day of its next fire (UTC). For the daily job of
   * the default scenario that is its fixed time; a demo with a compressed clock moves it along, so
   * the schedule always names the fire the scenario will really make.
   */
  schedule(j: ScenarioJob): Record<string, unknown> {
    const at = new Date(j.nextRunAt ?? j.offsetMs ?? 0);
    const weekly = j.intervalMs === 7 * 86_400_000;
    return {
      parts: ['seat'],
      location: this.location,
      location_user: 'backup',
      enable: j.enabled !== false,
      recurrence_info: {
        hour: at.getUTCHours(),
        minute: at.getUTCMinutes(),
        ...(weekly ? { days: [WEEKDAY_NAMES[at.getUTCDay()]] } : {}),
      },
      retention_info: { max_count: 10 },
    };
  }
}
