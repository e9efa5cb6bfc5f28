import { describe, expect, it } from 'vitest';
import { coverObjects } from '../../../src-main/common/object-coverage.js';
import type { CoverageInput, ExclusionRule } from '../../../src-main/common/object-coverage.js';
import { judgeBackedUp } from '../../../src-main/common/protected-objects.js';
import type { BackedUpObject, InventoryObject } from '../../../src-main/common/protected-objects.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 8);
const PROD = '5a1d2c3e-0000-4000-8000-00000000a001';
const LAB = '5a1d2c3e-0000-4000-8000-00000000b002';

function vm(name: string, moref: string, instanceUuid = PROD, extra: Partial<InventoryObject> = {}): InventoryObject {
  return {
    inventoryId: instanceUuid === PROD ? 'vcenter-prod' : 'vcenter-lab',
    platform: { instanceUuid, moref },
    name,
    folder: null,
    tags: [],
    ...extra,
  };
}

function backup(applianceId: string, id: string, name: string, extra: Partial<BackedUpObject> = {}): BackedUpObject {
  return {
    applianceId,
    id,
    name,
    kind: 'vm',
    platform: null,
    jobIds: ['job-1'],
    lastGoodPointMs: NOW - 2 * HOUR,
    lastFailureMs: null,
    ...extra,
  };
}

function cover(over: Partial<CoverageInput>): ReturnType<typeof coverObjects> {
  return coverObjects({ backedUp: [], inventory: [], exclusions: [], rpoSecOf: () => 26 * 3600, nowMs: NOW, ...over });
}

const stateOf = (result: ReturnType<typeof coverObjects>, name: string): string[] =>
  result.objects.filter((o) => o.name === name).map((o) => o.verdict.state);

describe('judgeBackedUp', () => {
  it('protects within the RPO, and not past it', () => {
    expect(judgeBackedUp(backup('vbr', '1', 'web-01'), 26 * 3600, NOW).state).toBe('protected');
    expect(judgeBackedUp(backup('vbr', '1', 'web-01', { lastGoodPointMs: NOW - 30 * HOUR }), 26 * 3600, NOW)).toEqual({
      state: 'at_risk',
      reason: 'point_too_old',
      lastGoodPointMs: NOW - 30 * HOUR,
    });
    expect(judgeBackedUp(backup('vbr', '1', 'web-01', { lastGoodPointMs: NOW - 30 * HOUR }), null, NOW).state).toBe('protected');
  });

  it('puts at risk an object that failed or was skipped after its last good point, even within the RPO', () => {
    const skipped = backup('vbr', '1', 'web-02', { lastGoodPointMs: NOW - 20 * HOUR, lastFailureMs: NOW - HOUR });
    expect(judgeBackedUp(skipped, 26 * 3600, NOW)).toMatchObject({ state: 'at_risk', reason: 'last_run_failed' });
  });

  it('never trusts a point dated far ahead of now', () => {
    const ahead = backup('spp', '1', 'db-01', { lastGoodPointMs: NOW + 80 * 365 * 24 * HOUR });
    expect(judgeBackedUp(ahead, 26 * 3600, NOW)).toMatchObject({ state: 'at_risk', reason: 'no_point' });
  });
});

describe('coverObjects', () => {
  it('counts the VMs of an inventory that no backup covers as unprotected', () => {
    const inventory = [vm('web-01', 'vm-1'), vm('web-old-01', 'vm-2'), vm('test-07', 'vm-3')];
    const result = cover({ inventory, backedUp: [backup('vbr', 'b1', 'web-01', { platform: { instanceUuid: PROD, moref: 'vm-1' } })] });
    expect(result.coverage).toEqual([{ inventoryId: 'vcenter-prod', counts: { unprotected: 2, at_risk: 0, protected: 1, excluded: 0 } }]);
    expect(result.objects.map((o) => [o.name, o.verdict.state])).toEqual([
      ['test-07', 'unprotected'],
      ['web-old-01', 'unprotected'],
      ['web-01', 'protected'],
    ]);
  });

  it('protects an object that either of two vendors holds a good point of', () => {
    const platform = { instanceUuid: PROD.toUpperCase(), moref: 'vm-9' };
    const result = cover({
      inventory: [vm('sql-01', 'vm-9')],
      backedUp: [
        backup('vbr', 'x', 'sql-01', { platform, lastFailureMs: NOW - HOUR }),
        backup('spp', 'y', 'SQL-01', { platform: { ...platform, instanceUuid: PROD } }),
      ],
    });
    expect(result.objects).toHaveLength(1);
    expect(result.objects[0]).toMatchObject({ matchedBy: 'platform', verdict: { state: 'protected' } });
    expect(result.objects[0]!.backups.map((b) => b.applianceId)).toEqual(['vbr', 'spp']);
  });

  it('keeps VMs apart whose managed object ids collide in two vCenters', () => {
    const result = cover({
      inventory: [vm('app-01', 'vm-42'), vm('app-01', 'vm-42', LAB)],
      backedUp: [backup('spp', 's1', 'app-01', { platform: { instanceUuid: LAB, moref: 'vm-42' } })],
    });
    expect(result.coverage).toEqual([
      { inventoryId: 'vcenter-prod', counts: { unprotected: 1, at_risk: 0, protected: 0, excluded: 0 } },
      { inventoryId: 'vcenter-lab', counts: { unprotected: 0, at_risk: 0, protected: 1, excluded: 0 } },
    ]);
  });

  it('matches by name only when the backup gives no ids and one inventory VM bears the name', () => {
    const unique = cover({ inventory: [vm('mail-01', 'vm-5')], backedUp: [backup('vbr', 'n1', 'Mail-01 ')] });
    expect(unique.objects).toHaveLength(1);
    expect(unique.objects[0]).toMatchObject({ matchedBy: 'name', verdict: { state: 'protected' } });

    const twice = cover({ inventory: [vm('app-01', 'vm-1'), vm('app-01', 'vm-1', LAB)], backedUp: [backup('vbr', 'n2', 'app-01')] });
    // The name is ambiguous: the backup stands on its own and neither VM is claimed by it.
    expect(twice.objects).toHaveLength(3);
    expect(stateOf(twice, 'app-01').sort()).toEqual(['protected', 'unprotected', 'unprotected']);
    expect(twice.objects.find((o) => o.backups.length > 0)).toMatchObject({ key: 'vbr/n2', matchedBy: null, inventory: null });
  });

  it('lists excluded objects apart and counts them, by name, folder, tag or object, everywhere or per appliance', () => {
    const inventory = [
      vm('test-07', 'vm-1'),
      vm('tmpl-win', 'vm-2', PROD, { folder: '/dc1/Templates/Windows' }),
      vm('scratch', 'vm-3', PROD, { tags: ['NoBackup'] }),
      vm('kept', 'vm-4'),
      vm('lab-only', 'vm-5', LAB),
    ];
    const exclusions: ExclusionRule[] = [
      { id: 'tests', applianceId: null, match: { kind: 'name', pattern: 'TEST-*' } },
      { id: 'templates', applianceId: 'vcenter-prod', match: { kind: 'folder', folder: '/dc1/Templates/' } },
      { id: 'tagged', applianceId: null, match: { kind: 'tag', tag: 'nobackup' } },
      { id: 'one', applianceId: null, match: { kind: 'object', key: `vm:${LAB}/vm-5` } },
      { id: 'elsewhere', applianceId: 'vcenter-lab', match: { kind: 'name', pattern: 'kept' } },
    ];
    const result = cover({ inventory, exclusions });
    expect(result.objects.map((o) => [o.name, o.verdict])).toEqual([
      ['kept', { state: 'unprotected' }],
      ['lab-only', { state: 'excluded', rule: 'one' }],
      ['scratch', { state: 'excluded', rule: 'tagged' }],
      ['test-07', { state: 'excluded', rule: 'tests' }],
      ['tmpl-win', { state: 'excluded', rule: 'templates' }],
    ]);
    expect(result.coverage.find((c) => c.inventoryId === 'vcenter-prod')?.counts).toEqual({
      unprotected: 1,
      at_risk: 0,
      protected: 0,
      excluded: 3,
    });
  });

  it('judges objects no inventory lists (a mailbox) by their own backups', () => {
    const mailbox = backup('vb365', 'u1', 'ana@example.com', { kind: 'user', lastGoodPointMs: NOW - 50 * HOUR });
    const result = cover({ backedUp: [mailbox] });
    expect(result.objects[0]).toMatchObject({ key: 'vb365/u1', kind: 'user', verdict: { state: 'at_risk', reason: 'point_too_old' } });
    expect(result.coverage).toEqual([]);
  });
});

describe('one VM in two inventories', () => {
  it('is one object, under the inventory that says its folder and tags, and a backup named only still finds it', () => {
    const fromBackupServer = vm('web-01', 'vm-7', PROD, { inventoryId: 'vbr-1' });
    const fromVcenter = vm('web-01', 'vm-7', PROD, { folder: 'Web', tags: ['Dev'] });
    for (const inventory of [
      [fromBackupServer, fromVcenter],
      [fromVcenter, fromBackupServer],
    ]) {
      const { objects, coverage } = cover({ inventory, backedUp: [backup('spp-1', 's-1', 'WEB-01')] });
      expect(objects).toHaveLength(1);
      expect(objects[0]).toMatchObject({ inventory: fromVcenter, matchedBy: 'name', verdict: { state: 'protected' } });
      expect(coverage).toEqual([{ inventoryId: 'vcenter-prod', counts: { unprotected: 0, at_risk: 0, protected: 1, excluded: 0 } }]);
      const excluded = cover({ inventory, exclusions: [{ id: 'dev', applianceId: null, match: { kind: 'tag', tag: 'dev' } }] });
      expect(excluded.objects.map((o) => o.verdict.state)).toEqual(['excluded']);
    }
  });
});
