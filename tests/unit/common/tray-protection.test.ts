import { describe, expect, it } from 'vitest';
import { buildStatusSnapshot } from '../../../src-main/common/status-rules.js';
import { trayModel } from '../../../src-main/common/tray-model.js';
import { at, HOUR, makeApplianceState, makeFleet, makeJob, makeSession, makeSettings, MINUTE, T0 } from './factories.js';

const utcMinutes = (ms: number) => Math.floor((ms % (24 * HOUR)) / MINUTE);
const opts = { startAtLogin: false, startAtLoginSupported: true, localMinutes: utcMinutes };

const lastSuccess = makeSession({ jobName: 'SQL Nightly', start: at(-32 * HOUR), end: at(-31 * HOUR) });
const sppProd = makeApplianceState({ jobs: [makeJob({ name: 'SQL Nightly' })], sessions: [lastSuccess] });

function tray(settings = makeSettings(), now = T0) {
  return trayModel(
    buildStatusSnapshot(makeFleet([sppProd]), settings, now, () => true),
    now,
    opts,
  );
}

describe('the tray for a job at risk', () => {
  it('shows the at-risk icon and badge, and says which job, since when, against which RPO', () => {
    const model = tray();
    expect(model.icon).toBe('at_risk');
    expect(model.badge).toBe(1);
    expect(model.tooltipLines).toEqual([
      'Backwatch: Backups at risk',
      'SPP prod: 1 at risk — SQL Nightly, last success 31 h ago, RPO 26 h',
      'Last poll 12:00',
    ]);
  });

  it('names a job that never succeeded and a per-job RPO', () => {
    const never = makeSession({ jobName: 'SQL Nightly', status: 'failed', start: at(-50 * HOUR), end: at(-49 * HOUR) });
    const state = makeApplianceState({ jobs: [makeJob({ name: 'SQL Nightly' })], sessions: [never] });
    const settings = makeSettings({ jobRpo: { 'a1/j1': { rpoSec: 12 * 3600 } } });
    const model = trayModel(
      buildStatusSnapshot(makeFleet([state]), settings, T0, () => true),
      T0,
      opts,
    );
    expect(model.icon).toBe('failed');
    expect(model.badge).toBe(1);
    expect(model.tooltipLines[1]).toBe('SPP prod: 1 failed, 1 at risk — SQL Nightly, never succeeded, RPO 12 h');
  });

  it('lists the job at risk in the menu, opening its last success', () => {
    const entry = tray().menu.find((item) => item.kind === 'action' && item.label.includes('at risk'));
    expect(entry).toEqual({
      kind: 'action',
      label: 'SQL Nightly (SPP prod) — at risk, last success 31 h ago',
      command: { type: 'navigate', target: { view: 'session', ref: { applianceId: 'a1', sessionId: lastSuccess.id } } },
    });
  });

  it('goes back to OK once the breach is acknowledged', () => {
    const settings = makeSettings({ acknowledged: { 'a1/j1': { sessionId: null, rpoBreach: lastSuccess.id, until: null } } });
    const model = tray(settings);
    expect(model).toMatchObject({ icon: 'ok', badge: 0 });
    expect(model.tooltipLines[1]).toBe('SPP prod: OK');
    expect(model.menu).toContainEqual({ kind: 'label', label: '1 job, OK' });
  });
});
