/**
 * The demo fleet's objects, from the simulators through the connectors to coverage: the vCenter
 * inventory, and VBR's own view of it, have VMs no backup covers; a VM skipped in a web farm run
 * that ended in "Success" is at risk; VBR places its VMs by their vCenter and managed object id, so
 * a lab clone that bears a production VM's name does not take its backup; and the computers of an
 * agent protection group that no backup holds are at risk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoveredObject } from '../../src-main/common/object-coverage.js';
import { coverObjects } from '../../src-main/common/object-coverage.js';
import type { Connector, ObjectRead } from '../../src-main/core/connectors/connector.js';
import { connectorDescriptor } from '../../src-main/core/connectors/registry.js';
import { createHttpClient } from '../../src-main/core/http/http-client.js';
import { silentLogger } from '../../src-main/core/logger.js';
import type { DemoSimulator } from '../../src-main/demo/fleet.js';
import { startDemoSimulator } from '../../src-main/demo/fleet.js';
import { DEMO_SKIPPED_VM } from '../../src-main/demo/vbr/vbr-demo.js';
import { VBR_PROTECTED_LINUX } from '../../src-main/demo/vbr/vbr-estate.js';

const T0 = Date.UTC(2026, 2, 2, 9);
const now = () => T0;
const simulators: DemoSimulator[] = [];
const connectors: Connector[] = [];

function connect(sim: DemoSimulator, id: string): Connector {
  const { appliance } = sim;
  const http = createHttpClient({ baseUrl: appliance.baseUrl, pin: appliance.certificate });
  const connector = connectorDescriptor(appliance.vendor).connect({
    appliance: { ...appliance, id, credential: { kind: 'keychain' }, options: {}, enabled: true },
    http,
    password: async () => appliance.password,
    log: silentLogger,
    now,
  });
  connectors.push(connector);
  return connector;
}

let objects: CoveredObject[] = [];
let vbr: ObjectRead;

beforeAll(async () => {
  for (const vendor of ['vbr', 'vcsa'] as const) simulators.push(await startDemoSimulator(vendor, { now, historySize: 300 }));
  vbr = await connect(simulators[0]!, 'vbr-demo').readObjects!();
  const vcenter = await connect(simulators[1]!, 'vcenter-demo').readObjects!();
  objects = coverObjects({
    backedUp: vbr.backedUp,
    inventory: [...vbr.inventory, ...vcenter.inventory],
    exclusions: [],
    rpoSecOf: () => 26 * 3600,
    nowMs: T0,
  }).objects;
});
afterAll(async () => {
  await Promise.all(connectors.map((c) => c.close()));
  await Promise.all(simulators.map((s) => s.close()));
});

const named = (name: string) => objects.filter((o) => o.name === name);

describe("the demo fleet's objects", () => {
  it('VMs the vCenter lists and no backup covers are unprotected', () => {
    for (const name of ['web-old-01', 'test-07']) expect(named(name).map((o) => o.verdict.state)).toEqual(['unprotected']);
  });

  it('the VM skipped in a run that ended in "Success" is at risk, matched to its vCenter VM by its ids', () => {
    const [skipped] = named(DEMO_SKIPPED_VM);
    expect(skipped?.matchedBy).toBe('platform');
    expect(skipped?.inventory?.folder).toBe('Web');
    expect(skipped?.verdict).toMatchObject({ state: 'at_risk', reason: 'last_run_failed' });
  });

  it("a lab clone bearing a production VM's name: VBR's backup, placed by its ids, is the production VM's", () => {
    const clones = named('fs-01');
    expect(clones).toHaveLength(2);
    expect(clones.find((o) => o.inventory?.folder === 'Files')).toMatchObject({ matchedBy: 'platform', backups: [{ name: 'fs-01' }] });
    expect(clones.find((o) => o.inventory?.folder === 'Lab')?.verdict.state).toBe('unprotected');
  });

  it('VBR alone sees the VMs no job covers: its inventory makes them unprotected', () => {
    const alone = coverObjects({ backedUp: vbr.backedUp, inventory: vbr.inventory, exclusions: [], rpoSecOf: () => 26 * 3600, nowMs: T0 });
    const unprotected = alone.objects.filter((o) => o.verdict.state === 'unprotected').map((o) => o.name);
    expect(unprotected).toEqual(expect.arrayContaining(['web-old-01', 'test-07']));
    expect(alone.coverage.map((c) => c.inventoryId)).toEqual(['vbr-demo']);
  });

  it('the other backed-up VMs are matched and protected', () => {
    expect(named('sql-prod-01')[0]).toMatchObject({ matchedBy: 'platform', verdict: { state: 'protected' } });
    expect(
      vbr.backedUp
        .filter((o) => o.kind === 'computer')
        .map((o) => o.name)
        .sort(),
    ).toEqual(['erp-app-01', 'erp-db-01', 'lin-build-01', 'lin-build-02', 'print-01']);
    for (const name of VBR_PROTECTED_LINUX) expect(named(name)[0]?.verdict).toMatchObject({ state: 'at_risk', reason: 'no_point' });
  });
});
