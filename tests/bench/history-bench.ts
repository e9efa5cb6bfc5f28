/**
 * The cost of the history database at fleet scale: a store of N sessions (default 10 million:
 * 200 appliances × 50 jobs, one run an hour each, as the vendors word them), what a poll writes
 * and how long, how fast the job page and the jobs view load, and the bytes a session takes on
 * disk. Run alone: `npx tsx tests/bench/history-bench.ts`; a smaller N through
 * BACKWATCH_HISTORY_SESSIONS (e.g. 1000000) or `historyFigures({ sessions })`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Sqlite from 'better-sqlite3';
import { type Session, type VendorDetails, type SessionStatus, type Vendor } from '../../src-main/common/model.js';
import { VENDORS } from '../../src-main/common/vendors/index.js';
import { SESSION_COLUMNS, sessionToRow } from '../../src-main/core/history/history-rows.js';
import { HISTORY_FILE_NAME, openHistoryStore, type HistoryStore } from '../../src-main/core/history/history-store.js';
import { silentLogger } from '../../src-main/core/logger.js';
import { round } from './bench-support.js';

const APPLIANCES = 200;
const JOBS_PER_APPLIANCE = 50;
const HOUR = 3_600_000;
const NOW = Date.parse('2025-06-01T00:00:00.000Z');
/** 200 appliances × 50 jobs × one run an hour × 400 days: the fleet the size is projected for. */
const PROJECTED_SESSIONS = APPLIANCES * JOBS_PER_APPLIANCE * 24 * 400;
const OUTCOMES: readonly SessionStatus[] = [...Array<SessionStatus>(18).fill('succeeded'), 'warning', 'failed'];

export interface HistoryFigures {
  readonly sessions: number;
  readonly generateSeconds: number;
  /** A poll that hands over the 100 sessions it read, one of them changed: rows written and median ms. */
  readonly idlePoll: { readonly rows: number; readonly ms: number };
  /** A poll that brings 200 new sessions. */
  readonly busyPoll: { readonly rows: number; readonly ms: number };
  /** The job page: one job's last 30 runs, median ms. */
  readonly jobPageMs: number;
  /** The jobs view of 500 jobs (10 appliances × 50): their last 30 runs each, as 500 queries, ms. */
  readonly jobsViewQueriesMs: number;
  /** The same 500 jobs as a restart loads them: 10 × loadAppliance (window 2,000, 30 a job), ms. */
  readonly jobsViewLoadMs: number;
  /** The newest 100 sessions across the fleet (no appliance named: no index serves it), ms. */
  readonly fleetNewestMs: number;
  /** One day's prune (the oldest day's sessions), ms. */
  readonly pruneDay: { readonly rows: number; readonly ms: number; readonly longestStepMs: number };
  readonly bytesPerSession: number;
  /** Of which the sessions table, and its indexes (the rest: free pages, other tables). */
  readonly tableBytesPerSession: number;
  readonly indexBytesPerSession: number;
  /** 200 appliances × 50 jobs × one run an hour × 400 days, at the measured bytes a session. */
  readonly projectedGigabytes: number;
}

const applianceId = (a: number) => `appl-${String(a).padStart(3, '0')}-${'x'.repeat(7)}`;
const vendorOf = (a: number): Vendor => VENDORS[a % VENDORS.length]!;

function detailsOf(vendor: Vendor, n: number): VendorDetails | undefined {
  const bytes = 1e9 + ((n * 7919) % 1e9);
  if (vendor === 'vb365') {
    return {
      statistics: {
        processingRateBytesPS: bytes / 600,
        processingRateItemsPS: 12.5,
        readRateBytesPS: bytes / 500,
        writeRateBytesPS: bytes / 700,
        transferredDataBytes: bytes,
        processedObjects: n % 5000,
        bottleneck: 'Source',
      },
    };
  }
  if (vendor === 'vcsa')
    return { sizeBytes: bytes, location: 'sftp://backup.example.com/vcsa', messages: [], user: 'administrator@vsphere.local' };
  if (vendor === 'spp') return { taskStatistics: [{ resourceType: 'vm', total: 20, success: 20 - (n % 2), failed: n % 2, skipped: 0 }] };
  return { retryCount: 0, willBeRetried: false };
}

/** Run `hour` (hours before NOW) of job `j` on appliance `a`, worded as its vendor words it. */
function sessionAt(a: number, j: number, hour: number): Session {
  const vendor = vendorOf(a);
  const n = (hour * APPLIANCES + a) * JOBS_PER_APPLIANCE + j;
  const start = NOW - hour * HOUR + j * 60_000;
  const status = OUTCOMES[n % OUTCOMES.length]!;
  const id = vendor === 'spp' ? String(1_700_000_000_000 + n) : vendor === 'vcsa' ? `backup-${n}` : randomUUID();
  return {
    id,
    applianceId: applianceId(a),
    vendor,
    jobId: `job-${j}`,
    jobName: `Nightly VMs ${j}`,
    type: 'Backup',
    status,
    vendorStatus: status.toUpperCase(),
    start: new Date(start).toISOString(),
    end: new Date(start + 20 * 60_000).toISOString(),
    durationMs: 20 * 60_000,
    progress: { percent: 100, completed: 20, total: 20, unit: 'VMs' },
    message: status === 'failed' ? 'Processing web-prod-02 failed: the storage target is out of space.' : null,
    logLink: vendor === 'vbr' || vendor === 'vb365' ? `https://backup-${a}.example.com/api/v1/jobSessions/${id}/log` : null,
    ...(vendor === 'vbr' && n % 3 !== 0 ? {} : { details: detailsOf(vendor, n) }),
  };
}

/** Fills the file hour by hour, oldest first (as polls would), with one prepared insert in big transactions. */
function generate(file: string, count: number): number {
  const perHour = APPLIANCES * JOBS_PER_APPLIANCE;
  const hours = Math.ceil(count / perHour);
  const db = new Sqlite(file);
  // A throwaway file: no journal, no sync, a big cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const insert = db.prepare(
    `INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}, updated_at) VALUES (${'?, '.repeat(SESSION_COLUMNS.length)}?)`,
  );
  const fill = db.transaction((first: number, end: number) => {
    for (let n = first; n < end; n++) {
      const i = n % perHour;
      const session = sessionAt(i % APPLIANCES, Math.floor(i / APPLIANCES), hours - Math.floor(n / perHour));
      const row = sessionToRow(session.applianceId, session);
      insert.run(...SESSION_COLUMNS.map((column) => row[column]), NOW);
    }
  });
  for (let n = 0; n < count; n += 200_000) fill(n, Math.min(count, n + 200_000));
  db.pragma('journal_mode = WAL');
  db.close();
  return hours;
}

/** Bytes a session takes in the sessions table and in its indexes, from the file's pages. */
function sessionBytes(file: string, count: number): Pick<HistoryFigures, 'tableBytesPerSession' | 'indexBytesPerSession'> {
  const db = new Sqlite(file, { readonly: true });
  const pages = db
    .prepare(
      `SELECT d.name = 'sessions' AS isTable, sum(d.pgsize) AS bytes FROM dbstat AS d
       JOIN sqlite_schema AS s ON s.name = d.name WHERE s.tbl_name = 'sessions' GROUP BY 1`,
    )
    .all() as { isTable: number; bytes: number }[];
  db.close();
  const bytesOf = (table: boolean) => round((pages.find((p) => p.isTable === Number(table))?.bytes ?? 0) / count);
  return { tableBytesPerSession: bytesOf(true), indexBytesPerSession: bytesOf(false) };
}

/** Median ms of `run` over `rounds` rounds, after two to warm up. */
function medianMs(rounds: number, run: (round: number) => void): number {
  for (let i = 0; i < 2; i++) run(-1 - i);
  const times = Array.from({ length: rounds }, (_, i) => {
    const t0 = performance.now();
    run(i);
    return performance.now() - t0;
  });
  return round(times.sort((x, y) => x - y)[Math.floor(rounds / 2)]!, 2);
}

/** Rows a poll wrote, read back from the file by their write time (a clock tick after the last). */
function pollCost(file: string, appliance: string, poll: (round: number) => void): { rows: number; ms: number } {
  const ms = medianMs(15, poll);
  const db = new Sqlite(file, { readonly: true });
  const tick = Date.now();
  while (Date.now() === tick);
  const since = Date.now();
  poll(1000);
  const written = (table: string) =>
    db.prepare(`SELECT count(*) FROM ${table} WHERE appliance_id = ? AND updated_at >= ?`).pluck().get(appliance, since) as number;
  const rows = written('sessions') + written('cursors');
  db.close();
  return { rows, ms };
}

function measurePolls(store: HistoryStore, file: string): Pick<HistoryFigures, 'idlePoll' | 'busyPoll'> {
  const idle = applianceId(7);
  const read = store.sessions({ applianceId: idle, limit: 100 });
  const idlePoll = pollCost(file, idle, (r) => {
    const changed = { ...read[0]!, message: `poll ${r}` };
    store.recordPoll(idle, { sessions: [changed, ...read.slice(1)], cursor: { poll: r }, behind: 0 });
  });
  const busy = applianceId(8);
  const busyPoll = pollCost(file, busy, (r) => {
    const sessions = Array.from({ length: 200 }, (_, i) => ({ ...sessionAt(8, i % JOBS_PER_APPLIANCE, 0), id: `busy-${r}-${i}` }));
    store.recordPoll(busy, { sessions, cursor: { poll: r }, behind: 0 });
  });
  return { idlePoll, busyPoll };
}

function measureReads(store: HistoryStore): Pick<HistoryFigures, 'jobPageMs' | 'jobsViewQueriesMs' | 'jobsViewLoadMs' | 'fleetNewestMs'> {
  const jobPageMs = medianMs(51, (r) => {
    const a = (r + 200) % APPLIANCES;
    store.sessions({ applianceId: applianceId(a), jobId: `job-${(r * 7 + 100) % JOBS_PER_APPLIANCE}`, limit: 30 });
  });
  const tenAppliances = (r: number) => Array.from({ length: 10 }, (_, i) => applianceId((r * 10 + i + 100) % APPLIANCES));
  const jobsViewQueriesMs = medianMs(5, (r) => {
    for (const id of tenAppliances(r)) {
      for (let j = 0; j < JOBS_PER_APPLIANCE; j++) store.sessions({ applianceId: id, jobId: `job-${j}`, limit: 30 });
    }
  });
  const jobsViewLoadMs = medianMs(5, (r) => {
    for (const id of tenAppliances(r)) store.loadAppliance(id, { windowSize: 2000, perJob: 30 });
  });
  const fleetNewestMs = medianMs(3, () => store.sessions({ limit: 100 }));
  return { jobPageMs, jobsViewQueriesMs, jobsViewLoadMs, fleetNewestMs };
}

export async function historyFigures(options: { sessions?: number } = {}): Promise<HistoryFigures> {
  const count = options.sessions ?? Number(process.env.BACKWATCH_HISTORY_SESSIONS ?? 10_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backwatch-history-bench-'));
  const file = path.join(dir, HISTORY_FILE_NAME);
  try {
    openHistoryStore(dir, silentLogger).close();
    const t0 = performance.now();
    const hours = generate(file, count);
    const generateSeconds = round((performance.now() - t0) / 1000);
    const bytesPerSession = round(statSync(file).size / count);
    const split = sessionBytes(file, count);
    const store = openHistoryStore(dir, silentLogger);
    try {
      const polls = measurePolls(store, file);
      const reads = measureReads(store);
      const p0 = performance.now();
      // One bounded step a call, as after each poll: the whole day, and the longest step (the longest lock).
      let rows = 0;
      let longestStepMs = 0;
      for (let step = Infinity; step > 0; rows += step) {
        const s0 = performance.now();
        step = store.pruneIfDue(NOW, Math.max(0, hours - 24) / 24);
        longestStepMs = Math.max(longestStepMs, performance.now() - s0);
      }
      const pruneDay = { rows, ms: round(performance.now() - p0), longestStepMs: round(longestStepMs) };
      const projectedGigabytes = round((bytesPerSession * PROJECTED_SESSIONS) / 1e9);
      return { sessions: count, generateSeconds, ...polls, ...reads, pruneDay, bytesPerSession, ...split, projectedGigabytes };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeHistoryFigures(f: HistoryFigures): string {
  return [
    `history database, ${f.sessions.toLocaleString('en')} sessions (generated in ${f.generateSeconds} s):`,
    `  idle poll (100 sessions handed over, 1 changed): ${f.idlePoll.rows} rows written in ${f.idlePoll.ms} ms`,
    `  busy poll (200 new sessions): ${f.busyPoll.rows} rows written in ${f.busyPoll.ms} ms`,
    `  job page (one job's last 30 runs): ${f.jobPageMs} ms`,
    `  jobs view, 500 jobs' last 30 runs: ${f.jobsViewQueriesMs} ms as 500 queries, ${f.jobsViewLoadMs} ms as 10 loadAppliance`,
    `  newest 100 sessions across the fleet: ${f.fleetNewestMs} ms`,
    `  prune of the oldest day: ${f.pruneDay.rows} rows in ${f.pruneDay.ms} ms, the longest step (one write lock) ${f.pruneDay.longestStepMs} ms`,
    `  ${f.bytesPerSession} bytes a session on disk (table ${f.tableBytesPerSession}, indexes ${f.indexBytesPerSession}): ${f.projectedGigabytes} GB for 200 appliances × 50 jobs × one run an hour × 400 days`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await historyFigures();
  console.log(JSON.stringify(figures));
  console.log(describeHistoryFigures(figures));
}
