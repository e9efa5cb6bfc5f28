/** vCenter's inventory read at its limits: a vCenter without the JSON API, and a folder over the VM list's cap. */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MANAGER } from '../../src-main/demo/sim/demo-estate.js';
import { isConnectorError } from '../../src-main/core/http/errors.js';
import type { ConformanceRig } from './conformance/connector-conformance.js';
import { startVcsaRig } from './conformance/vcsa-harness.js';

const rigs: ConformanceRig[] = [];
afterAll(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function rigWith(inventory: { vmListCap?: number; viJson?: boolean }) {
  const { rig, makeConnectorWith } = await startVcsaRig({ historySize: 3, now: () => Date.UTC(2026, 2, 2, 9) }, { inventory });
  rigs.push(rig);
  return makeConnectorWith().connector;
}

describe('vCenter inventory', () => {
  it('keys VMs by the instance UUID from the JSON API, each with its folder', async () => {
    const read = await (await rigWith({})).readObjects!();
    const lab = read.inventory.filter((vm) => vm.name === 'fs-01');
    expect(lab.map((vm) => vm.folder).sort()).toEqual(['Files', 'Lab']);
    expect(new Set(read.inventory.map((vm) => vm.platform.instanceUuid))).toEqual(new Set([DEMO_MANAGER.instanceUuid]));
  });

  it('a vCenter older than 8.0 U1 keys its VMs by its host name', async () => {
    const read = await (await rigWith({ viJson: false })).readObjects!();
    expect(read.inventory.length).toBeGreaterThan(0);
    expect(new Set(read.inventory.map((vm) => vm.platform.instanceUuid))).toEqual(new Set(['host:127.0.0.1']));
  });

  it('a folder with more VMs than one list returns fails the read in one line naming the folder', async () => {
    const failure = await (await rigWith({ vmListCap: 5 })).readObjects!().catch((e: unknown) => e);
    expect(isConnectorError(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/^vCenter cannot list the VMs of folder "Web" at once[^\n]*$/);
  });
});
