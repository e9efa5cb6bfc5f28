/**
 * The vendor-independent connector conformance suite (issue 3). Each vendor adds one harness file
 * that starts its simulator and makes connectors; the steps below are the same for every vendor.
 *
 * Harness contract:
 * - The simulator serves the scenario's sessions with the scenario's `id` as the vendor's session id
 *   (use `ScenarioOptions.formatId` to shape it), and reads time from the `now` it is given.
 * - `makeConnector` trusts the simulator's certificate as it was when the rig started (a pin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appliance, Session, Vendor } from '../../../src-main/common/model.js';
import { isActiveStatus } from '../../../src-main/common/model.js';
import type { Logger } from '../../../src-main/core/logger.js';
import type { Connector } from '../../../src-main/core/connectors/connector.js';
import type { HttpsSimulator } from '../../../src-main/demo/sim/https-simulator.js';
import type { Scenario } from '../../../src-main/demo/sim/scenario.js';
import { createPollDriver } from './poll-driver.js';
import { describeOlderSessions } from './older-sessions.js';
import { describeVanishedSession } from './vanished-session.js';

export interface RigOptions {
  /** Finished sessions of history to pre-fill. */
  readonly historySize: number;
  /** The clock the scenario and the connector both read; the suite moves it. */
  readonly now: () => number;
  readonly seed?: number;
}

export interface ConformanceRig {
  readonly simulator: HttpsSimulator;
  readonly scenario: Scenario;
  /** A job the suite may start, fail and finish at will. */
  readonly jobId: string;
  /** The appliance the connectors of `makeConnector` speak for. */
  readonly appliance: Appliance;
  /** A new connector for this simulator (pinned to the certificate it had at start). */
  makeConnector(options?: { password?: string; log?: Logger }): Connector;
  /** Invalidates every API session/token the simulator gave out (vendor session expiry). */
  expireSessions(): void;
  /** Password logins the simulator has been asked for so far, refused or not. */
  logins(): number;
  /** Changes the password the simulator accepts (a login after this fails). */
  changePassword(password: string): void;
  close(): Promise<void>;
}

export interface ConformanceHarness {
  readonly vendor: Vendor;
  start(options: RigOptions): Promise<ConformanceRig>;
  /**
   * Bytes an idle poll may grow per extra session of history, where the vendor's API offers no
   * "new since" query (VCSA lists every backup id it retains). 0 by default.
   */
  readonly idleBytesPerHistorySession?: number;
}

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

/** A clock the suite moves by hand. */
function manualClock() {
  let t = T0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const metric = (s: Session | undefined): number => s?.progress.percent ?? s?.progress.completed ?? -1;

export function describeConnectorConformance(name: string, harness: ConformanceHarness): void {
  describe(`${name} connector conformance`, () => {
    const clock = manualClock();
    let rig: ConformanceRig;
    const connectors: Connector[] = [];
    const connect = (options?: { password?: string }): Connector => {
      const c = rig.makeConnector(options);
      connectors.push(c);
      return c;
    };

    beforeAll(async () => {
      rig = await harness.start({ historySize: 1000, now: clock.now, seed: 11 });
    });
    afterAll(async () => {
      await Promise.all(connectors.map((c) => c.close()));
      await rig.close();
    });

    it('names its vendor', () => {
      expect(connect().vendor).toBe(harness.vendor);
    });

    it('first poll reads a bounded window of recent history, newest included', async () => {
      const driver = createPollDriver(connect());
      const batch = await driver.poll();
      const newest = rig.scenario.sessions().at(-1);
      expect(batch.sessions.length).toBeGreaterThan(0);
      expect(batch.sessions.length).toBeLessThan(1000);
      expect(driver.sessions.has(newest!.id)).toBe(true);
    });

    it('an idle poll after the first reads nothing new and costs a small, fixed number of requests', async () => {
      const driver = createPollDriver(connect());
      await driver.poll();
      rig.simulator.resetStats();
      const batch = await driver.poll();
      expect(batch.sessions.filter((s) => !isActiveStatus(s.status))).toEqual([]);
      expect(rig.simulator.stats.requests).toBeGreaterThan(0);
      expect(rig.simulator.stats.requests).toBeLessThanOrEqual(4);
    });

    it('a new session appears, progresses and finishes', async () => {
      const driver = createPollDriver(connect());
      await driver.poll();
      const run = rig.scenario.startRun(rig.jobId);
      await driver.poll();
      expect(driver.sessions.get(run.id)?.status).toMatch(/^(queued|running)$/);

      const durationMs = rig.scenario.job(rig.jobId)!.durationMs;
      const before = metric(driver.sessions.get(run.id));
      // Step through the run until the connector reports more done (resources finish one by one).
      for (let i = 0; i < 12 && metric(driver.sessions.get(run.id)) <= before && rig.scenario.session(run.id)?.endedAt === null; i++) {
        clock.advance(durationMs / 12);
        await driver.poll();
      }
      expect(metric(driver.sessions.get(run.id))).toBeGreaterThan(before);

      rig.scenario.finishRun(run.id, 'succeeded');
      await driver.poll();
      expect(driver.sessions.get(run.id)?.status).toBe('succeeded');
      expect(driver.sessions.get(run.id)?.end).not.toBeNull();
    });

    it('a session fails', async () => {
      const driver = createPollDriver(connect());
      await driver.poll();
      rig.scenario.failNext(rig.jobId);
      const run = rig.scenario.startRun(rig.jobId);
      await driver.poll();
      clock.advance(rig.scenario.job(rig.jobId)!.durationMs * 2);
      expect(rig.scenario.session(run.id)?.state).toBe('failed');
      await driver.poll();
      expect(driver.sessions.get(run.id)?.status).toBe('failed');
    });

    it('logs in again once when the session expires', async () => {
      const driver = createPollDriver(connect());
      await driver.poll();
      rig.expireSessions();
      const before = rig.logins();
      await driver.poll();
      expect(rig.logins() - before).toBe(1);
    });

    it('reports auth_failed for a wrong password, and when re-login after expiry fails', async () => {
      await expect(connect({ password: 'wrong password' }).authenticate()).rejects.toMatchObject({ kind: 'auth_failed' });
      const connector = connect();
      const driver = createPollDriver(connector);
      await driver.poll();
      rig.changePassword('rotated by the admin');
      rig.expireSessions();
      try {
        await expect(driver.poll()).rejects.toMatchObject({ kind: 'auth_failed' });
      } finally {
        rig.changePassword(RIG_PASSWORD);
      }
    });

    it('answers a malformed body with ConnectorError malformed', async () => {
      const driver = createPollDriver(connect());
      await driver.poll();
      rig.simulator.faults.once('malformed');
      await expect(driver.poll()).rejects.toMatchObject({ name: 'ConnectorError', kind: 'malformed' });
      rig.simulator.faults.once('truncate');
      await expect(driver.poll()).rejects.toMatchObject({ kind: 'malformed' });
      await expect(driver.poll()).resolves.toBeDefined();
    });

    it('reports unreachable while the appliance is down, and recovers', async () => {
      const driver = createPollDriver(connect());
      await driver.poll();
      await rig.simulator.setDown(true);
      try {
        await expect(driver.poll()).rejects.toMatchObject({ kind: 'unreachable' });
      } finally {
        await rig.simulator.setDown(false);
      }
      await expect(driver.poll()).resolves.toBeDefined();
    });

    // Last: it changes the simulator's certificate for good.
    it('refuses a changed certificate as untrusted_certificate', async () => {
      const driver = createPollDriver(connect());
      await driver.poll();
      await rig.simulator.rotateCertificate();
      await expect(driver.poll()).rejects.toMatchObject({ kind: 'untrusted_certificate' });
    });
  });

  describeVanishedSession(name, harness);
  describeOlderSessions(name, harness);

  describe(`${name} idle poll cost`, () => {
    it('does not grow with history size (100 vs 10,000 sessions)', async () => {
      const cost = async (historySize: number) => {
        const clock = manualClock();
        const rig = await harness.start({ historySize, now: clock.now, seed: 5 });
        const connector = rig.makeConnector();
        try {
          const driver = createPollDriver(connector);
          await driver.poll();
          rig.simulator.resetStats();
          await driver.poll();
          return { requests: rig.simulator.stats.requests, bytes: rig.simulator.stats.bytes };
        } finally {
          await connector.close();
          await rig.close();
        }
      };
      const small = await cost(100);
      const large = await cost(10_000);
      expect(large.requests).toBe(small.requests);
      // Only counters such as `total` may differ by a few digits, plus what the API forces per record.
      const allowance = (harness.idleBytesPerHistorySession ?? 0) * (10_000 - 100);
      expect(large.bytes).toBeLessThanOrEqual(small.bytes * 1.02 + 64 + allowance);
    });
  });
}

/** The password every harness's simulator starts with (so the suite can restore it). */
export const RIG_PASSWORD = 'conformance-Passw0rd';
