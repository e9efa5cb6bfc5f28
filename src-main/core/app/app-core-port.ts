/**
 * The app core as its users see it: the desktop shell, the browser harness, the CLI and
 * `backwatch serve` each build one with their own ports and read its one event stream. Whether it
 * watches the appliances or reads a team server is its own affair (see app-core.ts).
 */
import type { Event } from '../../common/event.js';
import type { AppInfo, MutationResult, WindowEvent } from '../../common/ipc-contract.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { CertificatePin, Vendor } from '../../common/model.js';
import type { Notice } from '../../common/notification-policy.js';
import type { FleetObjects } from '../../common/object-status.js';
import type { ChangeEvent, FleetState, StatusSnapshot } from '../../common/snapshot.js';
import type { ConfigStore } from '../config/config-store.js';
import type { HistoryStore } from '../history/history-store.js';
import type { HttpStats } from '../http/http-client.js';
import type { Logger } from '../logger.js';
import type { SavePdf } from '../services/service-context.js';
import type { LedgerMemory } from '../notification-ledger.js';
import type { MonitorUpdate } from '../poller/monitor-types.js';
import type { Scheduler } from '../poller/scheduler.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** An appliance of the demo fleet, as the shell's simulators describe it. */
export interface DemoApplianceSpec {
  readonly name: string;
  readonly vendor: Vendor;
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly certificate: CertificatePin;
}

export interface AppCoreOptions {
  readonly config: ConfigStore;
  /** The history database: sessions, jobs, read positions and (unless `memory` says otherwise) the ledger. */
  readonly history: HistoryStore;
  /** Where the notification ledger is kept, when not in `history` (a CLI run notifies nobody and writes none). */
  readonly memory?: LedgerMemory;
  readonly secrets: SecretStore;
  readonly log: Logger;
  readonly info: () => Promise<AppInfo>;
  readonly openExternal: (url: string) => Promise<void>;
  /** Starts the demo simulators (absent where the shell offers no demo); the shell owns their lifetime. */
  readonly startDemoFleet?: () => Promise<readonly DemoApplianceSpec[]>;
  /** Stops the demo simulators (leaving the demo); a later start begins a new fleet. */
  readonly stopDemoFleet?: () => Promise<void>;
  /** Quits and installs a downloaded update (the desktop app's updater). */
  readonly restartToUpdate?: () => MutationResult;
  /** Prints the window to a PDF and saves it (the desktop app's shell). */
  readonly savePdf?: SavePdf;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
  /** Minutes since local midnight (quiet hours); the system clock's by default. */
  readonly localMinutes?: (epochMs: number) => number;
  readonly concurrency?: number;
  /** Timers (the poll loop, the status throttle, a team server's reconnect back-off); real ones by default. */
  readonly scheduler?: Scheduler;
}

/** What the app core tells, as one stream: the windows' events, and beside them what the shell, CLI and server use. */
export type CoreEvent =
  | WindowEvent
  /** A desktop notification to show, already de-duplicated, filtered and digested. */
  | { readonly type: 'notice'; readonly payload: Notice }
  /** The change events of one poll round (or of the team server), before any notification rule. */
  | { readonly type: 'changes'; readonly payload: readonly ChangeEvent[] }
  /** One completed poll of one appliance (duration, error kind), for metrics. */
  | { readonly type: 'poll'; readonly payload: MonitorUpdate };

export interface AppCore {
  readonly handlers: IpcHandlers;
  /** Everything the core tells; `on(core.events, 'notice', …)` listens to one kind. */
  readonly events: Event<CoreEvent>;
  snapshot(): Promise<StatusSnapshot>;
  /** The monitor's fleet as it stands: every appliance's health, jobs and sessions in memory. */
  fleet(): FleetState;
  /** The fleet's protected objects, the judgement the status and the monitor's news share; null before any read (and in team mode). */
  objects(): FleetObjects | null;
  /** Requests sent to an appliance and response bytes read, since this process started. */
  httpStats(applianceId: string): Readonly<HttpStats>;
  start(): void;
  close(): Promise<void>;
}
