/** The services' protected objects over a real config file: the list, exclusion rules and objects' own RPOs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Appliance } from '../../../src-main/common/model.js';
import type { ApplianceObjects } from '../../../src-main/common/object-views.js';
import type { BackedUpObject, InventoryObject } from '../../../src-main/common/protected-objects.js';
import { HOUR, T0, makeHealth, makeJob } from '../common/factories.js';
import { addOk, config, draft, h, monitor, useServicesRig } from './services-rig.js';

useServicesRig();

const UUID = '5a1d2c3e-0000-4000-8000-00000000a001';

function backup(applianceId: string, name: string, goodAgoMs: number): BackedUpObject {
  return {
    applianceId,
    id: name,
    name,
    kind: 'vm',
    platform: { instanceUuid: UUID, moref: `vm-${name}` },
    jobIds: ['j1'],
    lastGoodPointMs: T0 - goodAgoMs,
    lastFailureMs: null,
  };
}
const vm = (inventoryId: string, name: string): InventoryObject => ({
  inventoryId,
  platform: { instanceUuid: UUID, moref: `vm-${name}` },
  name,
  folder: '/dc1/vm/prod',
  tags: [],
});
const read = (backedUp: BackedUpObject[], inventory: InventoryObject[] = []): ApplianceObjects => ({
  backedUp,
  inventory,
  readAt: new Date(T0).toISOString(),
  error: null,
});

/** SPP backs up web-01 (fresh) and db-01 (30 h old); the vCenter lists both and test-07. */
async function fleetWithObjects(): Promise<{ spp: Appliance; vc: Appliance }> {
  const spp = await addOk();
  const vc = await addOk(draft({ name: 'vcenter-prod', vendor: 'vcsa', baseUrl: 'https://vc.example.test' }));
  const sppAppliance = config.read().appliances.find((a) => a.id === spp.id)!;
  const vcAppliance = config.read().appliances.find((a) => a.id === vc.id)!;
  monitor.states.set(spp.id, {
    appliance: sppAppliance,
    health: makeHealth(),
    jobs: [makeJob({ id: 'j1', applianceId: spp.id })],
    sessions: [],
    objects: read([backup(spp.id, 'web-01', HOUR), backup(spp.id, 'db-01', 30 * HOUR)]),
  });
  monitor.states.set(vc.id, {
    appliance: vcAppliance,
    health: makeHealth(),
    jobs: [],
    sessions: [],
    objects: read([], [vm(vc.id, 'web-01'), vm(vc.id, 'db-01'), vm(vc.id, 'test-07')]),
  });
  return { spp: sppAppliance, vc: vcAppliance };
}

describe('objects', () => {
  it('lists objects worst first, filtered by state and text, and counts them in the snapshot', async () => {
    await fleetWithObjects();
    const all = await h()['objects:list']({});
    expect(all.objects.map((o) => [o.name, o.state])).toEqual([
      ['test-07', 'unprotected'],
      ['db-01', 'at_risk'],
      ['web-01', 'protected'],
    ]);
    expect(all.coverage).toMatchObject([{ applianceName: 'vcenter-prod', counts: { protected: 1, at_risk: 1, unprotected: 1 } }]);
    const found = await h()['objects:list']({ states: ['at_risk', 'protected'], text: 'DB' });
    expect(found.objects.map((o) => o.name)).toEqual(['db-01']);
    const snapshot = await h()['status:snapshot']();
    expect(snapshot.overall).toBe('at_risk');
    expect(snapshot.objects?.counts).toEqual({ unprotected: 1, at_risk: 1, protected: 1, excluded: 0 });
  });

  it('keeps exclusion rules in the config file, excludes by them, and removes them', async () => {
    const { vc } = await fleetWithObjects();
    const added = await h()['objects:exclude']({ applianceId: vc.id, match: { kind: 'name', pattern: 'test-*' } });
    if (!added.ok) throw new Error(added.message);
    const onDisk = JSON.parse(readFileSync(config.path, 'utf8')) as { settings: { objectExclusions: unknown[] } };
    expect(onDisk.settings.objectExclusions).toEqual([added.value]);
    const list = await h()['objects:list']({ states: ['excluded'] });
    expect(list.objects).toMatchObject([{ name: 'test-07', excludedBy: added.value.id }]);
    expect(list.exclusions).toEqual([added.value]);
    expect(await h()['objects:remove-exclusion'](added.value.id)).toEqual({ ok: true, value: undefined });
    expect(await h()['objects:remove-exclusion'](added.value.id)).toEqual({ ok: false, message: 'That exclusion rule no longer exists.' });
    expect((await h()['objects:list']({ states: ['excluded'] })).objects).toEqual([]);
  });

  it('refuses a rule of an appliance that is not configured, and a malformed rule, in one line', async () => {
    expect(await h()['objects:exclude']({ applianceId: 'nope', match: { kind: 'tag', tag: 'lab' } })).toEqual({
      ok: false,
      message: 'That appliance no longer exists.',
    });
    const bad = await h()['objects:exclude']({ applianceId: null, match: { kind: 'colour', colour: 'red' } } as never);
    expect(bad.ok).toBe(false);
    expect(config.read().settings.objectExclusions).toEqual([]);
  });

  it("sets and clears an object's own RPO", async () => {
    await fleetWithObjects();
    const key = `vm:${UUID}/vm-db-01`;
    expect(await h()['objects:set-rpo']({ key, rpoSec: 48 * 3600 })).toEqual({ ok: true, value: undefined });
    expect((await h()['objects:list']({ text: 'db-01' })).objects[0]).toMatchObject({
      state: 'protected',
      rpoSec: 48 * 3600,
      rpoOverridden: true,
    });
    await h()['objects:set-rpo']({ key, rpoSec: 'default' });
    expect(config.read().settings.objectRpo).toEqual({});
    expect((await h()['objects:list']({ text: 'db-01' })).objects[0]).toMatchObject({ state: 'at_risk', rpoOverridden: false });
  });

  it('acknowledges a machine in its state now: listed and counted as acknowledged, the tray no longer red for it', async () => {
    await fleetWithObjects();
    const testKey = `vm:${UUID}/vm-test-07`;
    const dbKey = `vm:${UUID}/vm-db-01`;
    expect(await h()['objects:acknowledge']({ key: testKey, on: true })).toEqual({ ok: true, value: undefined });
    expect((await h()['status:snapshot']()).overall).toBe('at_risk');
    expect(await h()['objects:acknowledge']({ key: dbKey, on: true })).toEqual({ ok: true, value: undefined });
    expect(config.read().settings.objectAcknowledged).toEqual({
      [testKey]: { problem: 'unprotected' },
      [dbKey]: { problem: `at_risk:point_too_old@${new Date(T0 - 30 * HOUR).toISOString()}` },
    });
    const snapshot = await h()['status:snapshot']();
    expect(snapshot.overall).not.toBe('at_risk');
    expect(snapshot.objects).toMatchObject({
      counts: { unprotected: 1, at_risk: 1, protected: 1, excluded: 0 },
      acknowledged: { unprotected: 1, at_risk: 1 },
    });
    expect((await h()['objects:list']({})).objects.map((o) => [o.name, o.acknowledged])).toEqual([
      ['test-07', true],
      ['db-01', true],
      ['web-01', false],
    ]);
    await h()['objects:acknowledge']({ key: dbKey, on: false });
    expect((await h()['status:snapshot']()).overall).toBe('at_risk');
  });

  it('refuses to acknowledge a protected or unknown machine, in one line', async () => {
    await fleetWithObjects();
    expect(await h()['objects:acknowledge']({ key: `vm:${UUID}/vm-web-01`, on: true })).toEqual({
      ok: false,
      message: 'web-01 is protected: there is nothing to acknowledge.',
    });
    expect(await h()['objects:acknowledge']({ key: 'vm:nope/vm-1', on: true })).toEqual({
      ok: false,
      message: 'Backwatch does not know this machine (any more).',
    });
    expect(config.read().settings.objectAcknowledged).toEqual({});
  });
});
