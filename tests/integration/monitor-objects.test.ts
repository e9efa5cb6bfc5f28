/**
 * The monitor's object read against the SPP simulator on a fake clock: its own slower interval,
 * a read right after a run of a covering job ends, a failed read kept apart from the poll, and a
 * new object breach told once, then its restoration once. The simulator lists no objects yet: a test double stands in for
 * the connector's object read, everything else is the real connector.
 */
import { describe, expect, it } from 'vitest';
import { planNotifications } from '../../src-main/common/notification-policy.js';
import { DEFAULT_SETTINGS } from '../../src-main/common/settings.js';
import type { BackedUpObject } from '../../src-main/common/protected-objects.js';
import type { Connector, ObjectRead } from '../../src-main/core/connectors/connector.js';
import { ConnectorError } from '../../src-main/core/http/errors.js';
import { IDLE_MS, T0, setup } from './monitor-rig.js';

const HOUR = 3_600_000;

function machine(jobIds: readonly string[], patch: Partial<BackedUpObject> = {}): BackedUpObject {
  return {
    applianceId: 'spp-1',
    id: 'vm-1',
    name: 'web-prod-02',
    kind: 'vm',
    platform: null,
    jobIds,
    lastGoodPointMs: T0 - HOUR,
    lastFailureMs: null,
    ...patch,
  };
}

/** A connector whose object read answers what the test says, and counts its calls. */
function objectReads() {
  const calls: number[] = [];
  let answer: () => Promise<ObjectRead> = async () => ({ backedUp: [], inventory: [] });
  const wrap = (connector: Connector): Connector =>
    Object.assign(Object.create(connector) as Connector, {
      readObjects: () => {
        calls.push(calls.length);
        return answer();
      },
    });
  return {
    wrap,
    calls,
    answer: (next: () => Promise<ObjectRead>) => (answer = next),
  };
}

async function objectSetup(intervalMin = 15) {
  const reads = objectReads();
  const rig = await setup({ settings: { objectReadIntervalMin: intervalMin }, wrap: reads.wrap });
  const [covering, other] = rig.sim.scenario.jobs();
  reads.answer(async () => ({ backedUp: [machine([covering!.id])], inventory: [] }));
  const objects = () => rig.monitor.fleet().appliances[0]!.objects;
  return { ...rig, reads, covering: covering!, other: other!, objects };
}

describe('the object read', () => {
  it('runs at the first poll, never in the fast polls after it, and again once its interval is up', async () => {
    const { monitor, reads, advanceToPoll, objects, time } = await objectSetup(15);
    monitor.start();
    await advanceToPoll(0);
    expect(reads.calls).toHaveLength(1);
    expect(objects()).toMatchObject({ backedUp: [{ name: 'web-prod-02' }], error: null, readAt: new Date(T0).toISOString() });
    const polls = Math.floor((15 * 60_000) / IDLE_MS) - 1;
    for (let i = 0; i < polls; i++) await advanceToPoll(IDLE_MS);
    expect(reads.calls).toHaveLength(1);
    while (time.now() < T0 + 15 * 60_000) await advanceToPoll(IDLE_MS);
    expect(reads.calls).toHaveLength(2);
  });

  it('runs right after a run of a job that covers an object ends, and not after a run of another job', async () => {
    const { sim, monitor, reads, covering, other } = await objectSetup();
    await monitor.refreshNow();
    expect(reads.calls).toHaveLength(1);
    const elsewhere = sim.scenario.startRun(other.id);
    sim.scenario.finishRun(elsewhere.id, 'succeeded');
    await monitor.refreshNow();
    expect(reads.calls).toHaveLength(1);
    const run = sim.scenario.startRun(covering.id);
    await monitor.refreshNow();
    expect(reads.calls).toHaveLength(1);
    sim.scenario.finishRun(run.id, 'succeeded');
    await monitor.refreshNow();
    expect(reads.calls).toHaveLength(2);
  });

  it('that fails keeps the last good read beside one line of why, and the poll stays good', async () => {
    const { sim, monitor, reads, covering, objects } = await objectSetup();
    await monitor.refreshNow();
    const good = objects();
    reads.answer(() => Promise.reject(new ConnectorError('malformed', 'SPP prod answered\nsomething that is not JSON.')));
    const run = sim.scenario.startRun(covering.id);
    sim.scenario.finishRun(run.id, 'failed');
    await monitor.refreshNow();
    const state = monitor.fleet().appliances[0]!;
    expect(state.health.state).toBe('ok');
    expect(state.objects).toEqual({
      backedUp: good!.backedUp,
      inventory: [],
      readAt: good!.readAt,
      error: 'Its machines could not be read: SPP prod answered something that is not JSON.',
    });

    reads.answer(() => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")));
    sim.scenario.finishRun(sim.scenario.startRun(covering.id).id, 'succeeded');
    await monitor.refreshNow();
    expect(objects()?.error).toBe("Its machines could not be read: Unexpected error: Cannot read properties of undefined (reading 'id')");
    expect(objects()?.backedUp).toBe(good!.backedUp);
  });

  it('tells a new object breach once, in the poll that read it', async () => {
    const { sim, monitor, reads, covering, updates, time } = await objectSetup();
    reads.answer(async () => ({ backedUp: [machine([covering.id], { lastGoodPointMs: T0 - 10 * 24 * HOUR })], inventory: [] }));
    await monitor.refreshNow();
    const breaches = () => updates.flatMap((u) => u.changes).filter((e) => e.kind === 'object_breached');
    expect(breaches()).toMatchObject([
      {
        objectName: 'web-prod-02',
        state: 'at_risk',
        reason: 'point_too_old',
        applianceId: 'spp-1',
        lastGoodPoint: new Date(T0 - 10 * 24 * HOUR).toISOString(),
      },
    ]);
    // Past the gap between two judgements: the next read is judged, and the same breach is not told again.
    time.advance(2 * 60_000);
    sim.scenario.finishRun(sim.scenario.startRun(covering.id).id, 'succeeded');
    await monitor.refreshNow();
    expect(reads.calls).toHaveLength(2);
    expect(breaches()).toHaveLength(1);
    reads.answer(async () => ({ backedUp: [machine([covering.id], { lastGoodPointMs: null, id: 'vm-2', name: 'db-01' })], inventory: [] }));
    time.advance(2 * 60_000);
    sim.scenario.finishRun(sim.scenario.startRun(covering.id).id, 'succeeded');
    await monitor.refreshNow();
    expect(breaches().map((e) => 'objectName' in e && e.objectName)).toEqual(['web-prod-02', 'db-01']);
  });

  it('goes from one breach notice to one "protection restored" notice as the machine gets a new point', async () => {
    const { sim, monitor, reads, covering, updates, time } = await objectSetup();
    const ledger = new Set<string>();
    const notices: string[] = [];
    let told = 0;
    /** The notification policy over the changes the monitor gave since the last round, its ledger kept. */
    const notifyRound = () => {
      const events = updates.slice(told).flatMap((u) => u.changes);
      told = updates.length;
      const plan = planNotifications({
        events,
        ledger,
        held: [],
        now: time.now(),
        localMinutes: () => 12 * 60,
        applianceName: () => 'SPP 1',
        settings: DEFAULT_SETTINGS,
      });
      plan.notifiedKeys.forEach((key) => ledger.add(key));
      notices.push(...plan.notices.map((n) => n.title));
    };
    const nextRead = async (lastGoodPointMs: number) => {
      reads.answer(async () => ({ backedUp: [machine([covering.id], { lastGoodPointMs })], inventory: [] }));
      time.advance(2 * 60_000);
      sim.scenario.finishRun(sim.scenario.startRun(covering.id).id, 'succeeded');
      await monitor.refreshNow();
      notifyRound();
    };
    reads.answer(async () => ({ backedUp: [machine([covering.id], { lastGoodPointMs: T0 - 30 * HOUR })], inventory: [] }));
    await monitor.refreshNow();
    notifyRound();
    expect(notices).toEqual(['web-prod-02 has no restore point within 26 h']);
    await nextRead(T0 - 30 * HOUR);
    await nextRead(time.now() - 60_000);
    await nextRead(time.now() - 60_000);
    expect(notices).toEqual(['web-prod-02 has no restore point within 26 h', 'Protection restored: web-prod-02']);
  });
});
