/**
 * Compliance ledgers as rows of the history database, and back. Numbers are kept as blobs of
 * little-endian 64-bit floats (as every platform Backwatch runs on reads them); a row that does not
 * read back (another version, a person with the sqlite3 shell) reads as null and is built again.
 */
import type { JobLedger, LedgerBasis } from '../../common/compliance-ledger.js';
import type { FailedRun, SuccessStreak } from '../../common/compliance.js';
import type { Row } from './history-rows.js';

const numberOr = <T>(v: unknown, fallback: T): number | T => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** The blob's bytes where a typed array of `size`-byte items can view them: in place when aligned, else a copy. */
function alignedView(blob: Uint8Array, size: number): [ArrayBufferLike, number, number] {
  const bytes = blob.byteOffset % size === 0 ? blob : new Uint8Array(blob);
  return [bytes.buffer, bytes.byteOffset, bytes.byteLength / size];
}

/** `width` numbers to a record; null when the blob is anything else. */
function readRecords(blob: unknown, width: number): Float64Array | null {
  if (!(blob instanceof Uint8Array) || blob.byteLength % (8 * width) !== 0) return null;
  return new Float64Array(...alignedView(blob, 8));
}

const asBlob = (array: Float64Array | Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

function streaksFrom(records: Float64Array): SuccessStreak[] {
  const out: SuccessStreak[] = new Array<SuccessStreak>(records.length / 3);
  for (let i = 0; i < records.length; i += 3) out[i / 3] = { fromMs: records[i]!, toMs: records[i + 1]!, maxGapMs: records[i + 2]! };
  return out;
}

/** NaN stands for "no good run since". */
function failuresFrom(records: Float64Array): FailedRun[] {
  const out: FailedRun[] = new Array<FailedRun>(records.length / 2);
  for (let i = 0; i < records.length; i += 2) {
    const next = records[i + 1]!;
    out[i / 2] = { endMs: records[i]!, nextSuccessMs: Number.isNaN(next) ? null : next };
  }
  return out;
}

/** The ledger a row holds, or null when the row is not (or no longer) readable. */
export function rowToLedger(row: Row): JobLedger | null {
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

/** The columns a rebuild writes, beside the key. */
export const LEDGER_COLUMNS = [
  'version',
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

export function ledgerToRow(
  ledger: JobLedger,
  basis: LedgerBasis,
  version: number,
): Record<(typeof LEDGER_COLUMNS)[number] | 'appliance_id' | 'job_id', unknown> {
  return {
    appliance_id: ledger.applianceId,
    job_id: ledger.jobId,
    version,
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
