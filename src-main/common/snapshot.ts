import type { Appliance, ApplianceHealth, Job, Session, SessionStatus } from './model.js';
import type { ApplianceObjects, ObjectRiskReason, ObjectSummary } from './object-views.js';

/**
 * The overall status the tray shows, worst first.
 * `at_risk` (a job without a successful backup within its RPO) is red like `failed`, just below it.
 * `appliance_problem` covers every health state but ok (unreachable, auth_failed, keychain_locked...).
 * `maintenance` is what a job or appliance inside an open maintenance window shows, whatever its
 * outcome: below every problem outside a window, above what only runs or is fine.
 */
export const OVERALL_STATUSES = ['failed', 'at_risk', 'appliance_problem', 'warning', 'maintenance', 'running', 'ok', 'no_data'] as const;
export type OverallStatus = (typeof OVERALL_STATUSES)[number];

/** Which job, across the fleet, with its name for people: a JobState and a Session both are one. */
export interface JobIdentity {
  readonly applianceId: string;
  readonly jobId: string;
  readonly jobName: string;
}

/** A job's current state: its latest finished outcome, its protection, whether a session runs now. */
export interface JobState extends JobIdentity {
  /** Its kind in Backwatch's words ("Backup copy", "Inventory"), from its vendor's own type word; null where none is known. */
  readonly kind: string | null;
  /** Outcome of the latest finished session, null if none finished yet. */
  readonly lastOutcome: SessionStatus | null;
  readonly lastOutcomeSessionId: string | null;
  /** ISO end (else start) of that session. */
  readonly lastOutcomeAt: string | null;
  /** The newest active session, while one runs, and its percent when the vendor gives one. */
  readonly activeSessionId: string | null;
  readonly progressPercent: number | null;
  readonly running: boolean;
  /** The admin acknowledged the current failure (it no longer turns the tray red). */
  readonly acknowledged: boolean;
  /** Notifications for this job are muted. */
  readonly muted: boolean;
  readonly protection: ProtectionState;
  /** ISO end of the newest session that counts as a successful backup, null if none. */
  readonly lastSuccess: string | null;
  readonly lastSuccessSessionId: string | null;
  /** The RPO in force for this job, seconds; null when it is off. */
  readonly rpoSec: number | null;
  /**
   * Identity of the current RPO breach while at risk (the id of the last success it is measured
   * from, or `never`), else null. An acknowledgement names it, so it holds until the next breach.
   */
  readonly rpoBreach: string | null;
  /** ISO time the job became at risk, null unless at risk. */
  readonly atRiskSince: string | null;
  /** The admin acknowledged the current RPO breach (it no longer turns the tray red). */
  readonly breachAcknowledged: boolean;
  /** ISO time of the next scheduled run, as the vendor says; null when unknown. */
  readonly nextRun: string | null;
  /** Share (0..1) of the last 30 finished sessions that count as a successful backup; null before any. */
  readonly successRate: number | null;
  /** ISO time the maintenance windows covering the job close, while one is open. */
  readonly maintenanceUntil?: string;
}

/** What one appliance looks like after its latest poll. */
export interface ApplianceState {
  readonly appliance: Appliance;
  readonly health: ApplianceHealth;
  readonly jobs: readonly Job[];
  /** Recent sessions kept in memory (bounded window), any order. */
  readonly sessions: readonly Session[];
  /** Its protected objects, once an object read was tried (vendors that list none never have them). */
  readonly objects?: ApplianceObjects;
}

/** The whole fleet at one instant: the input of the status rules and of change detection. */
export interface FleetState {
  /** ISO time the state was assembled. */
  readonly at: string;
  readonly appliances: readonly ApplianceState[];
  /** Appliances the configuration file holds but cannot use (kept aside in the file, not watched). */
  readonly setAside?: readonly SetAsideAppliance[];
}

/** An appliance entry of the configuration file that cannot be used, and why. */
export interface SetAsideAppliance {
  readonly name: string | null;
  /** A sentence for the admin. */
  readonly reason: string;
}

export type StatusCounts = Readonly<Record<SessionStatus, number>>;

/** An appliance as the UI and the tray see it: no secret, with its status. */
export interface ApplianceView {
  readonly id: string;
  readonly name: string;
  readonly vendor: Appliance['vendor'];
  readonly baseUrl: string;
  readonly username: string;
  readonly credential: Appliance['credential'];
  /** True when a password is stored for it (the password itself never leaves the main process). */
  readonly hasSecret: boolean;
  readonly certificateFingerprint: string | null;
  readonly options: Appliance['options'];
  readonly enabled: boolean;
  /** Present on the demo fleet's appliances (the window offers to leave the demo). */
  readonly demo?: true;
  readonly health: ApplianceHealth;
  /** Worst status of this appliance alone. */
  readonly status: OverallStatus;
  /** Job states counted by their current outcome (running counted separately); disabled jobs left out. */
  readonly jobCounts: StatusCounts;
  /** Jobs counted by protection state; acknowledged RPO breaches left out. */
  readonly protectionCounts: ProtectionCounts;
  /** Every job's state, worst first when there are more than `JOB_VIEW_LIMIT` (the rest are counted in `jobsOmitted`). */
  readonly jobs: readonly JobState[];
  readonly jobsOmitted: number;
  readonly runningSessionIds: readonly string[];
  /** Scheduled runs overdue by more than the grace period with no session since. */
  readonly missedRuns: readonly MissedRun[];
  /** ISO time the maintenance windows covering the whole appliance close, while one is open. */
  readonly maintenanceUntil?: string;
}

/** A job whose scheduled run did not start. */
export interface MissedRun {
  readonly jobId: string;
  readonly jobName: string;
  /** ISO time the run was due. */
  readonly dueAt: string;
}

/** A problem worth listing in the tray menu. */
export interface ProblemView {
  readonly applianceId: string;
  readonly applianceName: string;
  /** Session to open on click, when the problem is a session. */
  readonly sessionId: string | null;
  readonly title: string;
  /** ISO time the problem happened. */
  readonly at: string | null;
  readonly severity: OverallStatus;
}

/** The status summary pushed to the tray and the window after every poll. */
export interface StatusSnapshot {
  readonly at: string;
  readonly overall: OverallStatus;
  /** Number of jobs whose current state is failed (not acknowledged). */
  readonly failedJobs: number;
  /** Number of jobs at risk (no successful backup within the RPO, not acknowledged). */
  readonly atRiskJobs: number;
  /** Jobs that turn the tray red (failed or at risk, each job once): the tray badge. */
  readonly jobsNeedingAttention: number;
  readonly appliances: readonly ApplianceView[];
  /** Most recent problems, newest first (at most 20). */
  readonly problems: readonly ProblemView[];
  /** ISO time of the latest poll of any appliance. */
  readonly lastPoll: string | null;
  /** Notifications paused until this ISO time, or null. */
  readonly notificationsPausedUntil: string | null;
  /** Configured appliances that are not watched because their entry is invalid. */
  readonly setAsideAppliances: readonly SetAsideAppliance[];
  /** Present when this desktop reads a shared Backwatch server instead of the appliances (read-only). */
  readonly teamServer?: TeamServerView;
  /** Protected objects: present once an appliance's objects were read. */
  readonly objects?: ObjectSummary;
}

/** The shared server a desktop reads, and how its link stands. */
export interface TeamServerView {
  readonly url: string;
  readonly link: 'connecting' | 'live' | 'down';
  /** Why the link is down, or what the live server sent that this version cannot read; empty otherwise. */
  readonly message: string;
}

/** Everything that can change between two fleet states. `key` identifies the event for de-duplication. */
export type ChangeEvent =
  | { readonly kind: 'session_started'; readonly key: string; readonly session: Session }
  | { readonly kind: 'session_finished'; readonly key: string; readonly session: Session }
  | { readonly kind: 'session_failed'; readonly key: string; readonly session: Session }
  | {
      readonly kind: 'job_recovered';
      readonly key: string;
      readonly session: Session;
      readonly failedSessionId: string;
    }
  | {
      readonly kind: 'appliance_unhealthy';
      readonly key: string;
      readonly applianceId: string;
      readonly applianceName: string;
      readonly health: ApplianceHealth;
    }
  | {
      readonly kind: 'appliance_healthy';
      readonly key: string;
      readonly applianceId: string;
      readonly applianceName: string;
    }
  | {
      readonly kind: 'missed_run';
      readonly key: string;
      readonly applianceId: string;
      readonly job: Job;
      /** ISO time the run was due. */
      readonly dueAt: string;
    }
  | {
      readonly kind: 'overrun';
      readonly key: string;
      readonly session: Session;
      readonly medianMs: number;
    }
  | {
      /** No successful backup ended within the job's RPO; once per breach (keyed by `rpoBreach`). */
      readonly kind: 'rpo_breached';
      readonly key: string;
      readonly applianceId: string;
      readonly jobId: string;
      readonly jobName: string;
      /** ISO end of the last success the breach is measured from; null when it never succeeded. */
      readonly lastSuccess: string | null;
      readonly rpoSec: number;
    }
  | {
      /** The first success after an RPO breach. */
      readonly kind: 'protection_restored';
      readonly key: string;
      readonly session: Session;
    }
  | {
      /** A protected object became unprotected or at risk; once per breach (keyed by the object and its last good point). */
      readonly kind: 'object_breached';
      readonly key: string;
      /** The appliance that backs it up (the first), or the inventory that lists it. */
      readonly applianceId: string;
      readonly objectKey: string;
      readonly objectName: string;
      readonly state: 'unprotected' | 'at_risk';
      readonly reason: ObjectRiskReason | null;
      /** ISO time of its newest good restore point, null if none. */
      readonly lastGoodPoint: string | null;
      readonly rpoSec: number | null;
    }
  | {
      /** A machine whose breach was told is protected again; once per breach. */
      readonly kind: 'object_restored';
      readonly key: string;
      readonly applianceId: string;
      readonly objectKey: string;
      readonly objectName: string;
      /** The key of the `object_breached` event it ends: told only when that one was. */
      readonly breachKey: string;
      /** ISO time of the newest good restore point that protects it again. */
      readonly lastGoodPoint: string | null;
    };

export type ChangeKind = ChangeEvent['kind'];

/** Sessions that changed since the last push to the window. */
export interface SessionsDelta {
  /** True when `upserted` is the full list and the receiver should drop what it had. */
  readonly reset: boolean;
  readonly upserted: readonly Session[];
  /** `${applianceId}/${sessionId}` of sessions that left the window. */
  readonly removed: readonly string[];
}

/** The identity of a session across the fleet. */
export function sessionKey(s: Pick<Session, 'applianceId' | 'id'>): string {
  return `${s.applianceId}/${s.id}`;
}

/** The identity of a job across the fleet. */
export function jobKey(applianceId: string, jobId: string): string {
  return `${applianceId}/${jobId}`;
}

/**
 * Whether a job's backups meet its RPO (recovery point objective): `protected` when a successful
 * session ended within it, `at_risk` when none did, `disabled` when the vendor says the job is
 * off, `new` when it has not succeeded yet but is known for less than its RPO.
 */
export const PROTECTION_STATES = ['protected', 'at_risk', 'disabled', 'new'] as const;
export type ProtectionState = (typeof PROTECTION_STATES)[number];

export type ProtectionCounts = Readonly<Record<ProtectionState, number>>;
