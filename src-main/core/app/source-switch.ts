/**
 * One app core for the shell's whole life while its source changes underneath: when the
 * configuration starts or stops naming a team server (saved here, by the CLI or another window),
 * the core of the other kind takes over and every window hears the new state at once. Listeners
 * subscribe here once; each inner core is wired to them while it is the current one.
 */
import { REQUEST_CHANNELS, type IpcHandlers } from '../../common/ipc-channels.js';
import type { Notice } from '../../common/notification-policy.js';
import type { ChangeEvent } from '../../common/snapshot.js';
import type { AppCore } from './app-core.js';
import type { ConfigStore } from '../config/config-store.js';
import type { Logger } from '../logger.js';
import type { MonitorUpdate } from '../poller/monitor-types.js';
import type { ServiceEventListener } from '../services/services.js';

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
  const events = new Set<ServiceEventListener>();
  const notices = new Set<(notice: Notice) => void>();
  const changes = new Set<(changes: readonly ChangeEvent[]) => void>();
  const polls = new Set<(update: MonitorUpdate) => void>();
  let started = false;
  let closed = false;

  const wire = (core: AppCore) => [
    core.subscribe((event, payload) => events.forEach((l) => l(event, payload))),
    core.onNotice((notice) => notices.forEach((l) => l(notice))),
    core.onChanges((batch) => changes.forEach((l) => l(batch))),
    core.onPoll((update) => polls.forEach((l) => l(update))),
  ];
  let key = options.sourceKey();
  let current = options.build();
  let unwire = wire(current);

  let switching: Promise<void> = Promise.resolve();
  const reconsider = (): Promise<void> =>
    (switching = switching.then(async () => {
      if (closed || options.sourceKey() === key) return;
      key = options.sourceKey();
      const old = current;
      unwire.forEach((off) => off());
      current = options.build();
      unwire = wire(current);
      if (started) current.start();
      log.info(key === null ? 'This desktop watches its own appliances again.' : 'This desktop now reads a Backwatch server.');
      await old.close();
      const [snapshot, sessions] = await Promise.all([
        current.snapshot(),
        current.handlers['sessions:list']({ limit: SESSIONS_ON_SWITCH }),
      ]);
      events.forEach((l) => {
        l('status:changed', snapshot);
        l('sessions:changed', { reset: true, upserted: sessions, removed: [] });
        l('settings:changed', config.read().settings);
      });
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

  const add =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };

  return {
    handlers,
    subscribe: add(events),
    onNotice: add(notices),
    onChanges: add(changes),
    onPoll: add(polls),
    snapshot: () => current.snapshot(),
    fleet: () => current.fleet(),
    httpStats: (id) => current.httpStats(id),
    start() {
      started = true;
      current.start();
    },
    async close() {
      closed = true;
      offConfig();
      await switching.catch(() => undefined);
      unwire.forEach((off) => off());
      await current.close();
    },
  };
}
