/** VB365's object read beyond the conformance suite: the stalest part of a user decides, and v5 reads nothing. */
import { afterAll, describe, expect, it } from 'vitest';
import { judgeBackedUp } from '../../src-main/common/protected-objects.js';
import { VB365_DEMO_JOBS, createVb365Scenario } from '../../src-main/demo/vb365/vb365-simulator.js';
import type { ConformanceRig } from './conformance/connector-conformance.js';
import { startVb365Rig } from './conformance/vb365-harness.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const rigs: ConformanceRig[] = [];
afterAll(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

describe('VB365 object read', () => {
  it('a user whose archive job last ran 30 hours ago is at risk by its archive, however fresh its mailbox', async () => {
    const archive = VB365_DEMO_JOBS.find((j) => j.name.startsWith('Archive'))!;
    const jobs = VB365_DEMO_JOBS.map((j) => (j.id === archive.id ? { ...j, lastRunAgoMs: 30 * HOUR } : j));
    const now = () => T0;
    const rig = await startVb365Rig({ historySize: 300, now }, { scenario: createVb365Scenario({ now, historySize: 300, jobs }) });
    rigs.push(rig);
    const read = await rig.makeConnector().readObjects!();
    const address = archive.resources[0]!.replace('In-Place Archive - ', '');
    const user = read.backedUp.find((o) => o.name === address)!;
    expect(user.kind).toBe('user');
    expect(T0 - user.lastGoodPointMs!).toBeGreaterThanOrEqual(30 * HOUR - 60_000);
    expect(judgeBackedUp(user, 26 * 3600, T0)).toMatchObject({ state: 'at_risk', reason: 'point_too_old' });
  });

  it('v5 documents no object lists: the read is empty, not an error', async () => {
    const rig = await startVb365Rig({ historySize: 10, now: () => T0 }, { apiVersion: 'v5' });
    rigs.push(rig);
    expect(await rig.makeConnector().readObjects!()).toEqual({ backedUp: [], inventory: [] });
  });
});
