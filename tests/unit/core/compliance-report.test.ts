// Recurring windows are local wall-clock times: pin the zone so they fall at known UTC times.
process.env.TZ = 'UTC';

/**
 * The report over the stored history with maintenance windows: their time is left out and a
 * failure they cover is forgiven once fixed inside them, the windows of the period are listed with
 * their scope, and names an appliance sent cannot break the HTML or the CSV.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src-main/common/compliance-ledger.js';
import type { MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import type { Session } from '../../../src-main/common/model.js';
import { DEFAULT_SETTINGS } from '../../../src-main/common/settings.js';
import { openMemoryHistoryStore } from '../../../src-main/core/history/history-store.js';
import { readCompliance } from '../../../src-main/core/reports/compliance-read.js';
import { buildReport } from '../../../src-main/core/reports/report-build.js';
import { exportReport } from '../../../src-main/core/reports/report-export.js';
import { makeAppliance, makeSession } from '../common/factories.js';

const HOUR = 3_600_000;
// A Monday, noon.
const NOW = Date.UTC(2026, 10, 30, 12);
const TODAY = Math.floor(NOW / DAY_MS) * DAY_MS;
const prod = makeAppliance({ id: 'a1', name: 'SPP prod' });
const lab = makeAppliance({ id: 'a2', name: 'Lab' });

const run = (jobId: string, jobName: string, endMs: number, status: Session['status']): Session =>
  makeSession({
    id: `${jobId}-${endMs}`,
    applianceId: prod.id,
    jobId,
    jobName,
    status,
    start: new Date(endMs - HOUR).toISOString(),
    end: new Date(endMs).toISOString(),
  });

/** Fourteen nights at 02:00; each Sunday 02:00 run fails and is run again at 03:00, inside Saturday night's window. */
function history() {
  const store = openMemoryHistoryStore();
  const sessions = Array.from({ length: 14 }, (_, i) => TODAY - (i + 1) * DAY_MS + 2 * HOUR).flatMap((endMs) =>
    new Date(endMs).getUTCDay() === 0
      ? [run('j1', 'Nightly', endMs, 'failed'), run('j1', 'Nightly', endMs + HOUR, 'succeeded')]
      : [run('j1', 'Nightly', endMs, 'succeeded')],
  );
  sessions.push(run('j2', '<img src=x onerror=alert(1)>\nsecond line', TODAY - DAY_MS, 'succeeded'));
  store.recordPoll(prod.id, { sessions, cursor: {}, behind: 0 });
  return store;
}

const saturdayNight: MaintenanceWindow = {
  id: 'w1',
  label: 'Saturday night',
  scope: { kind: 'appliance', applianceId: prod.id },
  schedule: { kind: 'weekly', days: [6], start: '22:00', end: '04:00' },
};
const labWindow: MaintenanceWindow = {
  ...saturdayNight,
  id: 'w2',
  label: 'Lab rebuild',
  scope: { kind: 'appliance', applianceId: lab.id },
};

function report(maintenance: MaintenanceWindow[], appliance: typeof prod | null) {
  const store = history();
  const period = { startMs: TODAY - 7 * DAY_MS, endMs: NOW };
  const source = { history: store, appliances: [prod, lab], settings: DEFAULT_SETTINGS, maintenance, nowMs: NOW };
  const figures = readCompliance(source, period, appliance?.id ?? null);
  store.close();
  return buildReport(figures, { period, appliance, appliances: [prod, lab], maintenance, generatedAtMs: NOW, version: '9.9.9' });
}

describe('a compliance report with maintenance windows', () => {
  it('forgives a failure fixed inside a window, leaves the window time out, and lists the window with its scope', () => {
    const without = report([], null).jobs.find((j) => j.jobId === 'j1')!;
    const withWindow = report([saturdayNight, labWindow], prod);
    const nightly = withWindow.jobs.find((j) => j.jobId === 'j1')!;
    expect(without.failedRuns).toBe(1);
    expect(nightly.failedRuns).toBe(0);
    expect(nightly.runs).toBe(without.runs);
    expect(without.countedMs - nightly.countedMs).toBe(6 * HOUR);
    expect(withWindow.maintenance).toEqual([
      { label: 'Saturday night', scope: 'SPP prod', schedule: 'sat 22:00–04:00', added: null, removed: null, leftOutMs: 6 * HOUR },
    ]);
    expect(exportReport(withWindow, 'csv').text).toContain(
      'Maintenance window,Saturday night,SPP prod,sat 22:00–04:00,before windows were recorded,,6.0\n',
    );
  });

  it('forgives a failure fixed inside a window that runs on past the end of the period', () => {
    const store = openMemoryHistoryStore();
    // Saturday: a good run at 20:00, a failure at 23:00 inside the window, fixed at 01:00 on Sunday.
    const saturday = TODAY - 2 * DAY_MS;
    const runs = [run('j1', 'Nightly', saturday + 20 * HOUR, 'succeeded'), run('j1', 'Nightly', saturday + 23 * HOUR, 'failed')];
    store.recordPoll(prod.id, { sessions: [...runs, run('j1', 'Nightly', saturday + 25 * HOUR, 'succeeded')], cursor: {}, behind: 0 });
    const period = { startMs: saturday, endMs: saturday + DAY_MS };
    const failedRuns = (maintenance: MaintenanceWindow[]) =>
      readCompliance({ history: store, appliances: [prod], settings: DEFAULT_SETTINGS, maintenance, nowMs: NOW }, period, null).jobs[0]
        ?.figures.failedRuns;
    expect(failedRuns([])).toBe(1);
    expect(failedRuns([saturdayNight])).toBe(0);
    store.close();
  });

  it('keeps a hostile job name as text in the HTML and in one quoted CSV cell', () => {
    const made = report([], null);
    const html = exportReport(made, 'html').text;
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const csv = exportReport(made, 'csv').text;
    expect(csv).toContain('"<img src=x onerror=alert(1)>\nsecond line"');
  });
});

describe("a compliance report's maintenance windows", () => {
  const nightlyWindow: MaintenanceWindow = {
    id: 'w3',
    label: 'Nightly upgrade',
    scope: { kind: 'job', applianceId: prod.id, jobId: 'j1' },
    schedule: { kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], start: '20:00', end: '21:00' },
  };
  const everywhere: MaintenanceWindow = { ...nightlyWindow, id: 'w4', label: 'Network work', scope: { kind: 'all' } };

  /** A from–to period that ends at the end of today, made at noon today. */
  function periodReachingToday() {
    const store = history();
    const period = { startMs: TODAY - 2 * DAY_MS, endMs: TODAY + DAY_MS };
    const maintenance = [nightlyWindow, everywhere];
    const source = { history: store, appliances: [prod, lab], settings: DEFAULT_SETTINGS, maintenance, nowMs: NOW };
    const figures = readCompliance(source, period, null);
    store.close();
    return buildReport(figures, { period, appliance: null, appliances: [prod, lab], maintenance, generatedAtMs: NOW, version: '9.9.9' });
  }

  it("names a job's window by the job's name and the appliance's, as the window's list of maintenance windows names it", () => {
    const scopes = new Set(periodReachingToday().maintenance.map((m) => m.scope));
    expect(scopes).toEqual(new Set(['SPP prod / Nightly', 'everything']));
  });

  it('counts no window time after the time the report was made, for a period reaching past today', () => {
    const made = periodReachingToday();
    expect(made.to).toBe(new Date(NOW).toISOString());
    expect(made.maintenance.length).toBeGreaterThan(0);
    // Two evenings' hour before the report was made; tonight's is after it.
    expect(made.maintenance.find((m) => m.label === 'Nightly upgrade')?.leftOutMs).toBe(2 * HOUR);
  });
});
