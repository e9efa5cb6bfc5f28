/** VBR's object answers read defensively: odd fields are read or left out, a page without a list is one clear error. */
import { describe, expect, it } from 'vitest';
import { parseVbrBackupObjects, parseVbrPoints, parseVbrTaskResults } from '../../../src-main/core/connectors/vbr/vbr-object-parser.js';
import { newVbrZone } from '../../../src-main/core/connectors/vbr/vbr-values.js';
import { ConnectorError } from '../../../src-main/core/http/errors.js';
import { silentLogger } from '../../../src-main/core/logger.js';

const ctx = () => ({ applianceId: 'vbr-1', log: silentLogger, zone: newVbrZone() });
const none = { restorePointsCount: null, lastRunFailed: null, moref: null, host: null, computerId: null };

describe('VBR backup objects', () => {
  it('reads numbers as text, other casing and unknown platforms; leaves out containers and nameless entries', () => {
    const page = parseVbrBackupObjects(
      {
        data: [
          {
            id: 'a',
            name: ' web-01 ',
            platformName: 'vmware',
            viType: 'VirtualMachine',
            restorePointsCount: '14',
            lastRunFailed: 'true',
            objectId: 'vm-7',
            path: 'VC01.corp.local\\Dallas\\Web\\web-01',
          },
          { id: 'b', name: 'Prague', platformName: 'VMware', viType: 'Folder', restorePointsCount: 3 },
          { id: 'c', name: 'erp-db-01', platformName: 'WindowsPhysical', restorePointsCount: -5, computerId: 'ABC-1', path: null },
          { id: 'd', name: 'tenant', platformName: 'SomethingNew' },
          { id: 'e', name: null, platformName: 'VMware' },
          null,
          42,
        ],
        pagination: { total: '7', count: 7 },
      },
      ctx(),
    );
    expect(page.received).toBe(7);
    expect(page.total).toBe(7);
    expect(page.items).toEqual([
      { ...none, id: 'a', name: 'web-01', kind: 'vm', restorePointsCount: 14, lastRunFailed: true, moref: 'vm-7', host: 'vc01.corp.local' },
      { ...none, id: 'c', name: 'erp-db-01', kind: 'computer', computerId: 'abc-1' },
      { ...none, id: 'd', name: 'tenant', kind: 'other' },
    ]);
  });

  it.each([{}, { data: null }, { data: { id: 'a' } }, 'not json at all', null, []])(
    'no list in %j is a one-line malformed error',
    (body) => {
      const thrown = (() => {
        try {
          parseVbrBackupObjects(body, ctx());
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(thrown).toBeInstanceOf(ConnectorError);
      expect((thrown as ConnectorError).kind).toBe('malformed');
      expect((thrown as ConnectorError).message).toMatch(/^VBR backup object answer has no list/);
      expect((thrown as ConnectorError).message).not.toContain('\n');
    },
  );
});

describe('VBR restore points', () => {
  it('reads zone-less times in the zone last seen, and leaves out points without a readable time', () => {
    const page = parseVbrPoints(
      {
        data: [
          { name: 'web-01', creationTime: '2026-03-02T10:00:00.1234567+01:00' },
          { name: 'web-02', creationTime: '2026-03-02T10:00:00' },
          { name: 'web-03', creationTime: 'yesterday' },
          { name: 'web-04', creationTime: null },
          { name: 'web-05', creationTime: '0001-01-01T00:00:00' },
        ],
      },
      ctx(),
    );
    expect(page.items).toEqual([
      { name: 'web-01', createdMs: Date.UTC(2026, 2, 2, 9, 0, 0, 123) },
      { name: 'web-02', createdMs: Date.UTC(2026, 2, 2, 9, 0, 0) },
    ]);
  });
});

describe('VBR task results', () => {
  it('a Failed object in any casing is a failure; suffixes some kinds add are cut from the name', () => {
    const page = parseVbrTaskResults(
      {
        data: [
          { name: 'web-01', result: { result: 'FAILED' }, endTime: '2026-03-02T10:00:00Z' },
          { name: 'winsrv88 [11/4/2024 5:18:45 PM]', result: { result: 'Success' }, endTime: null },
          { name: 'winsrv88:/C:\\shares\\nfs_share', result: 'Warning' },
          { result: { result: 'Failed' } },
        ],
      },
      ctx(),
    );
    expect(page.items).toEqual([
      { name: 'web-01', failed: true, endedMs: Date.UTC(2026, 2, 2, 10) },
      { name: 'winsrv88', failed: false, endedMs: null },
      { name: 'winsrv88', failed: false, endedMs: null },
    ]);
  });
});
