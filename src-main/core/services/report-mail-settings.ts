/**
 * The scheduled report mail as the Settings view edits it: read with whether an SMTP password is
 * saved and when serve sends next; saved with the password going one way, into the keychain.
 */
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { ReportMailView } from '../../common/ipc-contract.js';
import type { CronStarts } from '../../common/maintenance.js';
import { REPORT_MAIL_ACCOUNT, type ReportMailSettings } from '../../common/settings.js';
import { cronStarts } from '../maintenance/cron-starts.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { messageOf, UserError } from './errors.js';
import type { ServiceContext } from './service-context.js';

/** How far ahead the next send is looked for: a yearly schedule still has one. */
const NEXT_SEND_HORIZON_MS = 367 * 86_400_000;
const WEEK_MS = 7 * 86_400_000;

/** When serve sends the report next after `nowMs` (ISO), or null when the mail is off or no start falls within the horizon. */
export function nextReportMailSend(mail: ReportMailSettings, nowMs: number, starts: CronStarts = cronStarts): string | null {
  if (!mail.enabled) return null;
  // A start at `nowMs` itself is being sent now: the next one is after it, as serve's schedule counts.
  // A week at a time: a weekly schedule is found in the first, without working out the year.
  for (let from = nowMs + 1; from <= nowMs + NEXT_SEND_HORIZON_MS; from += WEEK_MS) {
    const [next] = starts(mail.schedule, from, Math.min(from + WEEK_MS, nowMs + NEXT_SEND_HORIZON_MS + 1));
    if (next !== undefined) return new Date(next).toISOString();
  }
  return null;
}

const passwordState = (secrets: SecretStore): Promise<ReportMailView['password']> =>
  secrets.get(REPORT_MAIL_ACCOUNT).then(
    (stored) => (stored === null ? 'none' : 'saved'),
    () => 'unreachable',
  );

/** Stores a new SMTP password, or deletes the saved one (`null`); a keychain that refuses is said in one line. */
async function keepPassword(secrets: SecretStore, password: string | null): Promise<void> {
  try {
    await (password === null ? secrets.delete(REPORT_MAIL_ACCOUNT) : secrets.set(REPORT_MAIL_ACCOUNT, password));
  } catch (error) {
    throw new UserError(
      `The SMTP password could not be ${password === null ? 'deleted from' : 'saved in'} the keychain: ${messageOf(error)}`,
    );
  }
}

export function createReportMailSettings(ctx: ServiceContext): Pick<IpcHandlers, 'report-mail:get' | 'report-mail:save'> {
  const { deps, mutations, status } = ctx;
  const view = async (): Promise<ReportMailView> => {
    const mail = deps.config.read().settings.reportMail;
    return { mail, password: await passwordState(deps.secrets), nextSendAt: nextReportMailSend(mail, deps.now()) };
  };
  return {
    'report-mail:get': async () => ({ ok: true, value: await view() }),
    'report-mail:save': ({ mail, password }) =>
      mutations.guard(
        'Saving the report mail',
        async () => {
          // The password first: a keychain that refuses it leaves the settings as they were.
          if (password !== undefined) await keepPassword(deps.secrets, password);
          await deps.config.update((d) => ({ ...d, settings: { ...d.settings, reportMail: mail } }));
          status.publishSettings();
          return view();
        },
        password ?? undefined,
      ),
  };
}
