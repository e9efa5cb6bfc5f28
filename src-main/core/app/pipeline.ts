/**
 * The path from an appliance's answer to the tray and the notification, as named stages
 * (docs/architecture.md draws it with its files):
 *
 *   1 Connector.read        the vendor's connector reads jobs and sessions    core/connectors/
 *   2 pollOnce              one poll of one appliance                         core/poller/appliance-poll.ts
 *   3 detectChanges         what changed since the poll before                common/changes.ts
 *   4 buildStatusSnapshot   the fleet's status, from the update given         core/services/status-publisher.ts
 *     planNotifications     with the ledger: what deserves a notice, once     core/notification-ledger.ts
 *   5 trayModel             what the tray shows                               common/tray-model.ts
 *   6 render or notify      the shell                                         electron/shell-feed.ts
 *
 * Stages 1 to 3 run inside the monitor, which sends one update per poll; this file sends each
 * update down both branches of stage 4 onto the app core's one event stream, where stages 5 and 6
 * (the shell's) listen. A team server's desktop joins at stage 4 with the server's change events.
 */
import { describeChangeEvent, eventsToTell } from '../../common/change-text.js';
import type { Emitter, Event, Unsubscribe } from '../../common/event.js';
import type { Notice } from '../../common/notification-policy.js';
import type { ChangeEvent } from '../../common/snapshot.js';
import type { Logger } from '../logger.js';
import type { NotificationLedger } from '../notification-ledger.js';
import type { MonitorUpdate } from '../poller/monitor-types.js';
import type { CoreEvent } from './app-core-port.js';

export interface PollPipeline {
  /** Stages 1 to 3: the monitor's updates. */
  readonly polls: Event<MonitorUpdate>;
  /** Stage 4, the status branch: the windows' sessions and status, built from the update given. */
  readonly status: { accept(update: MonitorUpdate): void };
  /** Stage 4, the notification branch: `planNotifications` with what was notified before. */
  readonly ledger: Pick<NotificationLedger, 'record'>;
  /** The app core's event stream, where the shell listens (stages 5 and 6). */
  readonly out: Emitter<CoreEvent>;
  readonly log: Logger;
  /** The name of a configured appliance, for the log. */
  readonly applianceName: (applianceId: string) => string;
  /** Housekeeping after each poll (the history's daily prune). */
  readonly afterPoll: () => void;
}

/** Sends every poll's update down the stages; the result stops it. */
export function runPollPipeline(stages: PollPipeline): Unsubscribe {
  const { out, log } = stages;
  return stages.polls((update) => {
    out.fire({ type: 'poll', payload: update });
    stages.status.accept(update);
    // The log file is the admin's record of what happened: every change and every notice, one line each.
    for (const change of eventsToTell(update.changes)) log.info(`Change: ${describeChangeEvent(change, stages.applianceName)}`);
    tellChanges(out, update.changes);
    tellNotices(out, log, stages.ledger.record(update));
    stages.afterPoll();
  });
}

/** Tells a round's change events, when there are any. */
export function tellChanges(out: Emitter<CoreEvent>, changes: readonly ChangeEvent[]): void {
  if (changes.length > 0) out.fire({ type: 'changes', payload: changes });
}

/** Logs each notice, one line each, and tells it. */
export function tellNotices(out: Emitter<CoreEvent>, log: Logger, notices: Iterable<Notice>): void {
  for (const notice of notices) {
    log.info(`Notified: ${notice.title} — ${notice.body}`);
    out.fire({ type: 'notice', payload: notice });
  }
}
