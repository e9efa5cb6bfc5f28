/**
 * What VBR sees beyond its backups, on every revision the simulator speaks and the connector asks
 * for: the inventory's VMs everywhere, the protected computers where the documents list them (from
 * 1.2); before, 1.1 answers 404 (one line, asked once) and 1.0 is never asked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConformanceRig } from './conformance/connector-conformance.js';
import { startVbrRig } from './conformance/vbr-harness.js';
import { createLogger } from '../../src-main/core/logger.js';
import { DEMO_VMS } from '../../src-main/demo/sim/demo-estate.js';
import { VBR_PROTECTED_LINUX, servesProtectedComputers } from '../../src-main/demo/vbr/vbr-estate.js';
import { VBR_SIM_REVISIONS } from '../../src-main/demo/vbr/vbr-simulator.js';

const rigs: ConformanceRig[] = [];
afterAll(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

const COMPUTERS = '/api/v1/agents/protectedComputers';

describe('VBR estate on every revision', () => {
  // The connector speaks no 1.0-rev1.
  it.each(VBR_SIM_REVISIONS.filter((r) => r !== '1.0-rev1'))('revision %s', async (r) => {
    const rig = await startVbrRig({ historySize: 30, now: () => Date.UTC(2026, 2, 2, 9) }, { revisions: [r] });
    rigs.push(rig);
    const lines: string[] = [];
    const connector = rig.makeConnector({ log: createLogger((l) => lines.push(l.message)) });
    const read = await connector.readObjects!();
    await connector.readObjects!();
    expect(read.inventory.map((vm) => vm.platform.moref).sort()).toEqual(DEMO_VMS.map((vm) => vm.moref).sort());
    const computers = read.backedUp.filter((o) => (VBR_PROTECTED_LINUX as readonly string[]).includes(o.name)).map((o) => o.name);
    const asked = rig.simulator.stats.byPath.get(COMPUTERS) ?? 0;
    const notAvailable = lines.filter((l) => l.startsWith('VBR protected computers not available'));
    if (servesProtectedComputers(r)) {
      expect(computers.sort()).toEqual([...VBR_PROTECTED_LINUX]);
      expect(notAvailable).toEqual([]);
    } else {
      expect(computers).toEqual([]);
      expect(asked).toBe(r.startsWith('1.0-') ? 0 : 1);
      expect(notAvailable).toEqual(r.startsWith('1.0-') ? [] : [expect.stringMatching(/^[^\n]+HTTP 404[^\n]+$/)]);
    }
    await connector.close();
  });
});
