/**
 * The fault soak: the demo fleet of every vendor under seeded random faults (latency spikes and
 * time-outs, 5xx bursts, dropped connections, truncated and malformed JSON, a 50 MB body, 401
 * storms, an appliance restarting with a new certificate, a skewed appliance clock) while jobs keep
 * failing. Backwatch must keep telling the truth. Bounded to about a minute; `npm run soak -- --long`
 * (SOAK_SECONDS=1800) runs it for 30 minutes.
 */
import { on } from '../../src-main/common/event.js';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import type { Notice } from '../../src-main/common/notification-policy.js';
import { createLogger } from '../../src-main/core/logger.js';
import { DEMO_VENDORS, startDemoSimulator, type DemoSimulator } from '../../src-main/demo/fleet.js';
import { seededRandom } from '../../src-main/demo/sim/seeded-random.js';
import { throwawayCore } from '../support/throwaway-core.js';
import { eventually } from '../support/eventually.js';

const SOAK_MS = Number(process.env.SOAK_SECONDS ?? 45) * 1000;
const random = seededRandom(20261122);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const heapMB = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
// Any process warning is a finding (a MaxListenersExceededWarning means a listener leaks per retry).
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
process.on('warning', onWarning);

let app: Awaited<ReturnType<typeof throwawayCore>> | undefined;
const sims: DemoSimulator[] = [];
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('warning', onWarning);
  await app?.close();
  await Promise.all(sims.map((s) => s.close()));
});

/** One random fault of the seeded mix, on one appliance. */
function injectFault(sim: DemoSimulator): string {
  const pick = random();
  if (pick < 0.15) return (sim.server.faults.once('error5xx', 3), '5xx burst');
  if (pick < 0.3) return (sim.server.faults.once('drop', 2), 'dropped connections');
  if (pick < 0.42) return (sim.server.faults.once('malformed', 1), 'malformed JSON');
  if (pick < 0.54) return (sim.server.faults.once('truncate', 1), 'truncated JSON');
  if (pick < 0.62) return (sim.server.faults.once('hang', 1), 'time-out');
  if (pick < 0.72) return (sim.server.faults.set({ latencySpikeRate: 0.3, latencySpikeMs: 1500 }), 'latency spikes');
  if (pick < 0.8) return (sim.expireSessions(), '401 storm');
  // A storm that also finds the token (login) endpoint rate-limited, as VB365's is since v6.
  if (pick < 0.88)
    return (
      sim.expireSessions(),
      sim.server.faults.once('throttle', 2, sim.appliance.vendor === 'vb365' ? '/Token' : 'session'),
      '401 storm + 429 on login'
    );
  return (sim.server.faults.once('huge', 1), '50 MB body');
}

it('keeps telling the truth under faults', { timeout: SOAK_MS + 150_000 }, async () => {
  // Each appliance's clock is skewed by up to ±3 minutes: its timestamps are its own.
  for (const [i, vendor] of DEMO_VENDORS.entries()) {
    const skew = (random() - 0.5) * 6 * 60_000;
    sims.push(await startDemoSimulator(vendor, { seed: 40 + i, historySize: 200, tempo: 600, now: () => Date.now() + skew }));
  }
  const logLines: string[] = [];
  app = await throwawayCore({
    settings: { pollIntervalSec: 5, activePollIntervalSec: 2, maxBackoffSec: 10 },
    log: createLogger((l) => logLines.push(`${l.level} ${l.message}`)),
    startDemoFleet: async () => sims.map((s) => s.appliance),
  });
  const { core } = app;
  const notices: Notice[] = [];
  on(core.events, 'notice', (n) => notices.push(n));
  expect((await core.handlers['app:start-demo']()).ok).toBe(true);
  const appliances = await core.handlers['appliances:list']();
  const idOf = new Map(sims.map((s) => [s, appliances.find((a) => a.baseUrl === s.appliance.baseUrl)!.id]));

  // Baseline: every appliance polled once while the simulators' history is what it is now.
  const baselineAt = new Map<DemoSimulator, number>();
  await core.handlers['appliances:refresh']();
  for (const s of sims) baselineAt.set(s, s.scenario.now());
  core.start();
  await sleep(3000);
  const warmHeap = heapMB();

  // Faults while jobs keep failing.
  const faultLog: string[] = [];
  const started = Date.now();
  let rotated: DemoSimulator | null = null;
  while (Date.now() - started < SOAK_MS) {
    const sim = sims[Math.floor(random() * sims.length)]!;
    faultLog.push(`${sim.appliance.vendor}: ${injectFault(sim)}`);
    const job = sim.scenario.jobs()[Math.floor(random() * sim.scenario.jobs().length)]!;
    if (job.activeCount === 0) {
      sim.scenario.failNext(job.id);
      sim.scenario.startRun(job.id);
    }
    if (!rotated && Date.now() - started > SOAK_MS / 2) {
      rotated = sims[0]!;
      await rotated.server.rotateCertificate();
      faultLog.push(`${rotated.appliance.vendor}: restarted with a new certificate`);
    }
    await sleep(1000 + random() * 1000);
  }

  // Faults stop; the appliance with the new certificate must be stopped until trusted again.
  for (const s of sims) s.server.faults.clear();
  await sleep(1500);
  if (rotated) {
    const id = idOf.get(rotated)!;
    await eventually(
      async () => (await core.handlers['appliances:list']()).find((a) => a.id === id)?.health.state === 'untrusted_certificate',
      30_000,
      'the certificate change',
    );
    rotated.server.resetStats();
    await sleep(5000);
    expect(rotated.server.stats.requests).toBe(0);
    expect((await core.handlers['appliances:trust-certificate']({ id, fingerprint256: rotated.server.fingerprint256 })).ok).toBe(true);
  }

  // Let running sessions end, then every appliance must be back to ok.
  for (const s of sims) for (const a of s.scenario.activeSessions()) s.scenario.finishRun(a.id, 'succeeded');
  await eventually(
    async () => (await core.handlers['appliances:list']()).every((a) => a.health.state === 'ok'),
    60_000,
    'every appliance back to ok',
  );
  await core.handlers['appliances:refresh']();
  await core.handlers['appliances:refresh']();

  // Every session the simulators ended as failed after the baseline is notified exactly once.
  const expected = new Set(
    sims.flatMap((s) =>
      s.scenario
        .sessions()
        .filter((x) => x.state === 'failed' && (x.endedAt ?? 0) > baselineAt.get(s)!)
        .map((x) => `failed:${idOf.get(s)}/${x.id}`),
    ),
  );
  const failedKeys = notices.flatMap((n) => n.keys).filter((k) => k.startsWith('failed:'));
  const endHeap = heapMB();
  const figures = {
    seconds: Math.round((Date.now() - started) / 1000),
    faults: faultLog.length,
    served: Object.fromEntries(
      Object.keys(sims[0]!.server.faults.served).map((k) => [
        k,
        sims.reduce((n, s) => n + s.server.faults.served[k as keyof typeof s.server.faults.served], 0),
      ]),
    ),
    failedSessions: expected.size,
    failureNotifications: failedKeys.length,
    notices: notices.length,
    unhandledRejections: unhandled.length,
    processWarnings: warnings.length,
    warmHeapMB: Math.round(warmHeap * 10) / 10,
    endHeapMB: Math.round(endHeap * 10) / 10,
  };
  console.log(`fault soak: ${JSON.stringify(figures)}`);

  // Warnings are emitted on a later tick: let the last ones arrive.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled).toEqual([]);
  expect(warnings).toEqual([]);
  expect(expected.size).toBeGreaterThan(3);
  expect(new Set(failedKeys).size).toBe(failedKeys.length);
  expect(new Set(failedKeys)).toEqual(expected);
  expect(endHeap).toBeLessThan(warmHeap * 1.1);
  expect(logLines.filter((l) => l.startsWith('error') && l.includes('unexpected'))).toEqual([]);
});
