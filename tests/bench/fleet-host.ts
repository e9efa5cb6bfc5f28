/**
 * Hosts a large simulated fleet in its own process, so the benchmark's CPU and heap figures are
 * Backwatch's alone. Prints the appliances as one JSON line; on stdin, `reset` zeroes the request
 * counters and `stats` prints them as one JSON line; it stops when its stdin closes.
 * Usage: tsx tests/bench/fleet-host.ts COUNT SESSIONS LATENCY_MS
 */
import { createInterface } from 'node:readline';
import { DEMO_VENDORS, startDemoSimulator, type DemoSimulator } from '../../src-main/demo/fleet.js';
import { makeSelfSignedCertificate } from '../../src-main/demo/sim/sim-certificate.js';

const [count = 200, sessions = 2000, latencyMs = 50] = process.argv.slice(2).map(Number);
const certificate = await makeSelfSignedCertificate('bench-fleet.backwatch.local');
const simulators: DemoSimulator[] = [];
for (let i = 0; i < count; i++) {
  const vendor = DEMO_VENDORS[i % DEMO_VENDORS.length]!;
  const sim = await startDemoSimulator(vendor, { historySize: sessions, tempo: 1, seed: 100 + i, certificate, label: `#${i + 1}` });
  sim.server.faults.set({ latencyMs });
  simulators.push(sim);
}
process.stdout.write(`${JSON.stringify(simulators.map((s) => s.appliance))}\n`);
const commands = createInterface({ input: process.stdin });
commands.on('line', (command) => {
  if (command === 'reset') for (const s of simulators) s.server.resetStats();
  if (command === 'stats') {
    const totals = simulators.reduce(
      (t, s) => ({ requests: t.requests + s.server.stats.requests, bytes: t.bytes + s.server.stats.bytes }),
      { requests: 0, bytes: 0 },
    );
    process.stdout.write(`${JSON.stringify(totals)}\n`);
  }
});
commands.on('close', () => {
  void Promise.all(simulators.map((s) => s.close())).then(() => process.exit(0));
});
