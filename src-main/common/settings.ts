import type { MaintenanceWindow } from './maintenance.js';
import type { Appliance, CertificatePin, CredentialSource } from './model.js';
import type { ObjectAcknowledgement } from './object-acknowledgement.js';
import type { ExclusionRule } from './object-coverage.js';

/** Which change events raise a desktop notification. */
export interface NotificationRules {
  readonly failure: boolean;
  readonly recovery: boolean;
  readonly applianceProblems: boolean;
  readonly missedRuns: boolean;
  readonly overruns: boolean;
  /** A job had no successful backup within its RPO ("protection restored" follows `recovery`). */
  readonly rpoBreaches: boolean;
  /** More events than this in one poll become a single digest notification. */
  readonly digestThreshold: number;
}

/** A daily window (local time, `HH:MM`) in which notifications are held. `start > end` wraps midnight. */
export interface QuietHours {
  readonly enabled: boolean;
  readonly start: string;
  readonly end: string;
}

/** A per-job mute or acknowledgement; `until` null means "until changed". */
export interface JobFlag {
  readonly until: string | null;
}

/**
 * An acknowledged problem of a job: clears its red until the next failure or the next RPO breach.
 * Either part may be absent; `acknowledgementOf` (status-rules) builds one from a job's state.
 */
export interface Acknowledgement extends JobFlag {
  /** The failed session that was acknowledged, null when no failure was. */
  readonly sessionId: string | null;
  /** The RPO breach that was acknowledged (`JobState.rpoBreach`: the last success's session id, or `never`). */
  readonly rpoBreach?: string;
}

/** A per-job RPO; `rpoSec` null switches the check off for that job. */
export interface JobRpo {
  readonly rpoSec: number | null;
}

export interface Settings {
  /** Poll interval while an appliance is idle, seconds. */
  readonly pollIntervalSec: number;
  /** Poll interval while any session of the appliance is active, seconds. */
  readonly activePollIntervalSec: number;
  /** Upper bound of the failure back-off, seconds. */
  readonly maxBackoffSec: number;
  /** Sessions kept in memory per appliance. */
  readonly sessionWindow: number;
  /** Days of session history the history database keeps. */
  readonly historyRetentionDays: number;
  /** How late a scheduled run may start before it counts as missed, minutes. */
  readonly missedRunGraceMin: number;
  /** Recovery point objective, seconds: a job with no successful backup ended within it is at risk. */
  readonly rpoSec: number;
  /** When true a session that ended with warnings does not count as a successful backup. */
  readonly warningsAreUnprotected: boolean;
  /** RPO overrides keyed by `jobKey(applianceId, jobId)`. */
  readonly jobRpo: Readonly<Record<string, JobRpo>>;
  readonly notifications: NotificationRules;
  readonly quietHours: QuietHours;
  /** Keyed by `jobKey(applianceId, jobId)`. */
  readonly mutedJobs: Readonly<Record<string, JobFlag>>;
  /** Keyed by `jobKey(applianceId, jobId)`. */
  readonly acknowledged: Readonly<Record<string, Acknowledgement>>;
  readonly startAtLogin: boolean;
  /** ISO time until which notifications are paused, or null. */
  readonly notificationsPausedUntil: string | null;
  /** Serve mode's CCTray feed shows a job whose last session ended with warnings as Success (Failure by default). */
  readonly cctrayWarningIsSuccess: boolean;
  /** The desktop app checks for, downloads and offers new versions (where the install can update itself). */
  readonly automaticUpdates: boolean;
  /** Planned downtime: what a window covers is held from notifications and left out of compliance while it is open. */
  readonly maintenanceWindows: readonly MaintenanceWindow[];
  /** What becomes of notifications held in a window: one digest when it closes, or dropped. */
  readonly maintenanceNotices: MaintenanceNotices;
  // Protected objects: how often they are read, what is left out, and objects' own RPOs.
  /** Each appliance's objects are read this often, minutes (and after a run of a job that covers them). */
  readonly objectReadIntervalMin: number;
  /** Rules that leave objects out of protection; excluded objects are still listed and counted. */
  readonly objectExclusions: readonly ExclusionRule[];
  /** RPO overrides keyed by an object's key (`CoveredObject.key`); `rpoSec` null switches the check off. */
  readonly objectRpo: Readonly<Record<string, JobRpo>>;
  /** `backwatch serve` mails the compliance report on a schedule. */
  readonly reportMail: ReportMailSettings;
  /** Machines acknowledged in the state they were in, keyed by an object's key. */
  readonly objectAcknowledged: Readonly<Record<string, ObjectAcknowledgement>>;
}

/**
 * The scheduled report mail of `backwatch serve`. The SMTP password is never here: it is in the
 * keychain (account `REPORT_MAIL_ACCOUNT`) or in the environment variable `smtpPasswordEnv` names.
 */
export interface ReportMailSettings {
  readonly enabled: boolean;
  /** When to send: a cron expression in local time (`0 7 * * 1` is Monday 07:00). */
  readonly schedule: string;
  /** The report covers this many days up to the moment it is sent. */
  readonly lastDays: number;
  readonly smtpHost: string;
  readonly smtpPort: number;
  /** `starttls` upgrades a plain connection (port 587); `tls` speaks TLS from the start (port 465). */
  readonly smtpSecurity: 'starttls' | 'tls';
  /** Null when the server takes mail without logging in. */
  readonly smtpUsername: string | null;
  /** The variable holding the SMTP password; null means the keychain. */
  readonly smtpPasswordEnv: string | null;
  /** A PEM file of the CA (or the certificate itself) that vouches for the SMTP server; null means the system's CAs. */
  readonly smtpCaFile: string | null;
  readonly from: string;
  readonly to: readonly string[];
}

/** The keychain account of the report mail's SMTP password. */
export const REPORT_MAIL_ACCOUNT = 'report-mail-smtp';

export type MaintenanceNotices = 'digest' | 'drop';

/** Maintenance windows kept at most: the team API's operate tokens may add them. */
export const MAX_MAINTENANCE_WINDOWS = 200;

export const DEFAULT_SETTINGS: Settings = {
  pollIntervalSec: 60,
  activePollIntervalSec: 10,
  maxBackoffSec: 300,
  sessionWindow: 2000,
  historyRetentionDays: 400,
  missedRunGraceMin: 15,
  // A daily job plus two hours of slack for a run that starts late or takes long.
  rpoSec: 26 * 3600,
  warningsAreUnprotected: false,
  jobRpo: {},
  notifications: {
    failure: true,
    recovery: true,
    applianceProblems: true,
    missedRuns: true,
    overruns: false,
    rpoBreaches: true,
    digestThreshold: 3,
  },
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  mutedJobs: {},
  acknowledged: {},
  startAtLogin: false,
  notificationsPausedUntil: null,
  cctrayWarningIsSuccess: false,
  automaticUpdates: true,
  maintenanceWindows: [],
  maintenanceNotices: 'digest',
  objectReadIntervalMin: 15,
  objectExclusions: [],
  objectRpo: {},
  reportMail: {
    enabled: false,
    schedule: '0 7 * * 1',
    lastDays: 7,
    smtpHost: '',
    smtpPort: 587,
    smtpSecurity: 'starttls',
    smtpUsername: null,
    smtpPasswordEnv: null,
    smtpCaFile: null,
    from: '',
    to: [],
  },
  objectAcknowledged: {},
};

/**
 * A shared `backwatch serve` this desktop reads instead of the appliances. Its token is in the
 * keychain (see `teamServerAccount`) or in an environment variable, never in the file.
 */
export interface TeamServerSource {
  /** `https://host:port` of the server. */
  readonly url: string;
  readonly credential: CredentialSource;
  /** The server's certificate as the admin accepted it; absent when the system's CAs vouch for it. */
  readonly certificate?: CertificatePin;
}

/** The keychain account of the team server's token in earlier versions; now the prefix of one per folder and server. */
export const TEAM_SERVER_ACCOUNT = 'team-server';

/** The configuration file shared by the desktop app and the CLI. Holds no secret. */
export interface ConfigData {
  readonly schemaVersion: number;
  readonly appliances: readonly Appliance[];
  readonly settings: Settings;
  /**
   * The team server this desktop reads, when it reads one. Reading a file gives the usable entry or
   * nothing (an unusable entry stays in the file, set aside); saving `null` removes the entry.
   */
  readonly teamServer?: TeamServerSource | null;
}

export const CONFIG_SCHEMA_VERSION = 1;

/** The whole-number settings' bounds, and what a person calls each: the config schema checks them, the Settings form offers them. */
export const SETTING_BOUNDS = {
  pollIntervalSec: { min: 5, max: 86_400, label: 'the idle poll interval' },
  activePollIntervalSec: { min: 2, max: 3600, label: 'the poll interval while a backup runs' },
  maxBackoffSec: { min: 10, max: 86_400, label: 'the longest wait between retries' },
  sessionWindow: { min: 10, max: 100_000, label: 'the number of sessions kept per appliance' },
  historyRetentionDays: { min: 7, max: 3660, label: 'the days of history kept' },
  missedRunGraceMin: { min: 0, max: 1440, label: 'the grace before a run counts as missed' },
  digestThreshold: { min: 1, max: 100, label: 'the summary threshold' },
  objectReadIntervalMin: { min: 1, max: 1440, label: 'the interval between object reads' },
} as const;

export type BoundedSetting = keyof typeof SETTING_BOUNDS;

/** What a bounded setting takes, as the form and the services say it ("The idle poll interval is a whole number from 5 to 86400."). */
export function boundsSentence(setting: BoundedSetting): string {
  const { min, max, label } = SETTING_BOUNDS[setting];
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} is a whole number from ${min} to ${max}.`;
}
