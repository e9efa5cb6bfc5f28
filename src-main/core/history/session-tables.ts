/**
 * Sessions, jobs and cursors in the history database: what a poll records, what a restart loads,
 * what the window asks for. Sessions sort newest start first, a session without a start last, and
 * equal starts by the order they were first stored (rowid): every index below already holds that order.
 */
import type { Database, Statement } from 'better-sqlite3';
import { toMs } from '../../common/time.js';
import { writer } from './history-db.js';
import {
  JOB_COLUMNS,
  SESSION_COLUMNS,
  jobToRow,
  readCount,
  readJsonObject,
  rowToJob,
  rowsToSessions,
  sessionToRow,
  type Row,
} from './history-rows.js';
import { ACTIVE_SQL } from './history-schema.js';
import type { HistoryStore, PollRecord, SessionQuery } from './history-types.js';

export type SessionTables = Pick<HistoryStore, 'loadAppliance' | 'hasSession' | 'recordPoll' | 'sessions' | 'retainAppliances'>;

/** Rows deleted per write transaction: about a second in a file of a million sessions, well within another process's busy timeout. */
export const DELETE_BATCH = 10_000;

const NEWEST_FIRST = 'ORDER BY start_ms DESC, rowid DESC';

const KEY = ['appliance_id', 'id'];

/**
 * An upsert by (appliance_id, id) that leaves a row alone when nothing in it changed: a poll that
 * hands over sessions or jobs it read before costs no write. `stamps` (when) are set only with a
 * change, never compared.
 */
function upsertSql(table: string, columns: readonly string[], stamps: readonly string[] = []): string {
  const all = [...columns, ...stamps];
  const values = columns.filter((column) => !KEY.includes(column));
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ${[...values, ...stamps].map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE ${values.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ')}`;
}

/**
 * A restart's window in one statement: the newest `window` sessions, the newest `perJob` of each
 * job (the job ids found by skipping through the job index, one lookup a job), and the active ones.
 */
const LOAD_SQL = `
WITH RECURSIVE job_ids(job_id) AS (
  SELECT min(job_id) FROM sessions WHERE appliance_id = @appliance
  UNION ALL
  SELECT (SELECT min(job_id) FROM sessions WHERE appliance_id = @appliance AND job_id > job_ids.job_id)
    FROM job_ids WHERE job_id IS NOT NULL
)
SELECT * FROM sessions WHERE rowid IN (
  SELECT rowid FROM (SELECT rowid FROM sessions WHERE appliance_id = @appliance ${NEWEST_FIRST} LIMIT @window)
  UNION
  SELECT s.rowid FROM job_ids, sessions AS s WHERE job_ids.job_id IS NOT NULL AND s.rowid IN (
    SELECT rowid FROM sessions WHERE appliance_id = @appliance AND job_id = job_ids.job_id ${NEWEST_FIRST} LIMIT @perJob)
  UNION
  SELECT rowid FROM sessions WHERE appliance_id = @appliance AND status IN ${ACTIVE_SQL}
) ${NEWEST_FIRST}`;

/** Every appliance id in the tables; the sessions' by skipping through their primary key. */
const APPLIANCES_SQL = `
WITH RECURSIVE ids(id) AS (
  SELECT min(appliance_id) FROM sessions
  UNION ALL
  SELECT (SELECT min(appliance_id) FROM sessions WHERE appliance_id > ids.id) FROM ids WHERE id IS NOT NULL
)
SELECT id FROM ids WHERE id IS NOT NULL
UNION SELECT appliance_id FROM jobs UNION SELECT appliance_id FROM cursors UNION SELECT appliance_id FROM watermarks`;

/** Runs a batched DELETE (it takes `@batch`) in write transactions of its own until nothing is left; returns the rows deleted. */
export function deleteInBatches(db: Database, statement: Statement, params: Record<string, unknown>): number {
  const step = writer(db, () => statement.run({ ...params, batch: DELETE_BATCH }).changes);
  let total = 0;
  for (let deleted = DELETE_BATCH; deleted >= DELETE_BATCH; total += deleted) deleted = step();
  return total;
}

/** A LIMIT: a count, or none at all (-1) for Infinity. */
const sqlLimit = (n: number): number => (n === Number.POSITIVE_INFINITY ? -1 : readCount(n));

/** The SQL of a query's shape: one statement a combination of filters, so each uses its index. An unreadable `since` filters nothing. */
function querySql(query: SessionQuery, since: number | null): string {
  const where = [
    query.applianceId === undefined ? null : 'appliance_id = @applianceId',
    query.jobId === undefined ? null : 'job_id = @jobId',
    since === null ? null : 'start_ms >= @since',
    query.statuses?.length ? 'status IN (SELECT value FROM json_each(@statuses))' : null,
  ].filter((clause) => clause !== null);
  return `SELECT * FROM sessions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ${NEWEST_FIRST} LIMIT @limit`;
}

export function sessionTables(db: Database): SessionTables {
  const upsertSession = db.prepare(upsertSql('sessions', SESSION_COLUMNS, ['updated_at']));
  const upsertJob = db.prepare(upsertSql('jobs', JOB_COLUMNS));
  const dropOtherJobs = db.prepare('DELETE FROM jobs WHERE appliance_id = ? AND id NOT IN (SELECT value FROM json_each(?))');
  const writeCursor =
    db.prepare(`INSERT INTO cursors (appliance_id, cursor, behind, updated_at) VALUES (@appliance_id, @cursor, @behind, @updated_at)
    ON CONFLICT (appliance_id) DO UPDATE SET cursor = excluded.cursor, behind = excluded.behind, updated_at = excluded.updated_at`);
  const load = db.prepare(LOAD_SQL);
  const jobsOf = db.prepare('SELECT * FROM jobs WHERE appliance_id = ? ORDER BY position, rowid');
  const cursorOf = db.prepare('SELECT cursor, behind FROM cursors WHERE appliance_id = ?');
  const sessionExists = db.prepare('SELECT 1 FROM sessions WHERE appliance_id = ? AND id = ?').pluck();
  const applianceIds = db.prepare(APPLIANCES_SQL).pluck();
  const dropSessions = db.prepare(
    'DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE appliance_id = @appliance LIMIT @batch)',
  );
  // A job whose session a poll wrote has its compliance ledger built again when next read.
  const markLedger = db.prepare(
    `INSERT INTO job_ledgers (appliance_id, job_id, job_type) VALUES (?, ?, ?)
    ON CONFLICT DO UPDATE SET dirty = 1, job_type = excluded.job_type WHERE dirty = 0 OR job_type IS NOT excluded.job_type`,
  );
  const dropRest = ['jobs', 'cursors', 'watermarks', 'job_ledgers'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE appliance_id = ?`),
  );
  const queries = new Map<string, Statement>();

  const recordPoll = writer(db, (applianceId: string, record: PollRecord) => {
    const updated_at = Date.now();
    const changedJobs = new Map<string, string | null>();
    for (const session of record.sessions) {
      if (upsertSession.run({ ...sessionToRow(applianceId, session), updated_at }).changes > 0)
        changedJobs.set(session.jobId, session.type);
    }
    for (const [jobId, type] of changedJobs) markLedger.run(applianceId, jobId, type);
    if (record.jobs) {
      dropOtherJobs.run(applianceId, JSON.stringify(record.jobs.map((job) => job.id)));
      record.jobs.forEach((job, position) => upsertJob.run(jobToRow(applianceId, job, position)));
    }
    writeCursor.run({ appliance_id: applianceId, cursor: JSON.stringify(record.cursor), behind: record.behind, updated_at });
  });
  const dropRestOf = writer(db, (applianceId: string) => dropRest.forEach((statement) => statement.run(applianceId)));

  // One read transaction: the cursor and the sessions are of the same moment, whoever writes meanwhile.
  const loadAppliance = db.transaction((applianceId: string, shape: { readonly windowSize: number; readonly perJob: number }) => {
    const cursor = cursorOf.get(applianceId) as Row | undefined;
    return {
      sessions: rowsToSessions(
        load.all({ appliance: applianceId, window: sqlLimit(shape.windowSize), perJob: sqlLimit(shape.perJob) }) as Row[],
      ),
      jobs: (jobsOf.all(applianceId) as Row[]).map(rowToJob),
      cursor: readJsonObject(cursor?.cursor),
      behind: readCount(cursor?.behind),
    };
  });
  const statementOf = (sql: string): Statement => {
    let statement = queries.get(sql);
    if (statement === undefined) queries.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  return {
    loadAppliance: (applianceId, shape) => loadAppliance.deferred(applianceId, shape),
    hasSession: (applianceId, sessionId) => sessionExists.get(applianceId, sessionId) !== undefined,
    recordPoll,
    sessions(query) {
      const since = query.since === undefined ? null : toMs(query.since);
      const { applianceId, jobId, statuses, limit } = query;
      const params = { applianceId, jobId, since, statuses: JSON.stringify(statuses ?? []), limit: sqlLimit(limit) };
      return rowsToSessions(statementOf(querySql(query, since)).all(params) as Row[]);
    },
    retainAppliances(keep) {
      const kept = new Set(keep);
      for (const id of applianceIds.all() as unknown[]) {
        if (typeof id !== 'string' || kept.has(id)) continue;
        deleteInBatches(db, dropSessions, { appliance: id });
        dropRestOf(id);
      }
    },
  };
}
