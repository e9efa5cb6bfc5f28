/**
 * The one interface every vendor connector implements. The poller sees only this.
 *
 * A connector keeps its vendor's quirks (login flow, paging, API versions, status words) inside
 * its own folder. It throws only `ConnectorError` (see ../http/errors.ts); the poller turns those
 * into appliance health values, so nothing escapes the poll loop.
 */
import type { Appliance, Job, JobLogPage, PresentedCertificate, ResourceProgress, Session, Vendor } from '../../common/model.js';
import type { BackedUpObject, InventoryObject } from '../../common/protected-objects.js';
import type { HttpClient } from '../http/http-client.js';
import type { Logger } from '../logger.js';

/** What a connector is handed when it is created. Time and network are ports, never globals. */
export interface ConnectorContext {
  readonly appliance: Appliance;
  /** HTTP client bound to this appliance's base URL and certificate pin. */
  readonly http: HttpClient;
  /** Reads the password at call time (keychain or environment variable). */
  readonly password: () => Promise<string>;
  readonly log: Logger;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

/**
 * Where the last incremental read stopped. Opaque to the poller: each connector stores what it
 * needs (newest known start time, ids, a version string...). Must be JSON-serialisable.
 */
export type SessionCursor = Readonly<Record<string, unknown>>;

/** The answer of an incremental session read. */
export interface SessionBatch {
  /** Sessions that are new or changed since `cursor` (including every still-active one). */
  readonly sessions: readonly Session[];
  /**
   * Where the next read resumes. It never moves past a session that was not read: a read that
   * ran out of its budget keeps the rest as a backlog for the next poll.
   */
  readonly cursor: SessionCursor;
  /** Sessions the appliance lists that this read left for the next poll, at least (0 when caught up). */
  readonly behind: number;
}

/** A page of older sessions, and where the next one starts. */
export interface OlderBatch {
  readonly sessions: readonly Session[];
  readonly position: SessionCursor | null;
}

/** Sessions already known to the poller, for the connector to decide what to re-read. */
export interface KnownSessions {
  /** Sessions known to be active (queued, paused or running) after the previous poll. */
  readonly active: readonly Session[];
  /** Whether a session was ever seen (this run, or the stored history): finished or not. */
  has(sessionId: string): boolean;
}

/** What a connector learned about the active sessions it was asked to refresh. */
export interface ActiveRefresh {
  /** Fresh state and progress of the sessions the appliance still reports. */
  readonly updated: readonly Session[];
  /**
   * Ids of asked-for sessions the appliance no longer reports (404 on their own URL, or absent from
   * the list that should hold them). The connector only reports them; the poller ends them.
   */
  readonly gone: readonly string[];
}

/** What one object read found: what the appliance backs up and, for a virtualization manager, what exists. */
export interface ObjectRead {
  /** Each object the appliance's jobs cover, with its newest good restore point and newest failure. */
  readonly backedUp: readonly BackedUpObject[];
  /** The machines a virtualization manager lists, backed up or not; empty for a backup appliance. */
  readonly inventory: readonly InventoryObject[];
}

export interface Connector {
  readonly vendor: Vendor;
  /** Logs in (or confirms the current token still works). Throws `ConnectorError` `auth_failed` on a wrong password. */
  authenticate(signal?: AbortSignal): Promise<void>;
  /** All backup jobs of the appliance, with their schedule where known. */
  listJobs(signal?: AbortSignal): Promise<Job[]>;
  /**
   * Sessions new or changed since `cursor` (null: first poll, read a bounded window of recent history).
   * The cost of a call with nothing new must not grow with the appliance's history size.
   */
  listSessions(cursor: SessionCursor | null, known: KnownSessions, signal?: AbortSignal): Promise<SessionBatch>;
  /**
   * Fresh state and progress of the given active sessions: each id comes back in `updated` or in
   * `gone`. The poller asks only for active sessions `listSessions` left out.
   */
  refreshActive(active: readonly Session[], signal?: AbortSignal): Promise<ActiveRefresh>;
  /**
   * One bounded page of sessions older than `position` (null: older than where `cursor`, the
   * incremental read's, reads from: what is newer is that read's to find and report), newest first,
   * for the background backfill; `position` null in the answer when the appliance lists nothing
   * older. Absent where the API cannot page backwards.
   */
  readOlder?(position: SessionCursor | null, cursor: SessionCursor, signal?: AbortSignal): Promise<OlderBatch>;
  /**
   * The objects below the jobs, read on the objects' own slower interval and never in every poll.
   * Absent where the vendor's API lists none.
   */
  readObjects?(signal?: AbortSignal): Promise<ObjectRead>;
  /** One page (0-based) of a session's log, if the vendor exposes it. */
  jobLog?(sessionId: string, page: number, signal?: AbortSignal): Promise<JobLogPage>;
  /** Per-resource progress of a session, if the vendor exposes it. */
  resourceProgress?(sessionId: string, signal?: AbortSignal): Promise<ResourceProgress[]>;
  /** Logs out and releases resources. Never throws. */
  close(): Promise<void>;
}

export type ConnectorFactory = (ctx: ConnectorContext) => Connector;

/** Re-exported for connectors that report a certificate in an error. */
export type { PresentedCertificate };
