/**
 * One app core for the shell's whole life while its source changes underneath: when the
 * configuration starts or stops naming a team server (saved here, by the CLI or another window),
 * the core of the other kind takes over and every window hears the new state at once. Listeners
 * subscribe here once; a relay passes on the events of whichever core is current.
 */
import { anyOf, Emitter, Relay } from '../../common/event.js';
import { REQUEST_CHANNELS, type IpcHandlers } from '../../common/ipc-channels.js';
import type { ConfigStore } from '../config/config-store.js';
import { listenerFailure, type Logger } from '../logger.js';
import type { AppCore, CoreEvent } from './app-core-port.js';

/** Sessions a window is sent when the source changes (its own first read asks for as many). */
const SESSIONS_ON_SWITCH = 5_000;

export interface SwitchingCoreOptions {
  readonly config: ConfigStore;
  readonly log: Logger;
  /** Builds the core for the configuration as it is now. */
  build(): AppCore;
  /** What identifies the source: null for the appliances, the server's entry otherwise. */
  sourceKey(): string | null;
}

export function createSwitchingCore(options: SwitchingCoreOptions): AppCore {
  const { config, log } = options;
  const relay = new Relay<CoreEvent>(listenerFailure(log, 'app core'));
  // What the switch itself tells every window after a switch.
  const announced = new Emitter<CoreEvent>({ onListenerError: listenerFailure(log, 'app core') });
  let started = false;
  let closed = false;

  let key = options.sourceKey();
  let current = options.build();
  relay.input = current.events;

  let switching: Promise<void> = Promise.resolve();
  const reconsider = (): Promise<void> =>
    (switching = switching.then(async () => {
      if (closed || options.sourceKey() === key) return;
      key = options.sourceKey();
      const old = current;
      current = options.build();
      relay.input = current.events;
      if (started) current.start();
      log.info(key === null ? 'This desktop watches its own appliances again.' : 'This desktop now reads a Backwatch server.');
      await old.close();
      const [snapshot, sessions] = await Promise.all([
        current.snapshot(),
        current.handlers['sessions:list']({ limit: SESSIONS_ON_SWITCH }),
      ]);
      announced.fire({ type: 'status:changed', payload: snapshot });
      announced.fire({ type: 'sessions:changed', payload: { reset: true, upserted: sessions, removed: [] } });
      announced.fire({ type: 'settings:changed', payload: config.read().settings });
    }));
  const offConfig = config.onChange(
    () => void reconsider().catch((e: unknown) => log.error('Switching the source failed', { error: String(e) })),
  );

  // A save made through these handlers (adding or removing the server) is not an outside change.
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      async (arg: unknown) => {
        const result = await (current.handlers[channel] as (arg: unknown) => Promise<unknown>)(arg);
        await reconsider();
        return result;
      },
    ]),
  ) as unknown as IpcHandlers;

  return {
    handlers,
    events: anyOf(relay.event, announced.event),
    snapshot: () => current.snapshot(),
    fleet: () => current.fleet(),
    objects: () => current.objects(),
    httpStats: (id) => current.httpStats(id),
    start() {
      started = true;
      current.start();
    },
    async close() {
      closed = true;
      offConfig();
      await switching.catch(() => undefined);
      relay.dispose();
      announced.dispose();
      await current.close();
    },
  };
}
