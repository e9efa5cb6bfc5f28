/**
 * Compliance read from the history store's ledgers answers exactly what the pure rule answers on
 * every run of the job, whatever the runs, the RPO (and its changes over time), the warnings rule,
 * the maintenance and the period; and a ledger a poll, the prune or a hand edit made stale is built
 * again before it answers.
 */
import fc from 'fast-check';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { jobCompliance, type ComplianceFigures, type RpoSpan } from '../../../src-main/common/compliance.js';
import { DAY_MS } from '../../../src-main/common/compliance-ledger.js';
import { maintenanceTime, type MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { cronWindows } from '../../../src-main/core/maintenance/cron-starts.js';
import type { Appliance, Session, SessionStatus } from '../../../src-main/common/model.js';
import { isProtecting } from '../../../src-main/common/protection.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-main/common/settings.js';
import { openMemoryHistoryStore, type HistoryStore } from '../../../src-main/core/history/history-store.js';
import { readCompliance } from '../../../src-main/core/reports/compliance-read.js';
import { historyDirPerTest } from '../../support/history-dir.js';
import { makeAppliance, makeSession } from '../common/factories.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 15, 30);
const TODAY = Math.floor(NOW / DAY_MS) * DAY_MS;
const appliance: Appliance = makeAppliance({ id: 'a1' });

interface Run {
  readonly endMs: number;
  readonly status: SessionStatus;
}

const sessionOf = (run: Run, i: number): Session =>
  makeSession({
    id: `r${i}`,
    status: run.status,
    start: new Date(run.endMs - 10 * 60_000).toISOString(),
    end: new Date(run.endMs).toISOString(),
  });

function settingsWith(rpoSec: number | null, warningsAreUnprotected: boolean): Settings {
  return { ...DEFAULT_SETTINGS, warningsAreUnprotected, jobRpo: { 'a1/j1': { rpoSec } } };
}

function fromStore(store: HistoryStore, settings: Settings, maintenance: MaintenanceWindow[], periodStartMs: number): ComplianceFigures {
  const source = { history: store, appliances: [appliance], settings, maintenance, nowMs: NOW };
  const { jobs } = readCompliance(source, { startMs: periodStartMs, endMs: NOW }, null);
  expect(jobs).toHaveLength(1);
  return jobs[0]!.figures;
}

function fromRule(
  runs: readonly Run[],
  settings: Settings,
  maintenance: MaintenanceWindow[],
  periodStartMs: number,
  rpo: readonly RpoSpan[] = [{ fromMs: Number.NEGATIVE_INFINITY, rpoSec: settings.jobRpo['a1/j1']!.rpoSec }],
): ComplianceFigures {
  const period = { startMs: periodStartMs, endMs: NOW };
  return jobCompliance({
    period,
    nowMs: NOW,
    knownFromMs: Math.min(...runs.map((r) => r.endMs)),
    runs: runs.map((r) => ({
      endMs: r.endMs,
      protecting: isProtecting(r.status, settings.warningsAreUnprotected),
      failed: r.status === 'failed',
    })),
    rpo,
    maintenance: maintenanceTime(maintenance, 'a1', 'j1', period, cronWindows),
  });
}

const runArb = fc.record({
  // Up to 60 days back, and a few hours ahead of now (a clock ahead): the store must then read the runs.
  endMs: fc.integer({ min: -60 * 24, max: 3 }).map((h) => NOW + h * HOUR + 7 * 60_000),
  status: fc.constantFrom<SessionStatus>('succeeded', 'succeeded', 'warning', 'failed', 'canceled'),
});
const weekly: MaintenanceWindow = {
  id: 'w1',
  label: 'Saturday night',
  scope: { kind: 'all' },
  schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' },
};

describe('compliance from the history store', () => {
  it('agrees with the rule on every run, for any RPO, warnings rule, maintenance and period, read after read', () => {
    fc.assert(
      fc.property(
        fc.array(runArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 96 }), { nil: null }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 70 }),
        (runs, rpoHours, warningsAreUnprotected, withMaintenance, days) => {
          const store = openMemoryHistoryStore();
          try {
            store.recordPoll('a1', { sessions: runs.map(sessionOf), cursor: {}, behind: 0 });
            const maintenance = withMaintenance ? [weekly] : [];
            // Reading again with another RPO (smaller or larger than the ledger was built for) stays exact.
            for (const hours of rpoHours) {
              const settings = settingsWith(hours === null ? null : hours * 3600, warningsAreUnprotected);
              const periodStart = TODAY - days * DAY_MS;
              expect(fromStore(store, settings, maintenance, periodStart)).toEqual(fromRule(runs, settings, maintenance, periodStart));
            }
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('judges each moment by the RPO recorded in force then, whatever the changes', () => {
    fc.assert(
      fc.property(
        fc.array(runArb, { minLength: 1, maxLength: 60 }),
        fc.array(
          fc.record({ daysAgo: fc.integer({ min: 0, max: 80 }), hours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: null }) }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.integer({ min: 1, max: 70 }),
        (runs, changes, days) => {
          const store = openMemoryHistoryStore();
          try {
            store.recordPoll('a1', { sessions: runs.map(sessionOf), cursor: {}, behind: 0 });
            const ordered = changes
              .map((c) => ({ atMs: NOW - c.daysAgo * DAY_MS - 5 * HOUR, rpoSec: c.hours === null ? null : c.hours * 3600 }))
              .sort((a, b) => a.atMs - b.atMs);
            for (const change of ordered)
              store.recordRpo({ rpoSec: DEFAULT_SETTINGS.rpoSec, jobRpo: { 'a1/j1': { rpoSec: change.rpoSec } } }, change.atMs);
            const now = settingsWith(ordered.at(-1)!.rpoSec, false);
            const rpo = ordered.map((c, i) => ({ fromMs: i === 0 ? Number.NEGATIVE_INFINITY : c.atMs, rpoSec: c.rpoSec }));
            const periodStart = TODAY - days * DAY_MS;
            expect(fromStore(store, now, [], periodStart)).toEqual(fromRule(runs, now, [], periodStart, rpo));
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  const { open } = historyDirPerTest('bw-ledger-');
  const settings = settingsWith(26 * 3600, false);
  const nightly = (days: number): Run[] =>
    Array.from({ length: days }, (_, d) => ({ endMs: TODAY - d * DAY_MS - 20 * HOUR, status: 'succeeded' as const }));

  it('counts a run a later poll wrote, and a run that turned from running to failed, once', () => {
    const store = open();
    store.recordPoll('a1', { sessions: nightly(10).map(sessionOf), cursor: {}, behind: 0 });
    expect(fromStore(store, settings, [], TODAY - 7 * DAY_MS)).toMatchObject({ runs: 7, failedRuns: 0 });
    const running = makeSession({ id: 'late', status: 'running', start: new Date(NOW - HOUR).toISOString(), end: null });
    store.recordPoll('a1', { sessions: [running], cursor: {}, behind: 0 });
    expect(fromStore(store, settings, [], TODAY - 7 * DAY_MS)).toMatchObject({ runs: 7, failedRuns: 0 });
    const failed = { ...running, status: 'failed' as const, end: new Date(NOW - 60_000).toISOString() };
    store.recordPoll('a1', { sessions: [failed], cursor: {}, behind: 0 });
    store.recordPoll('a1', { sessions: [failed], cursor: {}, behind: 0 });
    expect(fromStore(store, settings, [], TODAY - 7 * DAY_MS)).toMatchObject({ runs: 8, failedRuns: 1 });
  });

  it('builds again a ledger row that was edited into junk, and one whose runs the prune removed', () => {
    const store = open();
    store.recordPoll('a1', { sessions: nightly(30).map(sessionOf), cursor: {}, behind: 0 });
    const before = fromStore(store, settings, [], TODAY - 40 * DAY_MS);
    const db = new Sqlite(store.path!);
    db.prepare("UPDATE job_ledgers SET runs_by_day = x'01', streaks = 'junk'").run();
    db.close();
    // Read by a process that has not decoded the row before.
    expect(fromStore(open(), settings, [], TODAY - 40 * DAY_MS)).toEqual(before);
    expect(store.pruneIfDue(NOW, 10)).toBeGreaterThan(0);
    // Ten days back from 15:30 today: the nightly runs of the last nine nights stay.
    expect(fromStore(store, settings, [], TODAY - 40 * DAY_MS)).toMatchObject({ runs: 9 });
  });

  it('reports no job whose every run the prune removed', () => {
    const store = open();
    store.recordPoll('a1', {
      sessions: nightly(30).map((run, i) => sessionOf({ ...run, endMs: run.endMs - 20 * DAY_MS }, i)),
      cursor: {},
      behind: 0,
    });
    expect(fromStore(store, settings, [], TODAY - 60 * DAY_MS).runs).toBe(30);
    while (store.pruneIfDue(NOW, 10) > 0);
    const { jobs } = readCompliance(
      { history: store, appliances: [appliance], settings, maintenance: [], nowMs: NOW },
      { startMs: TODAY - 60 * DAY_MS, endMs: NOW },
      null,
    );
    expect(jobs).toEqual([]);
  });
});
