/**
 * The domain model shared by every part of Backwatch: plain, serialisable data.
 * Pure TypeScript: nothing here may import node:*, electron or the DOM.
 */
/**
 * A vendor's key, as the configuration, the CLI and the IPC contract name it. The model names no
 * vendor: which keys exist is the registry's (./vendors/index.ts), checked where a key comes in
 * (the configuration file's schema, the IPC requests, the CLI's flags).
 */
export type Vendor = string;

/** The unified status of one session, whatever the vendor said. */
export const SESSION_STATUSES = ['queued', 'paused', 'running', 'succeeded', 'warning', 'failed', 'canceled', 'unknown'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses of a session that has not ended yet. */
export const ACTIVE_STATUSES: ReadonlySet<SessionStatus> = new Set(['queued', 'paused', 'running']);

export function isActiveStatus(status: SessionStatus): boolean {
  return ACTIVE_STATUSES.has(status);
}

/** How Backwatch currently trusts an appliance's TLS certificate. */
export interface CertificatePin {
  /** SHA-256 fingerprint, upper-case hex pairs joined by colons (as `openssl x509 -fingerprint -sha256`). */
  readonly fingerprint256: string;
  /** The pinned certificate itself (PEM), used as the only trust anchor for this appliance. */
  readonly pem: string;
}

/** Where an appliance's password comes from; the password itself is never stored here. */
export type CredentialSource = { readonly kind: 'keychain' } | { readonly kind: 'env'; readonly variable: string };

/**
 * The vendor-neutral options, and each vendor's own ones as text under the keys its descriptor
 * declares; the descriptor's option schemas check those where an appliance comes in.
 */
export interface ApplianceOptions {
  /** The vendor's API version, in the form its descriptor validates; unset means "ask the server". */
  readonly apiVersion?: string;
  /** Poll interval while idle, seconds (overrides the global setting). */
  readonly pollIntervalSec?: number;
  readonly [vendorOption: string]: string | number | undefined;
}

/** One configured appliance. Contains no secret. */
export interface Appliance {
  readonly id: string;
  readonly name: string;
  readonly vendor: Vendor;
  /** Base URL, e.g. `https://backup.example.com` or `https://backup:4443`. */
  readonly baseUrl: string;
  readonly username: string;
  readonly credential: CredentialSource;
  /** Absent when the certificate chains to a CA the OS trusts. */
  readonly certificate?: CertificatePin;
  readonly options: ApplianceOptions;
  /** False pauses polling of this appliance. */
  readonly enabled: boolean;
  /** Served by this process's demo simulators: polled at the demo's pace, removed when the demo ends. */
  readonly demo?: true;
}

/** `local_problem` and `keychain_locked`: this computer cannot give the password, nothing is known of the appliance. */
export const HEALTH_STATES = [
  'ok',
  'unreachable',
  'auth_failed',
  'local_problem',
  'keychain_locked',
  'untrusted_certificate',
  'error',
] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** True when the appliance's health is a problem (anything but ok). */
export function isUnhealthy(health: { readonly state: HealthState }): boolean {
  return health.state !== 'ok';
}

/** A certificate the appliance presented that Backwatch does not trust (yet). */
export interface PresentedCertificate {
  readonly fingerprint256: string;
  readonly pem: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
}

export interface ApplianceHealth {
  readonly state: HealthState;
  /** Human sentence for the admin; empty when ok. */
  readonly message: string;
  /** ISO time of the last poll that succeeded, null if never. */
  readonly lastGoodPoll: string | null;
  /** ISO time of the last poll attempt, null if never. */
  readonly lastPoll: string | null;
  /** Set with `untrusted_certificate`: what the appliance presents now. */
  readonly presentedCertificate?: PresentedCertificate;
  /** Sessions the appliance lists that Backwatch has not read yet, at least (absent when caught up). */
  readonly behind?: number;
  /** How far the appliance dates its newest session ahead of this computer's clock, ms (absent within an hour). */
  readonly clockAheadMs?: number;
}

export interface Progress {
  /** 0..100, null when the vendor gives no percent. */
  readonly percent: number | null;
  readonly completed: number | null;
  readonly total: number | null;
  /** What `completed`/`total` count, e.g. "objects", "bytes", "resources". */
  readonly unit: string | null;
}

export const NO_PROGRESS: Progress = { percent: null, completed: null, total: null, unit: null };

/**
 * A vendor's extras for the session detail: an opaque record its parser fills and only its own
 * descriptor reads. It may come back from the history file or a team server in any shape, so its
 * reader checks every field.
 */
export type VendorDetails = Readonly<Record<string, unknown>>;

/** One run of a backup job on an appliance. */
export interface Session {
  readonly id: string;
  readonly applianceId: string;
  readonly vendor: Vendor;
  readonly jobId: string;
  readonly jobName: string;
  readonly type: string | null;
  readonly status: SessionStatus;
  /** The vendor's own status word, kept verbatim. */
  readonly vendorStatus: string;
  /** ISO 8601 UTC. */
  readonly start: string | null;
  /** ISO 8601 UTC; null while running. */
  readonly end: string | null;
  readonly durationMs: number | null;
  readonly progress: Progress;
  readonly message: string | null;
  /** Link to the session's log on the appliance (API URL), if any. */
  readonly logLink: string | null;
  /** Bytes the run transferred or wrote, where its vendor says; each vendor's parser fills it. */
  readonly transferredBytes?: number;
  /** What only the vendor's own descriptor reads (its detail sections). */
  readonly details?: VendorDetails;
}

/** A backup job as the appliance describes it. */
export interface Job {
  readonly id: string;
  readonly applianceId: string;
  readonly name: string;
  readonly type: string | null;
  /** ISO time of the next scheduled run, null when unscheduled or unknown. */
  readonly nextRun: string | null;
  /** ISO time of the last run, if the vendor says. */
  readonly lastRun: string | null;
  readonly enabled: boolean;
}

/** One protected resource's progress inside a session (SPP `/api/progress`). */
export interface ResourceProgress {
  readonly resourceName: string;
  readonly type: string | null;
  readonly status: SessionStatus;
  readonly vendorStatus: string;
  readonly percent: number | null;
  readonly transferredText: string | null;
  readonly throughputBytesPS: number | null;
  readonly elapsedSec: number | null;
  /** Why this resource failed or warned, in the vendor's words, where the vendor says. */
  readonly message?: string;
}

export const LOG_LEVELS = ['error', 'warning', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface JobLogEntry {
  readonly time: string | null;
  readonly level: LogLevel;
  readonly message: string;
}

export interface JobLogPage {
  readonly entries: readonly JobLogEntry[];
  /** True when another page may follow. */
  readonly more: boolean;
}
