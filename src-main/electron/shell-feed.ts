/**
 * Stages 5 and 6 of the pipeline (see core/app/pipeline.ts): the app core's one event stream feeds
 * the desktop. Each status becomes the tray's model and is drawn; each notice is shown; the
 * window's events go to the window. The tray has this one feed: a redraw without a new status
 * (a menu toggle, an update ready, the clock moving on) draws the last status pushed again.
 */
import { on, type Event, type Unsubscribe } from '../common/event.js';
import { isWindowEvent } from '../common/ipc-channels.js';
import type { WindowEvent } from '../common/ipc-contract.js';
import type { StatusSnapshot } from '../common/snapshot.js';
import { trayModel, type TrayModelOptions } from '../common/tray-model.js';
import type { CoreEvent } from '../core/app/app-core-port.js';
import type { Notifier } from './notifier.js';
import type { TrayView } from './tray.js';

export interface ShellFeedOptions {
  readonly events: Event<CoreEvent>;
  readonly tray: Pick<TrayView, 'render'>;
  readonly notifier: Pick<Notifier, 'notify'>;
  /** What the tray shows beside the status (login item, update), as it stands now. */
  readonly trayOptions: () => TrayModelOptions;
  /** Sends an event to the window. */
  readonly toWindow: (event: WindowEvent) => void;
  readonly now: () => number;
}

export interface ShellFeed {
  /** Draws the tray again from the last status (nothing before the first one arrives). */
  redraw(): void;
  stop: Unsubscribe;
}

export function feedShell(options: ShellFeedOptions): ShellFeed {
  let last: StatusSnapshot | null = null;
  const redraw = () => {
    if (last) options.tray.render(trayModel(last, options.now(), options.trayOptions()));
  };
  const offs = [
    options.events((event) => {
      if (isWindowEvent(event)) options.toWindow(event);
    }),
    on(options.events, 'status:changed', (snapshot) => {
      last = snapshot;
      redraw();
    }),
    on(options.events, 'notice', (notice) => options.notifier.notify(notice)),
  ];
  return { redraw, stop: () => offs.forEach((off) => off()) };
}
