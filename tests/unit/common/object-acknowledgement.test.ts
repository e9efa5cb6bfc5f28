import { describe, expect, it } from 'vitest';
import { liveAcknowledgements, objectProblemOf } from '../../../src-main/common/object-acknowledgement.js';
import { judgeFleetObjects, withObjectSummary } from '../../../src-main/common/object-status.js';
import { objectCountWords } from '../../../src-main/common/object-words.js';
import type { BackedUpObject } from '../../../src-main/common/protected-objects.js';
import type { Settings } from '../../../src-main/common/settings.js';
import { trayModel } from '../../../src-main/common/tray-model.js';
import { HOUR, T0, makeApplianceState, makeFleet, makeJob, makeSession, makeSettings, snapshotOf } from './factories.js';

/** web-04, backed up by a1's nightly job: its newest good point `goodAgoMs` ago, a failure `failedAgoMs` ago. */
function web04(goodAgoMs: number | null, failedAgoMs: number | null = null): BackedUpObject {
  return {
    applianceId: 'a1',
    id: 'vm-4',
    name: 'web-04',
    kind: 'vm',
    platform: null,
    jobIds: ['nightly'],
    lastGoodPointMs: goodAgoMs === null ? null : T0 - goodAgoMs,
    lastFailureMs: failedAgoMs === null ? null : T0 - failedAgoMs,
  };
}

const fleetWith = (...backedUp: BackedUpObject[]) =>
  makeFleet([
    {
      ...makeApplianceState({ jobs: [makeJob({ id: 'nightly', name: 'Nightly' })], sessions: [makeSession()] }),
      objects: { backedUp, inventory: [], readAt: new Date(T0).toISOString(), error: null },
    },
  ]);

const judge = (settings: Settings, ...backedUp: BackedUpObject[]) => judgeFleetObjects(fleetWith(...backedUp), settings, T0)!;

/** The settings with web-04 acknowledged in the state `backedUp` puts it in. */
function acknowledgedAs(object: BackedUpObject): Settings {
  const view = judge(makeSettings(), object).objects[0]!;
  return makeSettings({ objectAcknowledged: { [view.key]: { problem: objectProblemOf(view)! } } });
}

describe('an acknowledged machine', () => {
  it('no longer turns the tray red, and stays listed and counted as acknowledged', () => {
    const failed = web04(2 * HOUR, HOUR);
    const settings = acknowledgedAs(failed);
    const judged = judge(settings, failed);
    expect(judged.objects[0]).toMatchObject({ name: 'web-04', state: 'at_risk', acknowledged: true });
    expect(judged.counts).toEqual({ unprotected: 0, at_risk: 1, protected: 0, excluded: 0 });
    const snapshot = withObjectSummary(snapshotOf(fleetWith(failed), settings, T0), judged);
    expect(snapshot.overall).not.toBe('at_risk');
    expect(snapshot.objects).toMatchObject({ acknowledged: { unprotected: 0, at_risk: 1 }, problems: [{ name: 'web-04' }] });
    expect(trayModel(snapshot, T0, { startAtLoginSupported: false, startAtLogin: false }).tooltipLines).toContain(
      '1 machine at risk (acknowledged)',
    );
  });

  it('turns red again when it gets worse: its point ages past the RPO after an acknowledged failed run', () => {
    const settings = acknowledgedAs(web04(2 * HOUR, HOUR));
    // The same newest good point, now older than the 26 h RPO, with no failure after it: at risk for its age.
    const aged = judge(settings, web04(30 * HOUR));
    expect(aged.objects[0]).toMatchObject({ state: 'at_risk', reason: 'point_too_old', acknowledged: false });
    expect(withObjectSummary(snapshotOf(fleetWith(web04(30 * HOUR)), settings, T0), aged).overall).toBe('at_risk');
  });

  it('turns red again when it breaks after being protected: a newer point is another breach', () => {
    const settings = acknowledgedAs(web04(30 * HOUR));
    expect(judge(settings, web04(HOUR)).objects[0]).toMatchObject({ state: 'protected', acknowledged: false });
    expect(judge(settings, web04(27 * HOUR)).objects[0]).toMatchObject({ state: 'at_risk', acknowledged: false });
    expect(judge(settings, web04(30 * HOUR)).objects[0]).toMatchObject({ state: 'at_risk', acknowledged: true });
  });

  it('counts add up: acknowledged machines are a part of their state, said as such', () => {
    const counts = { unprotected: 3, at_risk: 1, protected: 812, excluded: 2 };
    expect(objectCountWords({ counts, acknowledged: { unprotected: 1, at_risk: 0 } })).toEqual([
      '3 machines unprotected (1 acknowledged)',
      '1 machine at risk',
    ]);
    expect(objectCountWords(undefined)).toEqual([]);
  });
});

describe('liveAcknowledgements', () => {
  it('drops an acknowledgement whose machine is judged in another state, and keeps one not judged now', () => {
    const view = judge(makeSettings(), web04(30 * HOUR)).objects[0]!;
    const acks = { [view.key]: { problem: 'unprotected' }, 'vm:other/vm-9': { problem: 'unprotected' } };
    expect(Object.keys(liveAcknowledgements(acks, [view]))).toEqual(['vm:other/vm-9']);
    expect(liveAcknowledgements({ [view.key]: { problem: objectProblemOf(view)! } }, [view])).toHaveProperty(view.key);
  });
});
