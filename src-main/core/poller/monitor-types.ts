import type { Event } from '../../common/event.js';
import type { Appliance, Session } from '../../common/model.js';
import type { ApplianceState, ChangeEvent, FleetState } from '../../common/snapshot.js';
import type { Connector } from '../connectors/connector.js';
import type { ConnectorErrorKind } from '../http/errors.js';

/** One completed poll of one appliance. The whole fleet is `Monitor.fleet()`, built only when asked. */
export interface MonitorUpdate {
  /** The polled appliance's state after this poll. */
  readonly appliance: ApplianceState;
  readonly changes: readonly ChangeEvent[];
  /** Sessions that changed in this round (new, progressed or ended). */
  readonly changedSessions: readonly Session[];
  /** Session keys that left the in-memory window in this round. */
  readonly removedSessionKeys: readonly string[];
  /** How long the poll took, ms (absent where a caller builds an update by hand). */
  readonly durationMs?: number;
  /** Why the poll failed (`unexpected` for anything but a connector error), null when it succeeded. */
  readonly errorKind?: ConnectorErrorKind | 'unexpected' | null;
  /** True when this poll read the appliance's objects (`appliance.objects` holds the outcome). */
  readonly objectsRead?: boolean;
}

/**
 * The running monitor: the poller plus the fleet state and change detection.
 * Shared by the CLI (`watch`, `status`), the desktop app and the browser harness.
 */
export interface Monitor {
  start(): void;
  stop(): Promise<void>;
  /** Polls now (one appliance or all) and resolves when that round is done. */
  refreshNow(applianceId?: string): Promise<void>;
  /** Replaces the set of watched appliances (after add, edit, remove, trust). */
  setAppliances(appliances: readonly Appliance[]): void;
  /** The current fleet state. */
  fleet(): FleetState;
  /** The live connector of an appliance, for on-demand calls (job log, resource progress). */
  connector(applianceId: string): Connector | undefined;
  /** Every completed poll of one appliance: stages 1 to 3 of the pipeline (see core/app/pipeline.ts). */
  readonly onUpdate: Event<MonitorUpdate>;
}
