/**
 * The Reports view's state: the period and scope the admin chose, and the compliance report main
 * computes for them with 'reports:compliance'. Read while the view shows it, never in the background:
 * a year of a fleet's history is a real read. The CSV comes from main as well ('reports:export'),
 * so the file holds the same rows and checksum as `backwatch report`.
 */
import type { BackwatchApi } from '../../src-main/common/ipc-contract.js';
import type { JobComplianceBand } from '../../src-main/common/compliance-band.js';
import type { ComplianceQuery, ComplianceReport, PdfPageSize, ReportFile } from '../../src-main/common/compliance-report.js';
import type { COMPLIANCE_DAYS } from '../../src-main/common/report-period.js';
import { requestErrorMessage } from './request-error.js';

export type ReportDays = (typeof COMPLIANCE_DAYS)[number];

/** Machines the view lists, the worst: a fleet's thousands stay in the exported file, the view stays quick. */
export const MACHINE_ROWS_SHOWN = 100;

/** The period choice: the last N days, or the dates in `from` and `to`. */
export type PeriodChoice = ReportDays | 'dates';

export class ReportsStore {
  days = $state<PeriodChoice>(30);
  /** The custom period's first and last day (`YYYY-MM-DD`, as a date field gives them); main checks them. */
  from = $state('');
  to = $state('');
  /** One appliance's id; empty for the whole fleet. */
  applianceId = $state('');
  #report = $state.raw<ComplianceReport | null>(null);
  #error = $state<string | null>(null);
  /** Only the newest read's answer shows: an older one may come back after it. */
  #readNumber = 0;
  readonly #api: BackwatchApi;

  constructor(api: BackwatchApi) {
    this.#api = api;
  }

  get report(): ComplianceReport | null {
    return this.#report;
  }

  /** Why the last read failed, in words for the admin; null when it went well. */
  get error(): string | null {
    return this.#error;
  }

  /** Null while the custom period lacks a date: nothing to ask for yet. */
  get query(): ComplianceQuery | null {
    if (this.days === 'dates' && (this.from === '' || this.to === '')) return null;
    const period = this.days === 'dates' ? { from: this.from, to: this.to } : { lastDays: this.days };
    return { period, ...(this.applianceId ? { applianceId: this.applianceId } : {}) };
  }

  /** Reads the report for the chosen period and scope. */
  async load(): Promise<void> {
    const query = this.query;
    if (query === null) return;
    const readNumber = ++this.#readNumber;
    const made = await this.#api['reports:compliance']({ ...query, machineRows: MACHINE_ROWS_SHOWN }).catch((error: unknown) => ({
      ok: false as const,
      message: requestErrorMessage(error),
    }));
    if (readNumber !== this.#readNumber) return;
    this.#report = made.ok ? made.value : this.#report;
    this.#error = made.ok ? null : `The report could not be made: ${made.message}`;
  }

  /** The report as a CSV file, or why main could not make it. */
  async exportCsv(): Promise<ReportFile | string> {
    const query = this.query;
    if (query === null) return 'Choose the first and last day of the period.';
    try {
      const made = await this.#api['reports:export']({ ...query, format: 'csv' });
      return made.ok ? made.value : made.message;
    } catch (error) {
      return requestErrorMessage(error);
    }
  }

  /** One job's protected, at-risk and maintenance periods over the last `days`; null without stored runs; a string says why not. */
  async jobBand(applianceId: string, jobId: string, days: number): Promise<JobComplianceBand | null | string> {
    try {
      const made = await this.#api['reports:job-band']({ applianceId, jobId, days });
      return made.ok ? made.value : made.message;
    } catch (error) {
      return requestErrorMessage(error);
    }
  }

  /** Has main print the report of the period and scope to a PDF and save it: a sentence saying where (or why not), or null when the admin cancelled. */
  async savePdf(pageSize: PdfPageSize): Promise<string | null> {
    const query = this.query;
    if (query === null) return null;
    try {
      const saved = await this.#api['reports:save-pdf']({ ...query, pageSize });
      if (!saved.ok) return saved.message;
      return saved.value === null ? null : `Saved ${saved.value}`;
    } catch (error) {
      return requestErrorMessage(error);
    }
  }
}
