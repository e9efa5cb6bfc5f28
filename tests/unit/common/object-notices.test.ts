import { describe, expect, it } from 'vitest';
import { planNotifications } from '../../../src-main/common/notification-policy.js';
import type { ObjectSummary } from '../../../src-main/common/object-views.js';
import type { ChangeEvent, StatusSnapshot } from '../../../src-main/common/snapshot.js';
import { trayModel } from '../../../src-main/common/tray-model.js';
import { HOUR, MINUTE, T0, at, makeApplianceState, makeFleet, makeJob, makeSession, makeSettings, snapshotOf } from './factories.js';

const utcMinutes = (ms: number) => Math.floor((ms % (24 * HOUR)) / MINUTE);

function breach(name: string, patch: Partial<Extract<ChangeEvent, { kind: 'object_breached' }>> = {}): ChangeEvent {
  return {
    kind: 'object_breached',
    key: `object_breached:a1/${name}:at_risk@${at(-31 * HOUR)}`,
    applianceId: 'a1',
    objectKey: `a1/${name}`,
    objectName: name,
    state: 'at_risk',
    reason: 'point_too_old',
    lastGoodPoint: at(-31 * HOUR),
    rpoSec: 26 * 3600,
    ...patch,
  };
}

function plan(events: readonly ChangeEvent[], ledger: ReadonlySet<string> = new Set(), rpoBreaches = true) {
  const base = makeSettings();
  return planNotifications({
    events,
    ledger,
    held: [],
    now: T0,
    localMinutes: utcMinutes,
    applianceName: (id) => (id === 'a1' ? 'SPP prod' : id),
    settings: { ...base, notifications: { ...base.notifications, rpoBreaches } },
  });
}

describe('an object breach notification', () => {
  it('says which machine has no restore point within its RPO, once', () => {
    const event = breach('web-prod-02');
    const first = plan([event]);
    expect(first.notices).toMatchObject([
      {
        kind: 'object_breached',
        title: 'web-prod-02 has no restore point within 26 h',
        body: 'Newest good restore point 31 h ago, on SPP prod; its RPO is 26 h.',
        target: { view: 'object', key: 'a1/web-prod-02' },
      },
    ]);
    expect(plan([event], new Set(first.notifiedKeys)).notices).toEqual([]);
  });

  it('says a machine is in no backup, and follows the RPO breach switch', () => {
    const event = breach('test-07', { state: 'unprotected', reason: null, lastGoodPoint: null, key: 'object_breached:vm:x:unprotected' });
    expect(plan([event]).notices[0]).toMatchObject({
      title: 'test-07 is in no backup',
      body: 'SPP prod lists it, and no backup covers it.',
    });
    expect(plan([event], new Set(), false).notices).toEqual([]);
  });

  it('folds a storm into one digest', () => {
    const events = Array.from({ length: 12 }, (_, i) => breach(`vm-${i}`));
    const { notices, notifiedKeys } = plan(events);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'digest', title: '12 machines not protected on SPP prod' });
    expect(notifiedKeys).toHaveLength(12);
  });
});

function restored(name: string, patch: Partial<Extract<ChangeEvent, { kind: 'object_restored' }>> = {}): ChangeEvent {
  const told = breach(name).key;
  return {
    kind: 'object_restored',
    key: `object_restored:a1/${name}:at_risk@${at(-31 * HOUR)}`,
    applianceId: 'a1',
    objectKey: `a1/${name}`,
    objectName: name,
    breachKey: told,
    lastGoodPoint: at(-HOUR),
    ...patch,
  };
}

describe('a protection restored notification', () => {
  it('follows a breach that was told, once, and opens the machine', () => {
    const told = new Set([breach('web-04').key]);
    const first = plan([restored('web-04')], told);
    expect(first.notices).toMatchObject([
      {
        kind: 'object_restored',
        title: 'Protection restored: web-04',
        body: 'Newest good restore point 1 h ago, on SPP prod.',
        target: { view: 'object', key: 'a1/web-04' },
      },
    ]);
    expect(plan([restored('web-04')], new Set([...told, ...first.notifiedKeys])).notices).toEqual([]);
  });

  it('says nothing of a machine whose breach nobody was told', () => {
    expect(plan([restored('web-04')]).notices).toEqual([]);
  });

  it('drops a breach still held when its machine is protected again, and tells neither', () => {
    const base = makeSettings();
    const released = planNotifications({
      events: [restored('web-04')],
      ledger: new Set(),
      held: [breach('web-04')],
      now: T0,
      localMinutes: utcMinutes,
      applianceName: () => 'SPP prod',
      settings: base,
    });
    expect(released.notices).toEqual([]);
    expect(released.held).toEqual([]);
  });

  it('folds a storm of restorations into one digest', () => {
    const names = Array.from({ length: 5 }, (_, i) => `vm-${i}`);
    const told = new Set(names.map((n) => breach(n).key));
    const { notices } = plan(
      names.map((n) => restored(n)),
      told,
    );
    expect(notices).toMatchObject([{ kind: 'digest', title: '5 machines protected again on SPP prod' }]);
  });
});

describe('the tray with objects', () => {
  const objects = (unprotected: number, atRisk: number): ObjectSummary => ({
    counts: { unprotected, at_risk: atRisk, protected: 812, excluded: 0 },
    problems: [],
    problemsOmitted: 0,
    acknowledged: { unprotected: 0, at_risk: 0 },
    coverage: [],
  });
  const snapshot = (summary?: ObjectSummary): StatusSnapshot => ({
    ...snapshotOf(makeFleet([makeApplianceState({ jobs: [makeJob()], sessions: [makeSession()] })]), makeSettings(), T0),
    ...(summary ? { objects: summary } : {}),
  });
  const opts = { startAtLogin: false, startAtLoginSupported: false, localMinutes: utcMinutes };

  it('counts machines in the tooltip and the menu', () => {
    const model = trayModel(snapshot(objects(3, 1)), T0, opts);
    expect(model.tooltipLines).toContain('3 machines unprotected, 1 machine at risk');
    const labels = model.menu.flatMap((item) => ('label' in item ? [item.label] : []));
    expect(labels).toEqual(expect.arrayContaining(['3 machines unprotected', '1 machine at risk']));
  });

  it('says nothing of machines when all are protected', () => {
    const model = trayModel(snapshot(objects(0, 0)), T0, opts);
    expect(model.tooltip).not.toMatch(/machine/);
    expect(model).toEqual(trayModel(snapshot(), T0, opts));
  });
});
