/**
 * The demo fleet's objects, from the simulators through the connectors to coverage: the vCenter
 * inventory has VMs no backup covers, a VM skipped in a web farm run that ended in "Success" is at
 * risk, and a lab clone that bears a production VM's name keeps a backup that names it only from
 * being matched to either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgedObject } from '../../src-main/common/object-status.js';
import { judgeReads } from '../support/object-fleet.js';
import type { Connector, ObjectRead } from '../../src-main/core/connectors/connector.js';
import { connectorDescriptor } from '../../src-main/core/connectors/registry.js';
import { createHttpClient } from '../../src-main/core/http/http-client.js';
import { silentLogger } from '../../src-main/core/logger.js';
import type { DemoSimulator } from '../../src-main/demo/fleet.js';
import { startDemoSimulator } from '../../src-main/demo/fleet.js';
import { DEMO_SKIPPED_VM } from '../../src-main/demo/vbr/vbr-demo.js';

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

let objects: readonly JudgedObject[] = [];
let vbr: ObjectRead;

beforeAll(async () => {
  for (const vendor of ['vbr', 'vcsa'] as const) simulators.push(await startDemoSimulator(vendor, { now, historySize: 300 }));
  vbr = await connect(simulators[0]!, 'vbr-demo').readObjects!();
  const vcenter = await connect(simulators[1]!, 'vcenter-demo').readObjects!();
  objects = judgeReads({ backedUp: vbr.backedUp, inventory: vcenter.inventory }, T0).sorted();
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

  it('the VM skipped in a run that ended in "Success" is at risk, matched to its vCenter VM by name', () => {
    const [skipped] = named(DEMO_SKIPPED_VM);
    expect(skipped?.matchedBy).toBe('name');
    expect(skipped?.verdict).toMatchObject({ state: 'at_risk', reason: 'last_run_failed' });
  });

  it('a VM backed up by name, whose name two vCenter VMs bear, is matched to neither', () => {
    const clones = named('fs-01');
    expect(clones.filter((o) => o.inventory !== null).map((o) => o.verdict.state)).toEqual(['unprotected', 'unprotected']);
    expect(clones.filter((o) => o.inventory === null).map((o) => o.backups.length)).toEqual([1]);
  });

  it('the other backed-up VMs are matched and protected', () => {
    expect(named('sql-prod-01')[0]).toMatchObject({ matchedBy: 'name', verdict: { state: 'protected' } });
    expect(
      vbr.backedUp
        .filter((o) => o.kind === 'computer')
        .map((o) => o.name)
        .sort(),
    ).toEqual(['erp-app-01', 'erp-db-01', 'print-01']);
  });
});
