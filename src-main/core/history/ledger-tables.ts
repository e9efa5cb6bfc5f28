/**
 * The compliance ledgers in the history database: one row a job, rebuilt from the job's sessions
 * when it is read stale (a poll wrote one of its sessions, the prune removed some, or it was built
 * for a smaller RPO or the other warnings rule), so a fleet's year is read in one pass. Decoded
 * ledgers are kept in memory by the row's version, so a repeated read decodes only rows built again.
 */
import type { Database } from 'better-sqlite3';
import { buildLedger, type JobLedger, type LedgerBasis, type LedgerJob } from '../../common/compliance-ledger.js';
import { SESSION_STATUSES, type SessionStatus } from '../../common/model.js';
import { isProtecting } from '../../common/protection.js';
import { writer } from './history-db.js';
import { ACTIVE_SQL } from './history-schema.js';
import type { HistoryStore } from './history-types.js';
import type { Row } from './history-rows.js';
import { LEDGER_COLUMNS, ledgerToRow, rowToLedger } from './ledger-rows.js';

export type LedgerTables = Pick<HistoryStore, 'jobLedgers' | 'jobRuns'>;

/** Jobs rebuilt per write transaction: a short lock for the pollers of other processes. */
const REBUILD_BATCH = 100;

const numberOr = <T>(v: unknown, fallback: T): number | T => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

const readStatus = (v: unknown): SessionStatus => ((SESSION_STATUSES as readonly unknown[]).includes(v) ? (v as SessionStatus) : 'unknown');

/** Whether a clean row, built with this streak split and warnings rule, answers exactly for `basis`. */
function fitsBasis(splitMs: unknown, warningsUnprotected: unknown, basis: LedgerBasis): boolean {
  return typeof splitMs === 'number' && splitMs <= basis.splitMs && warningsUnprotected === (basis.warningsAreUnprotected ? 1 : 0);
}

/** A ledger row's key and what says whether it can answer: the columns of `heads`, in order. */
type HeadRow = readonly [unknown, unknown, unknown, unknown, unknown, unknown, unknown];

/** Rows decoded before, by job, with the version they were decoded at. */
type DecodedLedgers = Map<string, { readonly version: number; readonly ledger: JobLedger }>;

const keyOf = (applianceId: string, jobId: string) => `${applianceId}/${jobId}`;

type JobToBuild = LedgerJob & { readonly basis: LedgerBasis };

/** Building ledgers from the sessions, a batch of jobs per write transaction, each batch one new version. */
function ledgerBuilder(db: Database) {
  // Through the job index; the newest start last, for the job's current name.
  const runsOf = db.prepare(`SELECT status, end_ms, job_name FROM sessions
    WHERE appliance_id = ? AND job_id = ? AND status NOT IN ${ACTIVE_SQL} ORDER BY start_ms`);
  const save = db.prepare(`UPDATE job_ledgers SET dirty = 0, ${LEDGER_COLUMNS.map((c) => `${c} = @${c}`).join(', ')}
    WHERE appliance_id = @appliance_id AND job_id = @job_id`);
  // Shared by every process on the file: a version is never given twice, even to a row deleted and made again.
  const nextVersion = db
    .prepare(
      `INSERT INTO meta (key, value) VALUES ('ledger_version', 1)
      ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .pluck();
  const finishedRuns = (applianceId: string, jobId: string) => {
    const found = runsOf.all(applianceId, jobId) as Row[];
    return {
      name: found.findLast((r) => typeof r.job_name === 'string')?.job_name as string | undefined,
      runs: found.map((r) => ({ endMs: numberOr(r.end_ms, Number.NaN), status: readStatus(r.status) })),
    };
  };
  const rebuild = writer(db, (jobs: readonly JobToBuild[]) => {
    const version = nextVersion.get() as number;
    for (const { applianceId, jobId, jobType, basis } of jobs) {
      const { name, runs } = finishedRuns(applianceId, jobId);
      const ledgerRuns = runs.map((r) => ({
        endMs: r.endMs,
        protecting: isProtecting(r.status, basis.warningsAreUnprotected),
        failed: r.status === 'failed',
      }));
      const ledger = buildLedger({ applianceId, jobId, jobName: name ?? jobId, jobType }, ledgerRuns, basis.splitMs);
      save.run(ledgerToRow(ledger, basis, version));
    }
  });
  return {
    finishedRuns,
    build(jobs: readonly JobToBuild[]) {
      for (let i = 0; i < jobs.length; i += REBUILD_BATCH) rebuild(jobs.slice(i, i + REBUILD_BATCH));
    },
  };
}

/** What says whether each row can answer; the `job_ledger_heads` index covers it. */
export const LEDGER_HEADS_SQL = 'SELECT appliance_id, job_id, job_type, dirty, split_ms, warnings_unprotected, version FROM job_ledgers';

export function ledgerTables(db: Database): LedgerTables {
  // As arrays, not objects: a fleet's read is mostly this, for ledgers already decoded.
  const heads = LEDGER_HEADS_SQL;
  const all = db.prepare(heads).raw();
  const ofAppliance = db.prepare(`${heads} WHERE appliance_id = ?`).raw();
  const one = db.prepare('SELECT * FROM job_ledgers WHERE appliance_id = ? AND job_id = ?');
  const whole = db.prepare('SELECT * FROM job_ledgers');
  const wholeOfAppliance = db.prepare('SELECT * FROM job_ledgers WHERE appliance_id = ?');
  const { finishedRuns, build } = ledgerBuilder(db);
  let decoded: DecodedLedgers = new Map();

  /** The jobs' rows: one query for the lot when they are a good part of the `asked` rows (a process's first read), else one by one. */
  const rowsOf = (applianceId: string | null, jobs: readonly LedgerJob[], asked: number): Map<string, Row> => {
    const found =
      jobs.length * 4 < asked
        ? jobs.map((job) => one.get(job.applianceId, job.jobId) as Row | undefined)
        : ((applianceId === null ? whole.all() : wholeOfAppliance.all(applianceId)) as Row[]);
    const byKey = new Map<string, Row>();
    for (const row of found) if (row !== undefined) byKey.set(keyOf(String(row.appliance_id), String(row.job_id)), row);
    return byKey;
  };

  /** Decodes the jobs' rows into `into`, keeping each by its version; answers the jobs whose row does not read back. */
  const decode = (applianceId: string | null, jobs: readonly JobToBuild[], asked: number, kept: DecodedLedgers, into: JobLedger[]) => {
    if (jobs.length === 0) return [];
    const rows = rowsOf(applianceId, jobs, asked);
    const unreadable: JobToBuild[] = [];
    for (const job of jobs) {
      const key = keyOf(job.applianceId, job.jobId);
      const row = rows.get(key) ?? {};
      const ledger = rowToLedger(row);
      if (ledger === null) unreadable.push(job);
      else {
        if (typeof row.version === 'number') kept.set(key, { version: row.version, ledger });
        into.push(ledger);
      }
    }
    return unreadable;
  };

  return {
    jobLedgers(applianceId, basisOf) {
      const rows = (applianceId === null ? all.all() : ofAppliance.all(applianceId)) as HeadRow[];
      // What this read saw is kept; a whole-fleet read forgets the jobs that are gone.
      const kept: DecodedLedgers = applianceId === null ? new Map() : decoded;
      const ledgers: JobLedger[] = [];
      const toBuild: JobToBuild[] = [];
      const toDecode: JobToBuild[] = [];
      for (const row of rows) {
        const [rowAppliance, rowJob, jobType, dirty, splitMs, warningsUnprotected, version] = row;
        const job: LedgerJob = {
          applianceId: String(rowAppliance),
          jobId: String(rowJob),
          jobType: typeof jobType === 'string' ? jobType : null,
        };
        const basis = basisOf(job);
        const key = keyOf(job.applianceId, job.jobId);
        const before = decoded.get(key);
        if (dirty !== 0 || !fitsBasis(splitMs, warningsUnprotected, basis)) toBuild.push({ ...job, basis });
        else if (before !== undefined && before.version === version) {
          kept.set(key, before);
          ledgers.push(before.ledger);
        } else toDecode.push({ ...job, basis });
      }
      // A row someone else wrote that does not read back is built again too.
      toBuild.push(...decode(applianceId, toDecode, rows.length, kept, ledgers));
      build(toBuild);
      decode(applianceId, toBuild, rows.length, kept, ledgers);
      decoded = kept;
      return ledgers;
    },
    jobRuns: (applianceId, jobId) => finishedRuns(applianceId, jobId).runs,
  };
}
