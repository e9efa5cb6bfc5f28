/** The log file is the admin's record: what changed and what was notified, one line each, no secret. */
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/logger.js';
import { startDemoSimulator, type DemoSimulator } from '../../src-main/demo/fleet.js';
import { throwawayCore } from '../support/throwaway-core.js';

let sim: DemoSimulator | undefined;
let app: Awaited<ReturnType<typeof throwawayCore>> | undefined;
afterEach(async () => {
  await app?.close();
  await sim?.close();
});

it('logs every change event and every notification, without the password', async () => {
  sim = await startDemoSimulator('spp', { seed: 5, historySize: 30 });
  const lines: string[] = [];
  app = await throwawayCore({
    log: createLogger((l) => lines.push(`${l.level} ${l.message}`)),
    startDemoFleet: async () => [sim!.appliance],
  });
  const { core } = app;
  expect((await core.handlers['app:start-demo']()).ok).toBe(true);
  await core.handlers['appliances:refresh']();

  const job = sim.scenario.jobs()[0]!;
  const run = sim.scenario.startRun(job.id);
  sim.scenario.finishRun(run.id, 'failed');
  await core.handlers['appliances:refresh']();

  const name = sim.appliance.name;
  expect(lines).toContain(`info Change: session failed: ${job.name} on ${name} (Failed)`);
  // Once: the failure is not said again as a finished session.
  expect(lines.filter((l) => l.includes(job.name) && l.startsWith('info Change:') && l.includes('(Failed)'))).toHaveLength(1);
  expect(lines.filter((l) => l.startsWith('info Notified: Backup failed'))).toHaveLength(1);
  expect(lines.join('\n')).not.toContain(sim.appliance.password);
});
