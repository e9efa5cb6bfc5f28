/**
 * The compliance ledgers in the history database: one row a job, rebuilt from the job's sessions
 * when it is read stale (a poll wrote one of its sessions, the prune removed some, or it was built
 * for a smaller RPO or the other warnings rule), so a fleet's year is read in one pass.
 */
import type { Database } from 'better-sqlite3';
import { buildLedger, type JobLedger, type LedgerBasis, type LedgerJob } from '../../common/compliance-ledger.js';
import type { FailedRun, SuccessStreak } from '../../common/compliance.js';
import { SESSION_STATUSES, type SessionStatus } from '../../common/model.js';
import { isProtecting } from '../../common/protection.js';
import { writer } from './history-db.js';
import { ACTIVE_SQL } from './history-schema.js';
import type { HistoryStore } from './history-types.js';
import type { Row } from './history-rows.js';

export type LedgerTables = Pick<HistoryStore, 'jobLedgers' | 'jobRuns'>;

/** Jobs rebuilt per write transaction: a short lock for the pollers of other processes. */
const REBUILD_BATCH = 100;

const numberOr = <T>(v: unknown, fallback: T): number | T => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * Numbers stored as a blob of little-endian 64-bit floats (as every platform Backwatch runs on
 * reads them), `width` to a record; null when the blob is anything else (the row is then rebuilt).
 */
function readRecords(blob: unknown, width: number): Float64Array | null {
  if (!(blob instanceof Uint8Array) || blob.byteLength % (8 * width) !== 0) return null;
  return new Float64Array(...alignedView(blob, 8));
}

/** The blob's bytes where a typed array of `size`-byte items can view them: in place when aligned, else a copy. */
function alignedView(blob: Uint8Array, size: number): [ArrayBufferLike, number, number] {
  const bytes = blob.byteOffset % size === 0 ? blob : new Uint8Array(blob);
  return [bytes.buffer, bytes.byteOffset, bytes.byteLength / size];
}

const asBlob = (array: Float64Array | Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

function streaksFrom(records: Float64Array): SuccessStreak[] {
  const out: SuccessStreak[] = [];
  for (let i = 0; i < records.length; i += 3) out.push({ fromMs: records[i]!, toMs: records[i + 1]!, maxGapMs: records[i + 2]! });
  return out;
}

/** NaN stands for "no good run since". */
function failuresFrom(records: Float64Array): FailedRun[] {
  const out: FailedRun[] = [];
  for (let i = 0; i < records.length; i += 2) {
    const next = records[i + 1]!;
    out.push({ endMs: records[i]!, nextSuccessMs: Number.isNaN(next) ? null : next });
  }
  return out;
}

/** The ledger a row holds, or null when the row is not (or no longer) readable. */
function rowToLedger(row: Row): JobLedger | null {
  const streaks = readRecords(row.streaks, 3);
  const failures = readRecords(row.failures, 2);
  const runs = row.runs_by_day;
  if (streaks === null || failures === null || !(runs instanceof Uint8Array) || runs.byteLength % 4 !== 0) return null;
  return {
    applianceId: String(row.appliance_id),
    jobId: String(row.job_id),
    jobName: typeof row.job_name === 'string' ? row.job_name : String(row.job_id),
    jobType: typeof row.job_type === 'string' ? row.job_type : null,
    firstEndMs: numberOr(row.first_end_ms, null),
    lastEndMs: numberOr(row.last_end_ms, null),
    lastSuccessMs: numberOr(row.last_success_ms, null),
    firstDay: numberOr(row.first_day, 0),
    runsByDay: new Uint32Array(...alignedView(runs, 4)),
    streaks: streaksFrom(streaks),
    failures: failuresFrom(failures),
  };
}

function ledgerToRow(ledger: JobLedger, basis: LedgerBasis): Record<(typeof LEDGER_COLUMNS)[number] | 'appliance_id' | 'job_id', unknown> {
  return {
    appliance_id: ledger.applianceId,
    job_id: ledger.jobId,
    split_ms: basis.splitMs,
    warnings_unprotected: basis.warningsAreUnprotected ? 1 : 0,
    job_name: ledger.jobName,
    first_end_ms: ledger.firstEndMs,
    last_end_ms: ledger.lastEndMs,
    last_success_ms: ledger.lastSuccessMs,
    first_day: ledger.firstDay,
    runs_by_day: asBlob(ledger.runsByDay),
    streaks: asBlob(Float64Array.from(ledger.streaks.flatMap((s) => [s.fromMs, s.toMs, s.maxGapMs]))),
    failures: asBlob(Float64Array.from(ledger.failures.flatMap((f) => [f.endMs, f.nextSuccessMs ?? Number.NaN]))),
  };
}

/** The columns a rebuild writes, beside the key. */
const LEDGER_COLUMNS = [
  'split_ms',
  'warnings_unprotected',
  'job_name',
  'first_end_ms',
  'last_end_ms',
  'last_success_ms',
  'first_day',
  'runs_by_day',
  'streaks',
  'failures',
] as const;

const readStatus = (v: unknown): SessionStatus => ((SESSION_STATUSES as readonly unknown[]).includes(v) ? (v as SessionStatus) : 'unknown');

/** Whether a row must be built again before it answers for `basis`. */
function isStale(row: Row, basis: LedgerBasis): boolean {
  const split = row.split_ms;
  return (
    row.dirty !== 0 ||
    typeof split !== 'number' ||
    split > basis.splitMs ||
    row.warnings_unprotected !== (basis.warningsAreUnprotected ? 1 : 0)
  );
}

export function ledgerTables(db: Database): LedgerTables {
  const all = db.prepare('SELECT * FROM job_ledgers');
  const ofAppliance = db.prepare('SELECT * FROM job_ledgers WHERE appliance_id = ?');
  const one = db.prepare('SELECT * FROM job_ledgers WHERE appliance_id = ? AND job_id = ?');
  // Through the job index; the newest start last, for the job's current name.
  const runsOf = db.prepare(`SELECT status, end_ms, job_name FROM sessions
    WHERE appliance_id = ? AND job_id = ? AND status NOT IN ${ACTIVE_SQL} ORDER BY start_ms`);
  const save = db.prepare(`UPDATE job_ledgers SET dirty = 0, ${LEDGER_COLUMNS.map((c) => `${c} = @${c}`).join(', ')}
    WHERE appliance_id = @appliance_id AND job_id = @job_id`);

  const finishedRuns = (applianceId: string, jobId: string) => {
    const found = runsOf.all(applianceId, jobId) as Row[];
    return {
      name: found.findLast((r) => typeof r.job_name === 'string')?.job_name as string | undefined,
      runs: found.map((r) => ({ endMs: numberOr(r.end_ms, Number.NaN), status: readStatus(r.status) })),
    };
  };
  const rebuild = writer(db, (jobs: readonly (LedgerJob & { basis: LedgerBasis })[]) => {
    for (const { applianceId, jobId, jobType, basis } of jobs) {
      const { name, runs } = finishedRuns(applianceId, jobId);
      const ledgerRuns = runs.map((r) => ({
        endMs: r.endMs,
        protecting: isProtecting(r.status, basis.warningsAreUnprotected),
        failed: r.status === 'failed',
      }));
      save.run(ledgerToRow(buildLedger({ applianceId, jobId, jobName: name ?? jobId, jobType }, ledgerRuns, basis.splitMs), basis));
    }
  });

  return {
    jobLedgers(applianceId, basisOf) {
      const rows = (applianceId === null ? all.all() : ofAppliance.all(applianceId)) as Row[];
      const ledgers: JobLedger[] = [];
      const stale: (LedgerJob & { basis: LedgerBasis })[] = [];
      for (const row of rows) {
        const job: LedgerJob = {
          applianceId: String(row.appliance_id),
          jobId: String(row.job_id),
          jobType: typeof row.job_type === 'string' ? row.job_type : null,
        };
        const basis = basisOf(job);
        // A row someone else wrote that does not read back is built again too.
        const ledger = isStale(row, basis) ? null : rowToLedger(row);
        if (ledger === null) stale.push({ ...job, basis });
        else ledgers.push(ledger);
      }
      for (let i = 0; i < stale.length; i += REBUILD_BATCH) rebuild(stale.slice(i, i + REBUILD_BATCH));
      for (const job of stale) {
        const ledger = rowToLedger((one.get(job.applianceId, job.jobId) as Row | undefined) ?? {});
        if (ledger !== null) ledgers.push(ledger);
      }
      return ledgers;
    },
    jobRuns: (applianceId, jobId) => finishedRuns(applianceId, jobId).runs,
  };
}
