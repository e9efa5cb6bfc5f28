/**
 * A process that runs the demo holds a lock beside the config file while it does, so that another
 * process (a CLI command beside the desktop app) tells that demo's appliances from the ones a
 * process that ended without leaving its demo left behind. A holder that died goes stale.
 */
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** The holder refreshes the lock twice in this time; a lock older than it belongs to a dead process. */
const DEMO_STALE_MS = 10_000;

const lockedFile = (configFile: string) => path.join(path.dirname(configFile), 'demo-running');

/** Holds the demo's lock; resolves to its release, or to null where another process holds it. */
export async function holdDemoLock(configFile: string): Promise<(() => Promise<void>) | null> {
  try {
    return await lockfile.lock(lockedFile(configFile), {
      realpath: false,
      stale: DEMO_STALE_MS,
      update: DEMO_STALE_MS / 2,
      // The demo goes on without its lock: at worst another command removes its appliances.
      onCompromised: () => undefined,
    });
  } catch {
    return null;
  }
}

/** Whether a live process holds the demo's lock for this config folder. */
export function demoRunsElsewhere(configFile: string): Promise<boolean> {
  return lockfile.check(lockedFile(configFile), { realpath: false, stale: DEMO_STALE_MS }).catch(() => false);
}
