/** The ports the services need, and what their parts share. Time, network and the keychain are passed in. */
import type { ObjectJudge } from '../../common/object-status.js';
import type { IpcHandlers } from '../../common/ipc-channels.js';
import type { PdfPageSize } from '../../common/compliance-report.js';
import type { AppInfo, CertificateProbe, ConnectionTestResult, MutationResult } from '../../common/ipc-contract.js';
import type { Appliance } from '../../common/model.js';
import type { ConfigData } from '../../common/settings.js';
import type { ConfigStore } from '../config/config-store.js';
import type { HistoryStore } from '../history/history-store.js';
import type { Logger } from '../logger.js';
import type { Monitor } from '../poller/monitor-types.js';
import type { Scheduler } from '../poller/scheduler.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Mutations } from './mutations.js';
import type { SecretKnowledge } from './secret-knowledge.js';
import type { StatusPublisher } from './status-publisher.js';

export interface ServiceDeps {
  readonly config: ConfigStore;
  readonly secrets: SecretStore;
  readonly monitor: Monitor;
  /** The stored history compliance is read from (absent: no report can be made). */
  readonly history?: Pick<HistoryStore, 'jobLedgers' | 'jobRuns' | 'rpoRecords' | 'recordRpo' | 'maintenanceRecords' | 'recordMaintenance'>;
  /** What the appliance at a URL presents (certificate step); never trusts it. */
  probeCertificate(baseUrl: string): Promise<CertificateProbe>;
  /** Logs in with a connector and reports what it found. */
  testConnection(appliance: Appliance, password: string | null): Promise<ConnectionTestResult>;
  info(): Promise<AppInfo>;
  /** Opens a URL in the system browser (only configured appliance URLs are ever passed). */
  openExternal(url: string): Promise<void>;
  /** Starts the demo simulators and returns their appliances (absent where there is no demo). */
  startDemo?: () => Promise<ConfigData['appliances']>;
  /** Stops the demo simulators; present with `startDemo`. */
  stopDemo?: () => Promise<void>;
  /** Quits and installs a downloaded update (absent where the shell has no updater). */
  restartToUpdate?: () => MutationResult;
  /** Prints a report's HTML to a PDF and saves it (the desktop app's shell); absent elsewhere. */
  savePdf?: SavePdf;
  /** The notification scheduler, told when the admin pauses or resumes notifications. */
  notificationState?: { pause(until: string | null): void };
  now(): number;
  /** The objects' judge the status shares with the monitor's news and the server (its own by default). */
  judgeObjects?: ObjectJudge;
  /** Timers (the status throttle); real ones by default. */
  scheduler?: Scheduler;
  log: Logger;
  /** Environment read for `--password-env` credentials (default: `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** What every part of the services is built on. */
export interface ServiceContext {
  readonly deps: ServiceDeps;
  readonly env: NodeJS.ProcessEnv;
  readonly secrets: SecretKnowledge;
  readonly mutations: Mutations;
  readonly status: StatusPublisher;
  /** Settles once every stored password has been looked up (the first snapshot is then right). */
  readonly ready: Promise<void>;
  find(id: string): Appliance | undefined;
  /** The configured appliance, or a `UserError` saying it is gone. */
  findOrFail(id: string): Appliance;
}

/** A report to print: its self-contained HTML, the paper, and the file name the save dialog offers. */
export interface PdfDocument {
  readonly html: string;
  readonly pageSize: PdfPageSize;
  readonly fileName: string;
}

/** Prints the document to a PDF and saves it: the path, or null when the admin cancelled. */
export type SavePdf = (document: PdfDocument) => Promise<string | null>;

/**
 * Saves the report of the request as a PDF where the shell can (the desktop app): the very HTML
 * `backwatch report --format html` writes, so the PDF carries its SHA-256, maintenance windows and
 * appliance summary. The browser prints itself.
 */
function savePdfHandler(save: SavePdf | undefined, reports: ReportExport): IpcHandlers['reports:save-pdf'] {
  return async ({ pageSize, ...query }) => {
    if (!save) return { ok: false, message: "Only the desktop app saves PDFs; use the browser's print." };
    const made = await reports['reports:export']({ ...query, format: 'html' });
    if (!made.ok) return made;
    try {
      const fileName = made.value.fileName.replace(/\.html$/, '.pdf');
      return { ok: true, value: await save({ html: made.value.text, pageSize, fileName }) };
    } catch (error) {
      return { ok: false, message: `The PDF could not be saved: ${(error as Error).message}` };
    }
  };
}

type ReportExport = Pick<IpcHandlers, 'reports:export'>;

/** What only the desktop app's shell does: restart into an update, save a report (made by `reports`) as a PDF. */
export function shellHandlers(
  deps: Pick<ServiceDeps, 'restartToUpdate' | 'savePdf'>,
  reports: ReportExport,
): Pick<IpcHandlers, 'app:restart-to-update' | 'reports:save-pdf'> {
  return {
    'app:restart-to-update': restartToUpdateHandler(deps.restartToUpdate),
    'reports:save-pdf': savePdfHandler(deps.savePdf, reports),
  };
}

/** Restarts into a downloaded update where the shell can (the desktop app), and says why not elsewhere. */
function restartToUpdateHandler(restart: (() => MutationResult) | undefined): IpcHandlers['app:restart-to-update'] {
  return async () => restart?.() ?? { ok: false, message: 'Only the desktop app updates itself.' };
}
