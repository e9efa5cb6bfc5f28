/**
 * The vendor-independent conformance suite of object reads: one suite, run against each vendor's
 * simulator through the same harness as the session conformance suite. A backup vendor's read
 * lists what its jobs cover, each object's newest point and newest failure, a resource skipped in
 * a run that ends well included; an inventory lists its machines with platform ids. Every read is
 * bounded, and a read with nothing new costs no more than the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeBackedUp } from '../../../src-main/common/protected-objects.js';
import type { Connector, ObjectRead } from '../../../src-main/core/connectors/connector.js';
import { isConnectorError } from '../../../src-main/core/http/errors.js';
import type { ConformanceHarness, ConformanceRig } from './connector-conformance.js';

export interface ObjectHarness {
  readonly harness: ConformanceHarness;
  /** What the vendor's read gives: backed-up objects, an inventory, or both (a backup server that sees its platform). */
  readonly gives: 'backedUp' | 'inventory' | 'both';
  /** Objects the appliance lists that no job backs up (computers in an agent protection group): each without a point. */
  readonly unbacked?: readonly string[];
  /** The job whose resource the suite skips in a run that succeeds, and that resource; none for an inventory. */
  readonly skip?: (rig: ConformanceRig) => { jobId: string; resource: string };
  /** Most requests one read may make over the rig's scenario (1,000 sessions of history). */
  readonly maxRequests: number;
  /** A part of the object list's path, where the suite spoils the answer. */
  readonly listPath: string;
}

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const HOUR = 3_600_000;

/** Requests per read, per vendor: the suite's figure. */
export const requestsPerRead = new Map<string, { first: number; idle: number; idleBytes: number; objects: number }>();

export function describeObjectConformance(name: string, spec: ObjectHarness): void {
  describe(`${name} object read conformance`, () => {
    let t = T0;
    const now = () => t;
    let rig: ConformanceRig;
    const connectors: Connector[] = [];
    const connect = (password?: string): Connector => {
      const c = rig.makeConnector(password === undefined ? undefined : { password });
      connectors.push(c);
      return c;
    };
    const read = async (c: Connector): Promise<ObjectRead> => {
      expect(c.readObjects).toBeTypeOf('function');
      return c.readObjects!();
    };

    beforeAll(async () => {
      rig = await spec.harness.start({ historySize: 1000, now, seed: 11 });
    });
    afterAll(async () => {
      await Promise.all(connectors.map((c) => c.close()));
      await rig.close();
    });

    it('lists objects with unique ids, names, and times no later than now', async () => {
      const found = await read(connect());
      if (spec.gives !== 'backedUp') {
        expect(found.inventory.length).toBeGreaterThan(0);
        for (const vm of found.inventory) {
          expect(vm.inventoryId).toBe(rig.appliance.id);
          expect(vm.platform.instanceUuid).toMatch(/^[0-9a-f-]{36}$/i);
          expect(vm.platform.moref).toMatch(/^vm-\d+$/);
        }
        const keys = found.inventory.map((vm) => vm.platform.moref);
        expect(new Set(keys).size).toBe(keys.length);
      } else expect(found.inventory).toEqual([]);
      if (spec.gives === 'inventory') return expect(found.backedUp).toEqual([]);
      // An object is a resource of the jobs, or a part of one (a user's address in "OneDrive - address").
      const resources = rig.scenario.jobs().flatMap((j) => j.resources);
      for (const o of found.backedUp) {
        expect(o.applianceId).toBe(rig.appliance.id);
        if (spec.unbacked?.includes(o.name)) expect(o.lastGoodPointMs).toBeNull();
        else expect(resources.some((r) => r.includes(o.name))).toBe(true);
        if (o.lastGoodPointMs !== null) expect(o.lastGoodPointMs).toBeLessThanOrEqual(t);
      }
      expect(
        found.backedUp
          .filter((o) => spec.unbacked?.includes(o.name))
          .map((o) => o.name)
          .sort(),
      ).toEqual([...(spec.unbacked ?? [])].sort());
      expect(found.backedUp.some((o) => o.lastGoodPointMs !== null)).toBe(true);
      const ids = found.backedUp.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('costs a bounded number of requests, and a read with nothing new no more than the first', async () => {
      const c = connect();
      rig.simulator.resetStats();
      const found = await read(c);
      const first = rig.simulator.stats.requests;
      rig.simulator.resetStats();
      await read(c);
      const idle = rig.simulator.stats.requests;
      const idleBytes = rig.simulator.stats.bytes;
      requestsPerRead.set(name, { first, idle, idleBytes, objects: found.backedUp.length + found.inventory.length });
      expect(first).toBeLessThanOrEqual(spec.maxRequests);
      expect(idle).toBeLessThanOrEqual(first);
    });

    it('a wrong password is a ConnectorError, never a crash', async () => {
      const failure = await read(connect('wrong')).catch((e: unknown) => e);
      expect(isConnectorError(failure)).toBe(true);
      expect((failure as Error).message).not.toContain('\n');
    });

    it.each(['malformed', 'truncate'] as const)(
      'an object list spoiled (%s) is a one-line ConnectorError, never a crash',
      async (fault) => {
        const c = connect();
        await c.authenticate();
        rig.simulator.faults.once(fault, 1, spec.listPath);
        const failure = await read(c).catch((e: unknown) => e);
        rig.simulator.faults.clear();
        expect(isConnectorError(failure)).toBe(true);
        expect((failure as Error).message).toMatch(/^[^\n]{10,300}$/);
        // The next read, on a sound answer, works again.
        expect((await read(c)).backedUp.length + (await read(c)).inventory.length).toBeGreaterThan(0);
      },
    );

    it.skipIf(spec.skip === undefined)('a resource skipped in a run that succeeds comes back failed after its newest point', async () => {
      const c = connect();
      await read(c);
      const { jobId, resource } = spec.skip!(rig);
      rig.scenario.skipFrom(jobId, resource);
      const run = rig.scenario.startRun(jobId);
      t += rig.scenario.job(jobId)!.durationMs * 2;
      rig.scenario.finishRun(run.id, 'succeeded');
      t += 60_000;
      const object = (await read(c)).backedUp.find((o) => o.name === resource);
      expect(object?.lastFailureMs).not.toBeNull();
      expect(object!.lastFailureMs!).toBeGreaterThan(object!.lastGoodPointMs ?? 0);
      expect(judgeBackedUp(object!, 26 * 3600, t)).toMatchObject({ state: 'at_risk', reason: 'last_run_failed' });
      // The others of that run made a point after the first read, and the next read sees it.
      const other = (await read(c)).backedUp.find((o) => o.name !== resource && rig.scenario.job(jobId)!.resources.includes(o.name));
      expect(other?.lastGoodPointMs).toBeGreaterThan(T0 - HOUR);
    });
  });
}
