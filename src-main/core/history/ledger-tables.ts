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

/** A stored JSON array of number tuples, or null when it is anything else (then the row is rebuilt). */
function readTuples(text: unknown, width: number): (number | null)[][] | null {
  if (typeof text !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return null;
    const ok = parsed.every((t) => Array.isArray(t) && t.length === width && t.every((n) => n === null || typeof n === 'number'));
    return ok ? (parsed as (number | null)[][]) : null;
  } catch {
    return null;
  }
}

/** The ledger a row holds, or null when the row is not (or no longer) readable. */
function rowToLedger(row: Row): JobLedger | null {
  const streaks = readTuples(row.streaks, 3);
  const failures = readTuples(row.failures, 2);
  const blob = row.runs_by_day;
  if (streaks === null || failures === null || !(blob instanceof Uint8Array) || blob.byteLength % 4 !== 0) return null;
  return {
    applianceId: String(row.appliance_id),
    jobId: String(row.job_id),
    jobName: typeof row.job_name === 'string' ? row.job_name : String(row.job_id),
    jobType: typeof row.job_type === 'string' ? row.job_type : null,
    firstEndMs: numberOr(row.first_end_ms, null),
    lastEndMs: numberOr(row.last_end_ms, null),
    lastSuccessMs: numberOr(row.last_success_ms, null),
    firstDay: numberOr(row.first_day, 0),
    // Copied into an aligned buffer; counts are stored little-endian, as every platform Backwatch runs on reads them.
    runsByDay: new Uint32Array(new Uint8Array(blob).buffer),
    streaks: streaks.map(([fromMs, toMs, maxGapMs]): SuccessStreak => ({ fromMs: fromMs ?? 0, toMs: toMs ?? 0, maxGapMs: maxGapMs ?? 0 })),
    failures: failures.map(([endMs, nextSuccessMs]): FailedRun => ({ endMs: endMs ?? 0, nextSuccessMs: nextSuccessMs ?? null })),
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
    runs_by_day: Buffer.from(ledger.runsByDay.buffer, ledger.runsByDay.byteOffset, ledger.runsByDay.byteLength),
    streaks: JSON.stringify(ledger.streaks.map((s) => [s.fromMs, s.toMs, s.maxGapMs])),
    failures: JSON.stringify(ledger.failures.map((f) => [f.endMs, f.nextSuccessMs])),
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
  const scopeSql = (what: string) => ({
    all: db.prepare(`SELECT ${what} FROM job_ledgers`),
    one: db.prepare(`SELECT ${what} FROM job_ledgers WHERE appliance_id = ?`),
  });
  const states = scopeSql('appliance_id, job_id, job_type, dirty, split_ms, warnings_unprotected');
  const rows = scopeSql('*');
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
  const scoped = (statements: ReturnType<typeof scopeSql>, applianceId: string | null) =>
    (applianceId === null ? statements.all.all() : statements.one.all(applianceId)) as Row[];

  const rebuildAll = (jobs: readonly (LedgerJob & { basis: LedgerBasis })[]) => {
    for (let i = 0; i < jobs.length; i += REBUILD_BATCH) rebuild(jobs.slice(i, i + REBUILD_BATCH));
  };
  const jobOf = (row: Row): LedgerJob => ({
    applianceId: String(row.appliance_id),
    jobId: String(row.job_id),
    jobType: typeof row.job_type === 'string' ? row.job_type : null,
  });

  return {
    jobLedgers(applianceId, basisOf) {
      const withBasis = (row: Row) => {
        const job = jobOf(row);
        return { ...job, basis: basisOf(job) };
      };
      rebuildAll(
        scoped(states, applianceId).flatMap((row) => {
          const job = withBasis(row);
          return isStale(row, job.basis) ? [job] : [];
        }),
      );
      const read = scoped(rows, applianceId).map((row) => ({ row, ledger: rowToLedger(row) }));
      // A row someone else wrote that does not read back is built again from the sessions.
      const unreadable = read.filter((r) => r.ledger === null).map((r) => withBasis(r.row));
      if (unreadable.length > 0) rebuildAll(unreadable);
      return unreadable.length > 0 ? scoped(rows, applianceId).flatMap((row) => rowToLedger(row) ?? []) : read.map((r) => r.ledger!);
    },
    jobRuns: (applianceId, jobId) => finishedRuns(applianceId, jobId).runs,
  };
}
