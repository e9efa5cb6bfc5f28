/**
 * The history database over a real file in a temp folder: what a poll records comes back from a
 * reopened file exactly as stored, a restart loads the window it needs, queries filter and sort as
 * the window asks, and removed appliances leave nothing behind.
 */
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/common/model.js';
import { openMemoryHistoryStore, type HistoryStore } from '../../../src-main/core/history/history-store.js';
import { DELETE_BATCH } from '../../../src-main/core/history/session-tables.js';
import { historyDirPerTest } from '../../support/history-dir.js';
import { HOUR, at, makeJob, makeRunning, makeSession } from '../common/factories.js';

const { file, open, closeLater } = historyDirPerTest('bw-history-');
/** A second connection to the file, as the sqlite3 shell (or another Backwatch) would have. */
const raw = () => new Sqlite(file());
const record = (store: HistoryStore, sessions: readonly Session[], applianceId = 'a1') =>
  store.recordPoll(applianceId, { sessions, cursor: { since: at(0) }, behind: 0 });

const full = makeSession({
  id: 'full',
  type: 'Backup',
  message: 'Completed with 2 warnings',
  logLink: 'https://spp.example.test/api/log/1',
  progress: { percent: 100, completed: 12.5, total: 12.5, unit: 'GB' },
  transferredBytes: 4096,
  details: {
    statistics: {
      processingRateBytesPS: 1e6,
      processingRateItemsPS: null,
      readRateBytesPS: 2,
      writeRateBytesPS: 3,
      transferredDataBytes: 4096,
      processedObjects: 7,
      bottleneck: null,
    },
    retryCount: null,
    willBeRetried: false,
    messages: ['one', 'two'],
    taskStatistics: [{ resourceType: 'vm', total: 3, success: 2, failed: 1, skipped: null }],
  },
});
const bare = makeSession({ id: 'bare', type: null, start: null, end: null, durationMs: null, message: null, logLink: null });
const emptyDetails = makeSession({ id: 'empty-details', details: {} });
// Times as a vendor may word them: not in toISOString form, unreadable, past year 9999.
const oddTimes = [
  makeSession({ id: 'no-millis', start: '2024-03-01T10:00:00Z', end: '2024-03-01T11:00:00+00:00' }),
  makeSession({ id: 'unreadable', start: 'yesterday', end: '' }),
  makeSession({ id: 'far', start: '+275760-09-13T00:00:00.000Z', end: '+010000-01-01T00:00:00.000Z', durationMs: 1.5 }),
];

describe('history store: sessions', () => {
  it('gives back every session deep-equal, with optional fields absent, null and present, also after reopening the file', () => {
    const stored = [full, bare, emptyDetails, ...oddTimes];
    record(open(), stored);
    const byId = (sessions: readonly Session[]) => Object.fromEntries(sessions.map((s) => [s.id, s]));
    const expected = byId(stored);
    expect(byId(open().sessions({ applianceId: 'a1', limit: 100 }))).toStrictEqual(expected);
    expect(byId(open().loadAppliance('a1', { windowSize: 100, perJob: 1 }).sessions)).toStrictEqual(expected);
    expect('details' in bare).toBe(false);
  });

  it('keeps the transferred bytes in a column of their own', () => {
    record(open(), [full, bare, makeSession({ id: 'vcsa', transferredBytes: 99, details: { sizeBytes: 99 } })]);
    const db = raw();
    expect(db.prepare('SELECT id, bytes FROM sessions ORDER BY id').all()).toEqual([
      { id: 'bare', bytes: null },
      { id: 'full', bytes: 4096 },
      { id: 'vcsa', bytes: 99 },
    ]);
    db.close();
  });

  it('reads rows written by hand with junk in every column without throwing, leaving out vendors it does not know', () => {
    record(open(), [makeSession({ id: 'good' })]);
    const db = raw();
    db.prepare(
      `INSERT INTO sessions (appliance_id, id, vendor, status, start_ms, end_ms, duration_ms, progress_percent, details, job_id, updated_at)
       VALUES ('a1', 7, 'spp', 'exploded', 'soon', 1e300, 'long', 'half', '{broken', NULL, 0),
              ('a1', 'alien', 'tape-robot', 'failed', 1, NULL, NULL, NULL, NULL, 'j1', 0)`,
    ).run();
    db.prepare(`INSERT INTO jobs (appliance_id, id, name, enabled, position) VALUES ('a1', 3, NULL, 'yes', 'first')`).run();
    db.prepare(`UPDATE cursors SET cursor = '[1, 2]', behind = 'many'`).run();
    db.prepare(`INSERT INTO held (id, events) VALUES (1, '[{"kind": "session_failed"}, 3]')`).run();
    db.close();
    const store = open();
    const state = store.loadAppliance('a1', { windowSize: 10, perJob: 10 });
    expect(state.sessions.map((s) => s.id)).toEqual(['7', 'good']);
    expect(state.sessions[0]).toMatchObject({
      status: 'unknown',
      start: null,
      end: null,
      durationMs: null,
      jobId: '',
      jobName: '',
      vendorStatus: '',
    });
    expect(state.sessions[0]?.progress.percent).toBeNull();
    expect('details' in state.sessions[0]!).toBe(false);
    expect(state.jobs).toEqual([{ id: '3', applianceId: 'a1', name: '', type: null, nextRun: null, lastRun: null, enabled: true }]);
    expect(state).toMatchObject({ cursor: null, behind: 0 });
    expect(store.held()).toEqual([]);
  });

  it('loads a restart window: the newest sessions, the newest few of every job, and every active one, newest first', () => {
    const busy = Array.from({ length: 20 }, (_, i) =>
      makeSession({ id: `busy-${i}`, jobId: 'busy', start: at(-i * HOUR), end: at(-i * HOUR + 1) }),
    );
    const quiet = Array.from({ length: 5 }, (_, i) => makeSession({ id: `quiet-${i}`, jobId: 'quiet', start: at(-100 * HOUR - i * HOUR) }));
    const stuck = makeRunning(-500 * HOUR, { id: 'stuck', jobId: 'stuck' });
    const store = open();
    record(store, [...busy, ...quiet, stuck]);
    record(store, [makeSession({ id: 'other-appliance', applianceId: 'a2' })], 'a2');
    const loaded = store.loadAppliance('a1', { windowSize: 4, perJob: 2 }).sessions;
    expect(loaded.map((s) => s.id)).toEqual(['busy-0', 'busy-1', 'busy-2', 'busy-3', 'quiet-0', 'quiet-1', 'stuck']);
  });

  it('replaces the jobs when a poll lists them, keeps them when it does not, and keeps the cursor', () => {
    const store = open();
    const jobs = [makeJob({ id: 'j2', name: 'Second' }), makeJob({ id: 'j1', nextRun: at(HOUR), lastRun: at(-HOUR), enabled: false })];
    store.recordPoll('a1', { sessions: [], jobs, cursor: { page: 3, token: 'x' }, behind: 12 });
    expect(open().loadAppliance('a1', { windowSize: 1, perJob: 1 })).toStrictEqual({
      sessions: [],
      jobs,
      cursor: { page: 3, token: 'x' },
      behind: 12,
    });
    store.recordPoll('a1', { sessions: [], cursor: {}, behind: 0 });
    expect(store.loadAppliance('a1', { windowSize: 1, perJob: 1 }).jobs).toStrictEqual(jobs);
    store.recordPoll('a1', { sessions: [], jobs: [jobs[1]!], cursor: {}, behind: 0 });
    expect(store.loadAppliance('a1', { windowSize: 1, perJob: 1 })).toStrictEqual({ sessions: [], jobs: [jobs[1]], cursor: {}, behind: 0 });
    expect(store.loadAppliance('never-polled', { windowSize: 1, perJob: 1 })).toStrictEqual({
      sessions: [],
      jobs: [],
      cursor: null,
      behind: 0,
    });
  });

  it('writes nothing for a session handed over again unchanged, and the change of one that changed', () => {
    const store = open();
    const running = makeRunning(-HOUR, { id: 'r' });
    record(store, [running, full]);
    const db = raw();
    const stamps = () =>
      Object.fromEntries((db.prepare('SELECT id, updated_at FROM sessions').raw().all() as [string, number][]).map((row) => row));
    db.prepare('UPDATE sessions SET updated_at = 0').run();
    record(store, [running, full]);
    expect(stamps()).toEqual({ r: 0, full: 0 });
    record(store, [{ ...running, progress: { ...running.progress, percent: 40 } }, full]);
    expect(stamps().full).toBe(0);
    expect(stamps().r).toBeGreaterThan(0);
    db.close();
    expect(store.sessions({ applianceId: 'a1', jobId: running.jobId, limit: 1 })[0]?.progress.percent).toBe(40);
  });

  it('answers queries by appliance, job, start and status, newest first, sessions without a start last', () => {
    const store = closeLater(openMemoryHistoryStore());
    const sessions = [
      makeSession({ id: 'old-fail', status: 'failed', start: at(-3 * HOUR) }),
      makeSession({ id: 'new-ok', start: at(-HOUR) }),
      makeSession({ id: 'no-start', start: null }),
      makeSession({ id: 'other-job', jobId: 'j2', status: 'failed', start: at(-2 * HOUR) }),
    ];
    record(store, sessions);
    record(store, [makeSession({ id: 'elsewhere', applianceId: 'a2', start: at(0) })], 'a2');
    const ids = (query: Parameters<HistoryStore['sessions']>[0]) => store.sessions(query).map((s) => s.id);
    expect(ids({ applianceId: 'a1', limit: 10 })).toEqual(['new-ok', 'other-job', 'old-fail', 'no-start']);
    expect(ids({ limit: 2 })).toEqual(['elsewhere', 'new-ok']);
    expect(ids({ applianceId: 'a1', jobId: 'j1', limit: 10 })).toEqual(['new-ok', 'old-fail', 'no-start']);
    expect(ids({ applianceId: 'a1', since: at(-2 * HOUR), limit: 10 })).toEqual(['new-ok', 'other-job']);
    expect(ids({ statuses: ['failed'], limit: 10 })).toEqual(['other-job', 'old-fail']);
    expect(ids({ applianceId: 'a1', statuses: [], limit: 1 })).toEqual(['new-ok']);
    expect(ids({ applianceId: 'a1', limit: Number.POSITIVE_INFINITY })).toHaveLength(4);
  });
});

describe('history store: removed appliances', () => {
  it('removes every row of the appliances not kept, however many sessions they have', () => {
    const store = open();
    const many = Array.from({ length: DELETE_BATCH + 1 }, (_, i) => makeSession({ id: `gone-${i}`, applianceId: 'gone' }));
    store.recordPoll('gone', { sessions: many, jobs: [makeJob({ applianceId: 'gone' })], cursor: { n: 1 }, behind: 3 });
    store.setWatermark('gone', at(0));
    const kept = makeSession({ id: 'kept' });
    store.recordPoll('a1', { sessions: [kept], jobs: [makeJob()], cursor: { n: 2 }, behind: 0 });
    store.setWatermark('a1', at(0));
    store.retainAppliances(['a1', 'not-polled-yet']);
    expect(store.loadAppliance('gone', { windowSize: 10, perJob: 10 })).toStrictEqual({ sessions: [], jobs: [], cursor: null, behind: 0 });
    expect(store.watermark('gone')).toBeNull();
    expect(store.sessions({ limit: 10 })).toStrictEqual([kept]);
    expect(store.loadAppliance('a1', { windowSize: 10, perJob: 10 }).jobs).toHaveLength(1);
    expect(store.watermark('a1')).toBe(at(0));
  });
});
