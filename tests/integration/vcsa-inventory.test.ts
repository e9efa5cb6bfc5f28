/** vCenter's inventory read at its limits: a vCenter without the JSON API, and a folder over the VM list's cap. */
import { afterAll, describe, expect, it } from 'vitest';
import { coverObjects, type ExclusionRule } from '../../src-main/common/object-coverage.js';
import type { ObjectRead } from '../../src-main/core/connectors/connector.js';
import { createLogger, type Logger } from '../../src-main/core/logger.js';
import { DEMO_MANAGER, DEMO_VMS } from '../../src-main/demo/sim/demo-estate.js';
import { isConnectorError } from '../../src-main/core/http/errors.js';
import type { ConformanceRig } from './conformance/connector-conformance.js';
import { startVcsaRig } from './conformance/vcsa-harness.js';

const rigs: ConformanceRig[] = [];
afterAll(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function rigWith(inventory: { vmListCap?: number; viJson?: boolean }, extra: { apiStyle?: 'api' | 'rest'; log?: Logger } = {}) {
  const { rig, makeConnectorWith } = await startVcsaRig(
    { historySize: 3, now: () => Date.UTC(2026, 2, 2, 9) },
    { inventory, ...(extra.apiStyle ? { apiStyle: extra.apiStyle } : {}) },
  );
  rigs.push(rig);
  return { connector: makeConnectorWith(extra.log ? { log: extra.log } : {}).connector, rig };
}

const tagsOf = (read: ObjectRead, name: string) => read.inventory.filter((vm) => vm.name === name).map((vm) => [...vm.tags]);

describe('vCenter inventory', () => {
  it('keys VMs by the instance UUID from the JSON API, each with its folder', async () => {
    const read = await (await rigWith({})).connector.readObjects!();
    const lab = read.inventory.filter((vm) => vm.name === 'fs-01');
    expect(lab.map((vm) => vm.folder).sort()).toEqual(['Files', 'Lab']);
    expect(new Set(read.inventory.map((vm) => vm.platform.instanceUuid))).toEqual(new Set([DEMO_MANAGER.instanceUuid]));
  });

  it('a vCenter older than 8.0 U1 keys its VMs by its host name', async () => {
    const read = await (await rigWith({ viJson: false })).connector.readObjects!();
    expect(read.inventory.length).toBeGreaterThan(0);
    expect(new Set(read.inventory.map((vm) => vm.platform.instanceUuid))).toEqual(new Set(['host:127.0.0.1']));
  });

  it('a folder with more VMs than one list returns fails the read in one line naming the folder', async () => {
    const failure = await (await rigWith({ vmListCap: 5 })).connector.readObjects!().catch((e: unknown) => e);
    expect(isConnectorError(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/^vCenter cannot list the VMs of folder "Web" at once[^\n]*$/);
  });

  it.each(['api', 'rest'] as const)("reads each VM's tags (%s), so an exclusion by tag leaves it out", async (apiStyle) => {
    const read = await (await rigWith({}, { apiStyle })).connector.readObjects!();
    expect(tagsOf(read, 'sql-prod-01')).toEqual([['Production']]);
    expect(tagsOf(read, 'fs-01').sort()).toEqual([['Lab'], ['Production']]);
    expect(tagsOf(read, 'nas-legacy')).toEqual([[]]);
    const rule: ExclusionRule = { id: 'dev', applianceId: null, match: { kind: 'tag', tag: 'dev' } };
    const covered = coverObjects({ backedUp: [], inventory: read.inventory, exclusions: [rule], rpoSecOf: () => null, nowMs: 0 });
    const excluded = covered.objects.filter((o) => o.verdict.state === 'excluded').map((o) => o.name);
    expect(excluded.sort()).toEqual(
      DEMO_VMS.filter((vm) => vm.tags.includes('Dev'))
        .map((vm) => vm.name)
        .sort(),
    );
  });

  it('a later read asks only for the tags and their objects, not each tag again', async () => {
    const { connector, rig } = await rigWith({});
    await connector.readObjects!();
    rig.simulator.resetStats();
    await connector.readObjects!();
    const byPath = rig.simulator.stats.byPath;
    expect([...byPath.keys()].filter((p) => p.startsWith('/api/cis/tagging/tag/'))).toEqual([]);
    expect(byPath.get('/api/cis/tagging/tag-association')).toBe(1);
  });

  it.each(['malformed', 'truncate', 'error5xx'] as const)(
    'a tag answer spoiled (%s) leaves the VMs untagged, says so in one line, and the inventory is read',
    async (fault) => {
      const lines: string[] = [];
      const { connector, rig } = await rigWith({}, { log: createLogger((line) => lines.push(line.message)) });
      rig.simulator.faults.once(fault, 5, '/cis/tagging/tag-association');
      const read = await connector.readObjects!();
      expect(read.inventory.length).toBe(DEMO_VMS.length);
      expect(read.inventory.every((vm) => vm.tags.length === 0)).toBe(true);
      expect(lines.filter((l) => l.startsWith('vCenter tags not read'))).toHaveLength(1);
      expect(lines.find((l) => l.startsWith('vCenter tags not read'))).toMatch(/^[^\n]+$/);
      rig.simulator.faults.clear();
      expect(tagsOf(await connector.readObjects!(), 'sql-prod-01')).toEqual([['Production']]);
    },
  );
});
