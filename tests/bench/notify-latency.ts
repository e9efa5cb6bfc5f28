/** From a session failing on the appliance to Backwatch raising the notification, with fast polling. */
import { on } from '../../src-main/common/event.js';
import type { Vendor } from '../../src-main/common/model.js';
import type { Notice } from '../../src-main/common/notification-policy.js';
import { startDemoFleet } from '../../src-main/demo/fleet.js';
import { throwawayCore } from '../support/throwaway-core.js';

const ACTIVE_POLL_SEC = 2;

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Median latency over `trials` failures, each at a random moment of the poll interval (a failure
 * right after a poll waits a whole interval, one right before it almost none); the worst is kept too.
 */
export async function measureNotifyLatency(
  vendor: Vendor = 'spp',
  trials = 3,
): Promise<{ latencyMs: number; worstMs: number; intervalMs: number }> {
  const fleet = await startDemoFleet({ vendors: [vendor], tempo: 1, historySize: 100 });
  const { core, close } = await throwawayCore({
    settings: { pollIntervalSec: 5, activePollIntervalSec: ACTIVE_POLL_SEC },
    startDemoFleet: async () => fleet.appliances,
  });
  const notices: { at: number; notice: Notice }[] = [];
  on(core.events, 'notice', (notice) => notices.push({ at: Date.now(), notice }));
  try {
    await core.handlers['app:start-demo']();
    core.start();
    await core.handlers['appliances:refresh']();
    const { scenario } = fleet.simulators[0]!;
    const latencies: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const run = scenario.startRun(scenario.jobs()[trial % scenario.jobs().length]!.id);
      await until(
        async () =>
          (await core.handlers['sessions:list']({ statuses: ['running', 'queued'] })).some((s) => s.id === run.id) ? true : undefined,
        20_000,
      );
      await new Promise((r) => setTimeout(r, Math.random() * ACTIVE_POLL_SEC * 1000));
      const failedAt = Date.now();
      scenario.finishRun(run.id, 'failed');
      const seen = await until(() => notices.find((n) => n.notice.keys.some((k) => k.includes(run.id))), 20_000);
      latencies.push(seen.at - failedAt);
    }
    latencies.sort((a, b) => a - b);
    return { latencyMs: latencies[Math.floor(latencies.length / 2)]!, worstMs: latencies.at(-1)!, intervalMs: ACTIVE_POLL_SEC * 1000 };
  } finally {
    await close();
    await fleet.close();
  }
}
