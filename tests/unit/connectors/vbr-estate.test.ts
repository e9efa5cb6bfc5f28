/**
 * What VBR sees beyond its backups, read defensively: protected computers and inventory items in
 * both shapes the documents give (flat, or under `inventoryObject`), odd fields read or left out;
 * protected computers joined to the backups that hold them; a part a revision or a role lacks is
 * "not available" in one line, and not asked again.
 */
import { describe, expect, it } from 'vitest';
import type { VbrObjectCalls } from '../../../src-main/core/connectors/vbr/vbr-object-calls.js';
import {
  computersWithoutBackup,
  inventoryOf,
  platformOf,
  rootKeys,
  VbrEstateReader,
} from '../../../src-main/core/connectors/vbr/vbr-estate.js';
import {
  parseVbrInventoryRoots,
  parseVbrInventoryVms,
  parseVbrProtectedComputers,
} from '../../../src-main/core/connectors/vbr/vbr-inventory-parser.js';
import type { VbrBackupObject } from '../../../src-main/core/connectors/vbr/vbr-object-parser.js';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { createLogger, silentLogger } from '../../../src-main/core/logger.js';

const ctx = { applianceId: 'vbr-1', log: silentLogger };
const UUID = 'D766A026-A7A7-4D6E-ADD0-9599A291394F';

describe('VBR inventory answers', () => {
  it('reads vSphere servers flat or nested, a UUID id as the vCenter key, any other id as none', () => {
    const page = parseVbrInventoryRoots(
      {
        data: [
          { inventoryObject: { type: 'vCenterServer', hostName: 'vc01.corp.local', name: 'vc01.corp.local', objectId: UUID }, size: 'N/A' },
          { platform: 'VSphere', type: 'Host', hostName: 'esx9', name: 'esx9', objectId: 'host-12' },
          { platform: 'VMware', type: 'vCenterServer', hostName: 'vc02', objectId: null },
          { platform: 'VMware', objectId: UUID },
          'odd',
        ],
        pagination: { total: 5, count: 5 },
      },
      ctx,
    );
    expect(page.items).toEqual([
      { name: 'vc01.corp.local', uuid: UUID.toLowerCase() },
      { name: 'esx9', uuid: null },
      { name: 'vc02', uuid: null },
    ]);
  });

  it('keeps only VMs, in any letter case, with numbers as text; others and nameless ones are left out', () => {
    const page = parseVbrInventoryVms(
      {
        data: [
          { inventoryObject: { type: 'VirtualMachine', hostName: 'vc01', name: 'web-01', objectId: 'vm-1' }, size: '220 GB' },
          { platform: 'VSphere', type: 'VIRTUALMACHINE', name: ' db-01 ', objectId: 'vm-2', isEnabled: 'yes' },
          { platform: 'VMware', type: 'virtualmachine', hostName: 'vc01', name: 42, objectId: 43 },
          { platform: 'VMware', type: 'Folder', hostName: 'vc01', name: 'Templates', objectId: 'group-h1' },
          { platform: 'VMware', type: 'VirtualMachine', hostName: 'vc01', name: 'no-id' },
          { platform: 'VMware', type: 'SomethingNew', hostName: 'vc01', name: 'x', objectId: 'vm-9' },
        ],
        pagination: { total: 6, count: 6 },
      },
      'vc01',
      ctx,
    );
    expect(page.items).toEqual([
      { hostName: 'vc01', name: 'web-01', moref: 'vm-1' },
      { hostName: 'vc01', name: 'db-01', moref: 'vm-2' },
      { hostName: 'vc01', name: '42', moref: '43' },
    ]);
  });

  it.each([{}, { data: 'x' }, null, [], 'text'])('no list in %j is a one-line malformed error', (body) => {
    for (const parse of [() => parseVbrProtectedComputers(body, ctx), () => parseVbrInventoryVms(body, 'vc01', ctx)]) {
      expect(parse).toThrow(ConnectorError);
      expect(parse).toThrow(/^VBR [^\n]+$/);
    }
  });

  it('reads protected computers with an id and a name; others are left out', () => {
    const page = parseVbrProtectedComputers(
      {
        data: [
          { id: 'C1', name: 'lin-01', type: 'Linux', protectionGroups: null },
          { id: 'c2' },
          { name: 'x' },
          { id: 7, name: 'ip', type: 'Solaris' },
        ],
      },
      ctx,
    );
    expect(page.items).toEqual([
      { id: 'C1', name: 'lin-01' },
      { id: '7', name: 'ip' },
    ]);
    expect(page.total).toBeNull();
  });
});

const object = (o: Partial<VbrBackupObject>): VbrBackupObject => ({
  id: 'o',
  name: 'x',
  kind: 'computer',
  restorePointsCount: 1,
  lastRunFailed: null,
  moref: null,
  host: null,
  computerId: null,
  ...o,
});

describe('VBR estate joined to its backups', () => {
  it('a protected computer a backup holds (by computer id, or by name with or without its domain) is not listed twice', () => {
    const computers = [
      { id: 'AAA', name: 'lin-01' },
      { id: 'bbb', name: 'LIN-02.corp.local' },
      { id: 'ccc', name: 'lin-03' },
    ];
    const objects = [
      object({ id: '1', name: 'renamed', computerId: 'aaa' }),
      object({ id: '2', name: 'lin-02' }),
      object({ id: '3', name: 'lin-03', kind: 'vm' }),
    ];
    expect(computersWithoutBackup('vbr-1', computers, objects)).toEqual([
      {
        applianceId: 'vbr-1',
        id: 'ccc',
        name: 'lin-03',
        kind: 'computer',
        platform: null,
        jobIds: [],
        lastGoodPointMs: null,
        lastFailureMs: null,
      },
    ]);
    expect(computersWithoutBackup('vbr-1', null, objects)).toEqual([]);
  });

  it('keys VMs by their vCenter UUID, else by the name VBR knows it by; a VM of an unknown vCenter has no platform', () => {
    const estate = {
      roots: [
        { name: 'VC01.corp.local', uuid: 'u-1' },
        { name: 'esx9', uuid: null },
      ],
      vms: [
        { hostName: 'vc01.corp.local', name: 'web-01', moref: 'vm-1' },
        { hostName: 'esx9', name: 'lab', moref: '12' },
        { hostName: 'vc01.corp.local', name: 'web-01 again', moref: 'vm-1' },
        { hostName: 'unknown', name: 'stray', moref: 'vm-5' },
      ],
    };
    const keys = rootKeys(estate);
    expect(platformOf(keys, { host: 'vc01.corp.local', moref: 'vm-1' })).toEqual({ instanceUuid: 'u-1', moref: 'vm-1' });
    expect(platformOf(keys, { host: 'nowhere', moref: 'vm-1' })).toBeNull();
    expect(platformOf(rootKeys(null), { host: 'vc01.corp.local', moref: 'vm-1' })).toBeNull();
    expect(inventoryOf('vbr-1', estate, keys).map((vm) => [vm.name, vm.platform.instanceUuid, vm.platform.moref])).toEqual([
      ['web-01 again', 'u-1', 'vm-1'],
      ['lab', 'host:esx9', '12'],
    ]);
  });
});

describe('VBR estate not available', () => {
  const calls = (status: number, revision: '1.1-rev0' | '1.3-rev1', asked: string[]): VbrObjectCalls => ({
    parse: { applianceId: 'vbr-1', log: silentLogger },
    currentRevision: () => revision,
    call: () => Promise.reject(new Error('not used')),
    readPages: (request) => {
      asked.push(request({ skip: 0, limit: 1 })(revision).path);
      return Promise.reject(new ConnectorError(status === 403 ? 'auth_failed' : 'http', `HTTP ${status}`, { status }));
    },
    lastRuns: () => Promise.resolve(new Map()),
  });

  it.each([
    [404, 'REST API 1.1-rev0 has no such call'],
    [403, 'the account lacks the role for it'],
  ])('HTTP %i: one line, null, and no second request at the same revision', async (status, why) => {
    const lines: string[] = [];
    const asked: string[] = [];
    const base = calls(status, '1.1-rev0', asked);
    const reader = new VbrEstateReader({ ...base, parse: { ...base.parse, log: createLogger((l) => lines.push(l.message)) } }, 100);
    expect(await reader.computers()).toBeNull();
    expect(await reader.inventory()).toBeNull();
    expect(await reader.computers()).toBeNull();
    expect(await reader.inventory()).toBeNull();
    expect(asked).toEqual(['/api/v1/agents/protectedComputers', '/api/v1/inventory/vmware/hosts']);
    expect(lines).toEqual([
      `VBR protected computers not available (HTTP ${status}: ${why}); the object read goes on without them`,
      `VBR inventory not available (HTTP ${status}: ${why}); the object read goes on without them`,
    ]);
  });

  it("another failure is the read's", async () => {
    const asked: string[] = [];
    const reader = new VbrEstateReader(calls(500, '1.3-rev1', asked), 100);
    await expect(reader.inventory()).rejects.toThrow('HTTP 500');
  });
});
