/**
 * serve's scheduled report mail. The schedule (a cron expression, local time) is looked at again
 * every hour, so a changed setting or a jump of the clock is seen without a restart; a start
 * passed while looking sends one report, however many starts a jump skipped. A failed send is one
 * line in the log and a count in `/metrics`; the next scheduled time tries again.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CronStarts } from '../common/maintenance.js';
import type { ReportMailSettings } from '../common/settings.js';
import type { Logger } from '../core/logger.js';
import type { Scheduler, TimerHandle } from '../core/poller/scheduler.js';

/** How often the settings and the clock are read again when no start falls due sooner. */
export const REPORT_MAIL_RECHECK_MS = 3_600_000;

export interface ReportMailScheduleOptions {
  /** The report mail's settings as they are now. */
  readonly settings: () => Promise<ReportMailSettings>;
  /** Builds the report and mails it; rejects with a sentence for the admin. */
  readonly send: (mail: ReportMailSettings) => Promise<void>;
  readonly log: Logger;
  readonly registry: Registry;
  readonly now: () => number;
  readonly scheduler: Scheduler;
  readonly cronStarts: CronStarts;
}

export interface ReportMailSchedule {
  close(): void;
}

export function startReportMailSchedule(options: ReportMailScheduleOptions): ReportMailSchedule {
  const { log, now, scheduler, cronStarts } = options;
  const lastSuccess = new Gauge({
    name: 'backwatch_report_mail_last_success_timestamp_seconds',
    help: 'When the scheduled compliance report was last mailed (0: not yet).',
    registers: [options.registry],
  });
  const failures = new Counter({
    name: 'backwatch_report_mail_failures_total',
    help: 'Scheduled compliance report mails that could not be sent.',
    registers: [options.registry],
  });
  let checkedUpTo = now();
  let timer: TimerHandle | null = null;
  let closed = false;

  const nextStart = (mail: ReportMailSettings, fromMs: number): number | null =>
    mail.enabled ? (cronStarts(mail.schedule, fromMs + 1, fromMs + REPORT_MAIL_RECHECK_MS + 1)[0] ?? null) : null;

  const arm = (mail: ReportMailSettings | null) => {
    if (closed) return;
    const at = now();
    const next = mail === null ? null : nextStart(mail, at);
    timer = scheduler.setTimeout(() => void wake(), next === null ? REPORT_MAIL_RECHECK_MS : next - at);
  };

  const readSettings = () =>
    options.settings().catch((error: unknown) => {
      log.error(`The report mail's settings cannot be read: ${(error as Error).message}`);
      return null;
    });

  const attempt = async (mail: ReportMailSettings) => {
    try {
      await options.send(mail);
      lastSuccess.set(now() / 1000);
      log.info('Report mailed', { to: mail.to.length, schedule: mail.schedule });
    } catch (error) {
      failures.inc();
      log.error(`${(error as Error).message} It is tried again at the next scheduled time.`);
    }
  };

  const wake = async () => {
    timer = null;
    const mail = await readSettings();
    if (mail === null) return arm(null);
    const at = now();
    const due = mail.enabled && cronStarts(mail.schedule, checkedUpTo + 1, at + 1).length > 0;
    checkedUpTo = at;
    if (due) await attempt(mail);
    arm(mail);
  };

  void readSettings().then(arm);
  return {
    close() {
      closed = true;
      if (timer !== null) scheduler.clearTimeout(timer);
    },
  };
}
