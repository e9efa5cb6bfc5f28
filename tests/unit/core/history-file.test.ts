/**
 * The history database file over its life: an older schema is migrated in place with its data, and
 * a file Backwatch cannot use (not a database, cut short, from a newer Backwatch) is kept aside
 * with one warning while a fresh one begins.
 */
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { plannedWindows } from '../../../src-main/common/maintenance-timeline.js';
import { sessionToRow } from '../../../src-main/core/history/history-rows.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/core/history/history-schema.js';
import { HISTORY_FILE_NAME, openHistoryStore } from '../../../src-main/core/history/history-store.js';
import { LEDGER_HEADS_SQL } from '../../../src-main/core/history/ledger-tables.js';
import { createLogger, silentLogger, type LogLine } from '../../../src-main/core/logger.js';
import { historyDirPerTest } from '../../support/history-dir.js';
import { makeSession } from '../common/factories.js';

const { dir, file, lines, open } = historyDirPerTest('bw-history-file-');

const asideFiles = (reason: string) => readdirSync(dir()).filter((name) => name.startsWith(`${HISTORY_FILE_NAME}.${reason}-`));

/** Opens the bad file and checks the one warning, the kept copy and the fresh, working store. */
function expectKeptAsideAndFresh(reason: 'corrupt' | 'newer', problem: RegExp): string {
  const store = open();
  expect(store.path).toBe(file());
  expect(lines()).toHaveLength(1);
  expect(lines()[0]?.level).toBe('warn');
  const kept = asideFiles(reason);
  expect(kept).toHaveLength(1);
  expect(lines()[0]?.message).toMatch(problem);
  expect(lines()[0]?.message).toContain(`; it was kept as ${path.join(dir(), kept[0]!)} and Backwatch rebuilds it from the appliances.`);
  expect(store.sessions({ limit: 10 })).toEqual([]);
  store.recordPoll('a1', { sessions: [makeSession({ id: 'after' })], cursor: {}, behind: 0 });
  expect(store.sessions({ limit: 10 }).map((s) => s.id)).toEqual(['after']);
  return path.join(dir(), kept[0]!);
}

/** A real database with some history, closed (its WAL folded in). */
function writeRealDatabase(): void {
  const store = openHistoryStore(dir(), silentLogger);
  const details = { messages: ['x'.repeat(200)] };
  store.recordPoll('a1', {
    sessions: Array.from({ length: 2000 }, (_, i) => makeSession({ id: `s${i}`, details })),
    cursor: {},
    behind: 0,
  });
  store.close();
}

describe('history database: files it cannot use', () => {
  it('keeps the history in memory for the run, with one warning, where no file can be opened at all', () => {
    // A folder that is a file: no one, not even root, can create a database inside it.
    const notAFolder = path.join(dir(), 'a-file');
    writeFileSync(notAFolder, '');
    const logged: LogLine[] = [];
    const store = openHistoryStore(
      notAFolder,
      createLogger((line) => logged.push(line)),
    );
    expect(store.path).toBeNull();
    expect(logged.map((l) => l.level)).toEqual(['warn']);
    expect(logged[0]?.message).toContain(`cannot open its history database ${path.join(notAFolder, HISTORY_FILE_NAME)}`);
    store.recordPoll('a1', { sessions: [makeSession({ id: 'kept' })], cursor: {}, behind: 0 });
    expect(store.sessions({ limit: 10 }).map((s) => s.id)).toEqual(['kept']);
    store.close();
  });

  it('keeps a file that is no database aside, as it was, and begins afresh', () => {
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256));
    writeFileSync(file(), garbage);
    const kept = expectKeptAsideAndFresh('corrupt', new RegExp(`^The history database ${file()} was damaged \\(.+\\)`));
    expect(readFileSync(kept).equals(garbage)).toBe(true);
  });

  it('keeps a database cut short aside and begins afresh', () => {
    writeRealDatabase();
    truncateSync(file(), Math.floor(statSync(file()).size / 2));
    expectKeptAsideAndFresh('corrupt', /was damaged \(database disk image is malformed\)/);
  });

  it('keeps a database written by a newer Backwatch aside, with its last commits, and begins afresh', () => {
    writeRealDatabase();
    const newer = new Sqlite(file());
    newer.pragma('wal_autocheckpoint = 0');
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.prepare("INSERT INTO meta (key, value) VALUES ('newer', 1)").run();
    // As a newer Backwatch that stopped short leaves it: its last commits in the WAL alone.
    const [main, wal] = [readFileSync(file()), readFileSync(`${file()}-wal`)];
    newer.close();
    writeFileSync(file(), main);
    writeFileSync(`${file()}-wal`, wal);
    const kept = expectKeptAsideAndFresh('newer', new RegExp(`was written by a newer Backwatch \\(schema version ${SCHEMA_VERSION + 1};`));
    const old = new Sqlite(kept);
    expect(old.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(old.prepare("SELECT value FROM meta WHERE key = 'newer'").pluck().get()).toBe(1);
    expect(old.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(2000);
    old.close();
  });
});

describe('history database: migrations', () => {
  it('brings a version 1 file to the current version, keeping its rows and filling in the transferred bytes', () => {
    const sessions = [
      makeSession({ id: 'vb365', details: { statistics: { transferredDataBytes: 5000 } as never } }),
      makeSession({ id: 'vcsa', details: { sizeBytes: 77 } }),
      makeSession({ id: 'plain' }),
      makeSession({ id: 'words', details: { sizeBytes: 'lots' as never } }),
    ];
    const v1 = new Sqlite(file());
    v1.exec(MIGRATIONS[0]!);
    v1.pragma('user_version = 1');
    for (const session of sessions) {
      const { bytes: _bytes, ...row } = sessionToRow('a1', session);
      const columns = [...Object.keys(row), 'updated_at'];
      v1.prepare(`INSERT INTO sessions (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run({
        ...row,
        updated_at: 1,
      });
    }
    v1.prepare("INSERT INTO sessions (appliance_id, id, vendor, details, updated_at) VALUES ('a1', 'broken', 'spp', '{not json', 1)").run();
    v1.close();

    const store = open();
    expect(lines()).toEqual([]);
    const byId = Object.fromEntries(store.sessions({ applianceId: 'a1', limit: 10 }).map((s) => [s.id, s]));
    // The bytes filled in from an earlier version's details read back as the vendor-neutral fact.
    const filled: Record<string, number> = { vb365: 5000, vcsa: 77 };
    for (const session of sessions) {
      const bytes = filled[session.id];
      expect(byId[session.id]).toStrictEqual(bytes === undefined ? session : { ...session, transferredBytes: bytes });
    }
    store.close();
    const db = new Sqlite(file(), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(Object.fromEntries(db.prepare('SELECT id, bytes FROM sessions').raw().all() as [string, number | null][])).toEqual({
      vb365: 5000,
      vcsa: 77,
      plain: null,
      words: null,
      broken: null,
    });
    db.close();
  });

  it('brings a version 3 file to the current version, keeping its built ledgers and starting the RPO record empty', () => {
    const nightly = Array.from({ length: 5 }, (_, d) =>
      makeSession({ id: `n${d}`, end: new Date(Date.UTC(2026, 10, 20 + d, 2)).toISOString() }),
    );
    const v3 = new Sqlite(file());
    for (const step of MIGRATIONS.slice(0, 3)) v3.exec(step);
    v3.pragma('user_version = 3');
    for (const session of nightly) {
      const row = sessionToRow('a1', session);
      const columns = [...Object.keys(row), 'updated_at'];
      v3.prepare(`INSERT INTO sessions (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run({
        ...row,
        updated_at: 1,
      });
    }
    // One ledger as version 3 built it, one a poll had made stale.
    v3.exec(`INSERT INTO job_ledgers (appliance_id, job_id, job_type, dirty, split_ms, warnings_unprotected, job_name,
      first_end_ms, last_end_ms, last_success_ms, first_day, runs_by_day, streaks, failures)
      VALUES ('a1', 'j1', 'Backup', 0, 0, 0, 'Nightly', 1, 2, 2, 0, x'01000000', x'', x''),
             ('a1', 'j2', 'Backup', 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    v3.close();

    const store = open();
    expect(lines()).toEqual([]);
    expect(store.rpoRecords()).toEqual([]);
    expect(store.sessions({ applianceId: 'a1', limit: 10 })).toHaveLength(5);
    store.close();
    const db = new Sqlite(file(), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT job_id, dirty, version FROM job_ledgers ORDER BY job_id').all()).toEqual([
      { job_id: 'j1', dirty: 0, version: 0 },
      { job_id: 'j2', dirty: 1, version: null },
    ]);
    db.close();
  });

  it("reads whether each ledger row can answer from an index, without a row's blobs", () => {
    openHistoryStore(dir(), silentLogger).close();
    const db = new Sqlite(file(), { readonly: true });
    for (const [sql, ...values] of [[LEDGER_HEADS_SQL], [`${LEDGER_HEADS_SQL} WHERE appliance_id = ?`, 'a1']]) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[];
      expect(plan.map((step) => step.detail).join('\n')).toMatch(/COVERING INDEX job_ledger_heads/);
    }
    db.close();
  });

  it('brings a version 5 file to the current version, keeping its RPO record, and takes the windows first recorded as planned since always', () => {
    const v5 = new Sqlite(file());
    for (const step of MIGRATIONS.slice(0, 5)) v5.exec(step);
    v5.pragma('user_version = 5');
    v5.prepare('INSERT INTO rpo_settings (at_ms, rpo_sec, job_rpo) VALUES (?, ?, ?)').run(1000, 86_400, '{}');
    v5.close();

    const nights: MaintenanceWindow = {
      id: 'w1',
      label: 'Nights',
      scope: { kind: 'all' },
      schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' },
    };
    const upgraded = open();
    expect(lines()).toEqual([]);
    expect(upgraded.rpoRecords()).toEqual([{ atMs: 1000, rpoSec: 86_400, jobRpo: {} }]);
    expect(upgraded.maintenanceRecords()).toEqual([]);
    // The windows the configuration held before the upgrade, recorded on the first start after it.
    expect(upgraded.recordMaintenance([nights], 5000)).toBe(true);
    expect(upgraded.recordMaintenance([nights], 6000)).toBe(false);
    upgraded.close();

    const reopened = open();
    expect(reopened.maintenanceRecords()).toEqual([{ atMs: 5000, windows: [nights] }]);
    expect(plannedWindows(reopened.maintenanceRecords(), [])).toEqual([
      { window: nights, addedMs: Number.NEGATIVE_INFINITY, removedMs: Number.POSITIVE_INFINITY },
    ]);
    reopened.close();
    const db = new Sqlite(file(), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});
