/** What the history database holds and answers (history-store.ts opens it; the table modules implement it). */
import type { JobLedger, LedgerBasis, LedgerJob } from '../../common/compliance-ledger.js';
import type { Job, Session, SessionStatus } from '../../common/model.js';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import type { MaintenanceRecord } from '../../common/maintenance-timeline.js';
import type { RpoRecord } from '../../common/rpo-timeline.js';
import type { ChangeEvent } from '../../common/snapshot.js';

export interface StoredApplianceState {
  /** Newest `windowSize` sessions by start, plus the newest `perJob` of every job, plus every active one; newest first. */
  readonly sessions: Session[];
  readonly jobs: Job[];
  /** The connector's opaque cursor (JSON object) as last recorded, or null. */
  readonly cursor: Readonly<Record<string, unknown>> | null;
  /** Sessions the appliance was known to list that were not read yet (0 when caught up). */
  readonly behind: number;
}

export interface PollRecord {
  /** Upserted by (applianceId, session id). */
  readonly sessions: readonly Session[];
  /** When given, replaces the appliance's job rows. */
  readonly jobs?: readonly Job[];
  readonly cursor: Readonly<Record<string, unknown>>;
  readonly behind: number;
}

export interface SessionQuery {
  readonly applianceId?: string;
  readonly jobId?: string;
  /** ISO; sessions that started at or after it. */
  readonly since?: string;
  readonly statuses?: readonly SessionStatus[];
  readonly limit: number;
}

export interface HistoryStore {
  /** The file, or null for an in-memory store. */
  readonly path: string | null;
  loadAppliance(applianceId: string, shape: { readonly windowSize: number; readonly perJob: number }): StoredApplianceState;
  /** Whether a session of the appliance was ever stored (and not pruned since). */
  hasSession(applianceId: string, sessionId: string): boolean;
  /** One poll's result in one write transaction. */
  recordPoll(applianceId: string, record: PollRecord): void;
  /** Newest first by start. */
  sessions(query: SessionQuery): Session[];
  /**
   * The compliance ledger of every job of one appliance (null: of all), each built for the basis
   * `basisOf` gives it: the ledgers a poll or the prune made stale are rebuilt from the sessions first.
   */
  jobLedgers(applianceId: string | null, basisOf: (job: LedgerJob) => LedgerBasis): JobLedger[];
  /** A job's finished runs (for what a ledger cannot say: a clock ahead). */
  jobRuns(applianceId: string, jobId: string): { readonly endMs: number; readonly status: SessionStatus }[];
  /** The RPO settings each time they changed, oldest first. */
  rpoRecords(): RpoRecord[];
  /** Records the RPO settings as in force from `atMs`, unless they are those recorded last; whether it recorded them. */
  recordRpo(settings: Pick<RpoRecord, 'rpoSec' | 'jobRpo'>, atMs: number): boolean;
  /** The maintenance windows each time they changed, oldest first. */
  maintenanceRecords(): MaintenanceRecord[];
  /**
   * Records the windows as in force from `atMs`, unless they are those recorded last (the first
   * record, even of no window, marks from when windows are known); whether it recorded them.
   */
  recordMaintenance(windows: readonly MaintenanceWindow[], atMs: number): boolean;
  /** Removes every row of the appliances not in `keep` (removed appliances). */
  retainAppliances(keep: readonly string[]): void;
  /**
   * One bounded step of the daily prune: deletes up to a batch of finished sessions that ended
   * (or, without an end, started) more than `retentionDays` before `nowMs`, and of notified keys
   * recorded before then. Called after every poll, it never blocks for long; once a step finds
   * less than a batch, the day's prune is done (its time is stored in the file, so several
   * processes do not all prune). Returns rows deleted (0 when not due).
   */
  pruneIfDue(nowMs: number, retentionDays: number): number;
  // The monitor's memory (was monitor-state.json): notification ledger, held events, restart watermarks.
  notifiedAmong(keys: readonly string[]): Set<string>;
  markNotified(keys: readonly string[], atIso: string): void;
  held(): ChangeEvent[];
  setHeld(events: readonly ChangeEvent[]): void;
  watermark(applianceId: string): string | null;
  setWatermark(applianceId: string, atIso: string): void;
  close(): void;
}
