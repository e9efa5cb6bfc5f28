/**
 * The report mail's form: its fields as typed, turned into the settings main checks (an empty
 * optional field is "none", recipients one a line or comma-separated), and what the form says.
 */
import { formatDateTime, formatRelative } from '../../src-main/common/format.js';
import type { ReportMailView } from '../../src-main/common/ipc-contract.js';
import type { ReportMailSettings } from '../../src-main/common/settings.js';

export interface ReportMailFields {
  enabled: boolean;
  schedule: string;
  lastDays: number;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: ReportMailSettings['smtpSecurity'];
  smtpUsername: string;
  smtpPasswordEnv: string;
  smtpCaFile: string;
  from: string;
  /** The recipients, one a line. */
  to: string;
}

export function fieldsOf(mail: ReportMailSettings): ReportMailFields {
  return {
    ...mail,
    smtpUsername: mail.smtpUsername ?? '',
    smtpPasswordEnv: mail.smtpPasswordEnv ?? '',
    smtpCaFile: mail.smtpCaFile ?? '',
    to: mail.to.join('\n'),
  };
}

const noneIfEmpty = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export function mailOf(fields: ReportMailFields): ReportMailSettings {
  return {
    ...fields,
    smtpUsername: noneIfEmpty(fields.smtpUsername),
    smtpPasswordEnv: noneIfEmpty(fields.smtpPasswordEnv),
    smtpCaFile: noneIfEmpty(fields.smtpCaFile),
    to: fields.to.split(/[\s,;]+/).filter((address) => address !== ''),
  };
}

const WEEKDAY = new Intl.DateTimeFormat(undefined, { weekday: 'long' });

/** When serve sends next, as saved: the weekday leads, since a schedule is usually weekly. */
export function nextSendWords(view: ReportMailView, now: number): string {
  if (!view.mail.enabled) return 'Not sent: the report mail is off.';
  if (view.nextSendAt === null) return 'Not sent: no time in the next year matches the schedule.';
  const at = Date.parse(view.nextSendAt);
  return `Next mail ${WEEKDAY.format(at)}, ${formatDateTime(view.nextSendAt)} (${formatRelative(view.nextSendAt, now)}).`;
}

/** What is known of the SMTP password: never the password itself. */
export function passwordWords(view: ReportMailView): string {
  if (view.mail.smtpPasswordEnv !== null) return `serve reads the password from ${view.mail.smtpPasswordEnv}, not from the keychain.`;
  if (view.password === 'saved') return 'A password is saved in the keychain.';
  return view.password === 'none' ? 'No password saved.' : 'The keychain cannot be reached: whether a password is saved is not known.';
}
