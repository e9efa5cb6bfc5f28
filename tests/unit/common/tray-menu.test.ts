/** The tray menu lists jobs as CCMenu lists projects: what needs a look first, then what runs, then a count of the rest. */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/common/model.js';
import { buildStatusSnapshot } from '../../../src-main/common/status-rules.js';
import { TRAY_JOB_LIMIT, trayModel, type TrayMenuItem } from '../../../src-main/common/tray-model.js';
import { at, HOUR, makeApplianceState, makeFleet, makeJob, makeRunning, makeSession, makeSettings, MINUTE, T0 } from './factories.js';

const opts = { startAtLogin: false, startAtLoginSupported: true, localMinutes: () => 0 };

function job(n: number, sessions: (id: string, jobId: string) => Session[]) {
  const id = `j${n}`;
  return { job: makeJob({ id, name: `Job ${n}` }), sessions: sessions(`s${n}`, id) };
}

const ok = (n: number) => job(n, (id, jobId) => [makeSession({ id, jobId, jobName: `Job ${n}` })]);
const failed = job(1, (id, jobId) => [makeSession({ id, jobId, jobName: 'Job 1', status: 'failed', end: at(-2 * HOUR) })]);
const atRisk = job(2, (id, jobId) => [makeSession({ id, jobId, jobName: 'Job 2', start: at(-31 * HOUR), end: at(-30 * HOUR) })]);
const warning = job(3, (id, jobId) => [makeSession({ id, jobId, jobName: 'Job 3', status: 'warning', end: at(-10 * MINUTE) })]);
const running = job(4, (id, jobId) => [
  makeSession({ id: `${id}-done`, jobId, jobName: 'Job 4' }),
  makeRunning(-5 * MINUTE, { id, jobId, jobName: 'Job 4', progress: { percent: 42.4, completed: null, total: null, unit: null } }),
]);

function menu(jobs: ReturnType<typeof job>[], extra: Parameters<typeof makeFleet>[0] = []): readonly TrayMenuItem[] {
  const state = makeApplianceState({ jobs: jobs.map((j) => j.job), sessions: jobs.flatMap((j) => j.sessions) });
  const snapshot = buildStatusSnapshot(makeFleet([state, ...extra]), makeSettings(), T0, () => true);
  return trayModel(snapshot, T0, opts).menu;
}

const entries = (items: readonly TrayMenuItem[]) =>
  items
    .slice(
      2,
      items.findIndex((item, i) => i > 1 && item.kind === 'separator'),
    )
    .map((item) => ('label' in item ? item.label : ''));

describe('the tray menu’s jobs', () => {
  it('lists failed, at risk and warning jobs with their age, then running ones with their percent, then the rest as a count', () => {
    expect(entries(menu([ok(5), running, warning, atRisk, failed, ok(6)]))).toEqual([
      'Job 1 (SPP prod) — failed 2 h ago',
      'Job 2 (SPP prod) — at risk, last success 30 h ago',
      'Job 3 (SPP prod) — warning 10 min ago',
      'Job 4 (SPP prod) — running 42%',
      '2 more OK',
    ]);
  });

  it('opens the session each entry is about', () => {
    const targets = menu([failed, running, atRisk]).flatMap((item) =>
      item.kind === 'action' && item.command.type === 'navigate' ? [item.command.target] : [],
    );
    expect(targets).toEqual([
      { view: 'session', ref: { applianceId: 'a1', sessionId: 's1' } },
      { view: 'session', ref: { applianceId: 'a1', sessionId: 's2' } },
      { view: 'session', ref: { applianceId: 'a1', sessionId: 's4' } },
    ]);
  });

  it(`puts unreachable appliances first and lists at most ${TRAY_JOB_LIMIT} entries`, () => {
    const down = makeApplianceState({ appliance: { id: 'a2', name: 'VBO' }, health: { state: 'unreachable', message: 'down' } });
    const many = Array.from({ length: 12 }, (_, i) =>
      job(10 + i, (id, jobId) => [makeSession({ id, jobId, jobName: `Job ${10 + i}`, status: 'failed' })]),
    );
    const listed = entries(menu([...many, ok(30)], [down]));
    expect(listed[0]).toBe('VBO: unreachable');
    expect(listed.filter((label) => label.includes('failed'))).toHaveLength(TRAY_JOB_LIMIT - 1);
    expect(listed.slice(-2)).toEqual(['3 more need a look', '1 more OK']);
  });

  it('says all is well in one line, and shortens long names', () => {
    expect(entries(menu([ok(5), ok(6)]))).toEqual(['All 2 jobs OK']);
    const long = job(7, (id, jobId) => [makeSession({ id, jobId, jobName: 'x'.repeat(200), status: 'failed' })]);
    const [label] = entries(menu([{ ...long, job: makeJob({ id: 'j7', name: 'x'.repeat(200) }) }]));
    expect(label!.length).toBeLessThanOrEqual(60);
    expect(label!.endsWith('…')).toBe(true);
  });
});

describe('the tray menu’s update entry', () => {
  const snapshot = () => buildStatusSnapshot(makeFleet([makeApplianceState({ jobs: [], sessions: [] })]), makeSettings(), T0, () => true);
  const labels = (items: readonly TrayMenuItem[]) => items.map((item) => ('label' in item ? item.label : '—'));

  it('offers "Restart to update" just above Quit once an update is downloaded, and asks for the restart', () => {
    const items = trayModel(snapshot(), T0, { ...opts, updateReady: '0.2.0' }).menu;
    expect(labels(items).slice(-2)).toEqual(['Restart to update (0.2.0)', 'Quit Backwatch']);
    const restart = items.at(-2);
    expect(restart?.kind === 'action' && restart.command).toEqual({ type: 'restart-to-update' });
  });

  it('has no such entry while no update is ready', () => {
    for (const updateReady of [undefined, null]) {
      const items = trayModel(snapshot(), T0, { ...opts, updateReady }).menu;
      expect(labels(items).filter((label) => label.startsWith('Restart'))).toEqual([]);
      expect(items.at(-2)).toEqual({ kind: 'separator' });
    }
  });
});
