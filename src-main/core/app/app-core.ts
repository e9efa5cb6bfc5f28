/**
 * The app core a shell runs (the desktop app, the browser harness, the CLI, `backwatch serve`):
 * over this process's own appliances, or, when the configuration names a Backwatch server, over
 * that server's state; it follows the configuration when that changes.
 */
import type { AppCore, AppCoreOptions } from './app-core-port.js';
import { createApplianceCore } from './appliance-core.js';
import { createSwitchingCore } from './source-switch.js';
import { createTeamAppCore } from './team-core.js';

export type { AppCore, AppCoreOptions, CoreEvent, DemoApplianceSpec } from './app-core-port.js';

export function createAppCore(options: AppCoreOptions): AppCore {
  const sourceOf = () => options.config.read().teamServer;
  return createSwitchingCore({
    config: options.config,
    log: options.log,
    build() {
      const source = sourceOf();
      return source ? createTeamAppCore({ ...options, source }) : createApplianceCore(options);
    },
    sourceKey: () => {
      const source = sourceOf();
      return source ? JSON.stringify(source) : null;
    },
  });
}
