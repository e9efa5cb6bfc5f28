/**
 * The one IPC contract between the main process and the window. Type-only: main, preload and
 * renderer import it with `import type`, so no runtime code crosses the boundary.
 *
 * Channel names are `domain:verb`. Requests take one argument (or none) and answer a promise;
 * events are pushed from main to the window. Secrets travel only towards main (write-only).
 */
import type {
  ApplianceOptions,
  CredentialSource,
  JobLogPage,
  PresentedCertificate,
  ResourceProgress,
  Session,
  SessionStatus,
  Vendor,
} from './model.js';
import type { JobBandQuery, JobComplianceBand } from './compliance-band.js';
import type { ComplianceQuery, ComplianceReport, PdfPageSize, ReportFile, ReportFormat } from './compliance-report.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { ExclusionRule } from './object-coverage.js';
import type { ExclusionDraft, ObjectAcknowledgeRequest, ObjectList, ObjectQuery, ObjectRpoChange } from './object-views.js';
import type { ReportMailSettings, Settings } from './settings.js';
import type { ApplianceView, JobState, ProtectionState, SessionsDelta, StatusSnapshot } from './snapshot.js';

/** What the window sends to add or edit an appliance. `password` is write-only. */
export interface ApplianceDraft {
  readonly name: string;
  readonly vendor: Vendor;
  readonly baseUrl: string;
  readonly username: string;
  /** New password to store in the keychain; omit to keep the stored one. */
  readonly password?: string;
  readonly credential?: CredentialSource;
  readonly options?: ApplianceOptions;
  /** Fingerprint the admin accepted in the certificate step. */
  readonly trustedFingerprint?: string;
}

/** The answer of a connection test, in words an admin understands. */
export type ConnectionTestResult =
  | {
      readonly ok: true;
      readonly message: string;
      readonly jobs: number;
      readonly sessions: number;
    }
  | {
      readonly ok: false;
      /** `refused`: the draft itself is refused (a field, a name already taken); nothing was tried. */
      readonly reason: 'unreachable' | 'auth_failed' | 'untrusted_certificate' | 'refused' | 'error';
      readonly message: string;
      /** With `untrusted_certificate`: what the appliance presents, for the trust step. */
      readonly certificate?: PresentedCertificate;
      /** With a changed certificate: the fingerprint trusted so far. */
      readonly previousFingerprint?: string;
      /** The address answers like another vendor's API: the vendor to switch to. */
      readonly suggestedVendor?: Vendor;
    };

/** Certificate step: what the appliance at a URL presents and whether the OS already trusts it. */
export interface CertificateProbe {
  readonly certificate: PresentedCertificate | null;
  readonly trustedBySystem: boolean;
  readonly message: string;
}

/** What became of an appliance's stored password when it was removed. */
export type ApplianceRemoval =
  | { readonly password: 'deleted' | 'none' }
  /** The keychain could not be reached: the password may still be stored there. */
  | { readonly password: 'kept'; readonly why: string };

export type MutationResult<T = void> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export interface SessionQuery {
  readonly applianceId?: string;
  readonly statuses?: readonly SessionStatus[];
  readonly jobId?: string;
  readonly text?: string;
  /** ISO time; only sessions that started after it. */
  readonly since?: string;
  readonly limit?: number;
}

/** A job as the jobs list shows it: its state and the appliance it belongs to. */
export interface JobView extends JobState {
  readonly applianceName: string;
  readonly vendor: Vendor;
}

export interface JobQuery {
  readonly applianceId?: string;
  readonly protection?: readonly ProtectionState[];
}

/** A job's own RPO: seconds, `null` to switch the check off, or `default` for its kind's default, else the global RPO. */
export interface JobRpoChange {
  readonly applianceId: string;
  readonly jobId: string;
  readonly rpoSec: number | null | 'default';
}

export interface SessionDetail {
  readonly session: Session;
  /** Per-resource progress, for vendors that report it (SPP). */
  readonly resources: readonly ResourceProgress[] | null;
  /** Why a failed or warning run ended so, in one line (see `failureCause`); null otherwise. */
  readonly cause: string | null;
  /** Web UI of the appliance, for "open in appliance". */
  readonly applianceUrl: string;
}

export interface SessionRef {
  readonly applianceId: string;
  readonly sessionId: string;
}

export interface NotificationPause {
  /** ISO time, or null to resume now. */
  readonly until: string | null;
}

export interface JobFlagRequest {
  readonly applianceId: string;
  readonly jobId: string;
  /** Set or clear the flag. */
  readonly on: boolean;
  /** ISO expiry, null for "until changed". */
  readonly until?: string | null;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  /** `electron` in the desktop app, `browser` in the browser fallback and the test harness, `cli` in the `backwatch` command (and `serve`). */
  readonly shell: 'electron' | 'browser' | 'cli';
  /** Whether passwords can be stored in an OS keychain here. */
  readonly keychainAvailable: boolean;
  readonly keychainMessage: string;
  /** Problems found at start (e.g. a corrupt config file moved aside). */
  readonly startupNotices: readonly string[];
  /** Self-updating, where the shell has an updater (the desktop app); absent in browser mode. */
  readonly updates?: UpdateState;
}

/** Whether this install updates itself, and what it has downloaded. */
export interface UpdateState {
  /** Null where this install updates itself; otherwise why it cannot, in words for the admin. */
  readonly unavailableReason: string | null;
  /** The version downloaded and installed on restart, or null. */
  readonly readyVersion: string | null;
}

/** What main can ask the window to show: a session, a job's page, an appliance or a machine's page (by its key). */
export type NavigateTarget =
  | { readonly view: 'session'; readonly ref: SessionRef }
  | { readonly view: 'job'; readonly applianceId: string; readonly jobId: string }
  | { readonly view: 'appliance'; readonly applianceId: string }
  | { readonly view: 'object'; readonly key: string };

/** What the window sends to read a team server instead of the appliances. `token` is write-only. */
export interface TeamServerDraft {
  readonly url: string;
  readonly token: string;
  /** Fingerprint the admin accepted in the certificate step. */
  readonly trustedFingerprint?: string;
}

// ---- Maintenance windows --------------------------------------------------------------------

/** A maintenance window to add: all but its id, which the services give it. */
export type MaintenanceDraft = Omit<MaintenanceWindow, 'id'>;

/** A maintenance window as the lists show it, with when it closes if it is open now. */
export interface MaintenanceWindowView extends MaintenanceWindow {
  /** ISO time its open stretch ends, or null when it is closed now. */
  readonly openUntil: string | null;
}

/** The maintenance channels, kept apart from the others' (merged into `IpcRequests`). */
export interface MaintenanceRequests {
  'maintenance:list': () => Promise<MaintenanceWindowView[]>;
  'maintenance:add': (draft: MaintenanceDraft) => Promise<MutationResult<MaintenanceWindow>>;
  'maintenance:remove': (id: string) => Promise<MutationResult>;
}

// ---- The scheduled report mail ------------------------------------------------------------
/** The report mail as the Settings view shows it: whether an SMTP password is saved, never the password. */
export interface ReportMailView {
  readonly mail: ReportMailSettings;
  readonly password: 'saved' | 'none' | 'unreachable';
  /** ISO time serve sends the next report, or null when the mail is off or no start falls within a year. */
  readonly nextSendAt: string | null;
}
/** The report mail to save. `password` is write-only: a new one for the keychain, null to delete it, absent to keep it. */
export interface ReportMailChange {
  readonly mail: ReportMailSettings;
  readonly password?: string | null;
}
/** The report mail's channels: a desktop that reads a team server refuses both, with why. */
export interface ReportMailRequests {
  'report-mail:get': () => Promise<MutationResult<ReportMailView>>;
  'report-mail:save': (change: ReportMailChange) => Promise<MutationResult<ReportMailView>>;
}

// ---------------------------------------------------------------------------------------------

/** Request channels: name → handler signature (as the window calls it). */
export interface IpcRequests extends MaintenanceRequests, ReportMailRequests {
  'appliances:list': () => Promise<ApplianceView[]>;
  'appliances:add': (draft: ApplianceDraft) => Promise<MutationResult<ApplianceView>>;
  'appliances:update': (change: { id: string; draft: ApplianceDraft }) => Promise<MutationResult<ApplianceView>>;
  'appliances:remove': (id: string) => Promise<MutationResult<ApplianceRemoval>>;
  /** Removes an entry the configuration file sets aside as invalid (by its name), with any password stored for it. */
  'appliances:discard-set-aside': (name: string) => Promise<MutationResult<ApplianceRemoval>>;
  /**
   * Test a saved appliance (`id`) or a draft before saving it. A draft with the `id` of a saved
   * appliance (editing) falls back to that appliance's stored password and certificate pin.
   */
  'appliances:test': (target: { id: string } | { draft: ApplianceDraft; id?: string }) => Promise<ConnectionTestResult>;
  'appliances:probe-certificate': (baseUrl: string) => Promise<CertificateProbe>;
  'appliances:trust-certificate': (change: { id: string; fingerprint256: string }) => Promise<MutationResult>;
  'appliances:refresh': () => Promise<void>;
  'jobs:list': (query: JobQuery) => Promise<JobView[]>;
  'jobs:set-rpo': (change: JobRpoChange) => Promise<MutationResult>;
  'sessions:list': (query: SessionQuery) => Promise<Session[]>;
  'sessions:get': (ref: SessionRef) => Promise<SessionDetail | null>;
  'sessions:log': (req: SessionRef & { page: number }) => Promise<MutationResult<JobLogPage>>;
  'status:snapshot': () => Promise<StatusSnapshot>;
  /** Compliance per job, appliance and fleet over a period, read from the stored history. */
  'reports:compliance': (query: ComplianceQuery) => Promise<MutationResult<ComplianceReport>>;
  /** The same report as a file to save (CSV, JSON) or print (HTML), every machine in it. */
  'reports:export': (
    query: Omit<ComplianceQuery, 'machineRows'> & { readonly format: ReportFormat },
  ) => Promise<MutationResult<ReportFile>>;
  /** The desktop app prints the window (the Reports view) to a PDF and saves it where the admin says: its path, or null when cancelled. */
  'reports:save-pdf': (request: PdfRequest) => Promise<MutationResult<string | null>>;
  /** One job's protected, at-risk and maintenance periods over the last days (null: no run of it stored). */
  'reports:job-band': (query: JobBandQuery) => Promise<MutationResult<JobComplianceBand | null>>;
  'notifications:pause': (pause: NotificationPause) => Promise<void>;
  'notifications:mute': (flag: JobFlagRequest) => Promise<void>;
  'notifications:acknowledge': (flag: JobFlagRequest) => Promise<void>;
  'settings:get': () => Promise<Settings>;
  'settings:update': (patch: Partial<Settings>) => Promise<MutationResult<Settings>>;
  /** Reads the server with the token, then makes it this desktop's source; the message says what it holds. */
  'source:add-server': (draft: TeamServerDraft) => Promise<MutationResult<string>>;
  /** Back to the appliances configured here. */
  'source:remove-server': () => Promise<MutationResult>;
  // Protected objects (the Machines view): the list, and the exclusions and RPOs the admin sets.
  'objects:list': (query: ObjectQuery) => Promise<ObjectList>;
  /** Adds an exclusion rule (per appliance or global); the answer is the rule with its id. */
  'objects:exclude': (draft: ExclusionDraft) => Promise<MutationResult<ExclusionRule>>;
  'objects:remove-exclusion': (ruleId: string) => Promise<MutationResult>;
  'objects:set-rpo': (change: ObjectRpoChange) => Promise<MutationResult>;
  /** Acknowledges a machine in the state it is in now (refused when it is protected), or stops acknowledging it. */
  'objects:acknowledge': (request: ObjectAcknowledgeRequest) => Promise<MutationResult>;
  'app:info': () => Promise<AppInfo>;
  'app:open-appliance': (applianceId: string) => Promise<void>;
  'app:start-demo': () => Promise<MutationResult>;
  /** Stops the demo simulators and removes the demo appliances with their passwords. */
  'app:leave-demo': () => Promise<MutationResult>;
  /** Quits and installs the update already downloaded (refused when none is ready). */
  'app:restart-to-update': () => Promise<MutationResult>;
}

/** The report of a period and scope, printed on the paper chosen. */
export interface PdfRequest extends Omit<ComplianceQuery, 'machineRows'> {
  readonly pageSize: PdfPageSize;
}

/** Events pushed from main to the window: name → listener signature. */
export interface IpcEvents {
  'status:changed': (snapshot: StatusSnapshot) => void;
  'sessions:changed': (delta: SessionsDelta) => void;
  /** Settings, mutes or acknowledgements changed (here, in another window, or by the CLI). */
  'settings:changed': (settings: Settings) => void;
  /** Main asks the window to show something (a notification or tray item was clicked). */
  'app:navigate': (target: NavigateTarget) => void;
  /** A new version was downloaded in the background: restarting installs it. */
  'app:update-ready': (update: { version: string }) => void;
}

export type IpcRequestChannel = keyof IpcRequests;
export type IpcEventChannel = keyof IpcEvents;
export type IpcArg<C extends IpcRequestChannel> = Parameters<IpcRequests[C]>;
export type IpcResult<C extends IpcRequestChannel> = Awaited<ReturnType<IpcRequests[C]>>;

/** The API the preload exposes as `window.backwatch`: derived from the contract, never written twice. */
export type BackwatchApi = {
  readonly [C in IpcRequestChannel]: IpcRequests[C];
} & {
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends IpcEventChannel>(event: E, listener: IpcEvents[E]): () => void;
};

/** One event for the window as a value: its channel and its payload. */
export type WindowEvent = {
  readonly [E in IpcEventChannel]: { readonly type: E; readonly payload: Parameters<IpcEvents[E]>[0] };
}[IpcEventChannel];
