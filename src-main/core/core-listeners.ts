/**
 * Who listens to an app core's change events and notices (the shell's notifier, the CLI's watch,
 * the team API), whichever source the core reads; notices are logged here, one line each.
 */
import type { Notice } from '../common/notification-policy.js';
import type { ChangeEvent } from '../common/snapshot.js';
import type { Logger } from './logger.js';

export interface CoreListeners {
  /** Tells the change listeners, when there are changes. */
  changed(changes: readonly ChangeEvent[]): void;
  /** Logs each notice and tells the notice listeners. */
  notify(notices: Iterable<Notice>): void;
  onNotice(listener: (notice: Notice) => void): () => void;
  onChanges(listener: (changes: readonly ChangeEvent[]) => void): () => void;
}

export function createCoreListeners(log: Logger): CoreListeners {
  const notices = new Set<(notice: Notice) => void>();
  const changes = new Set<(changes: readonly ChangeEvent[]) => void>();
  return {
    changed(list) {
      if (list.length > 0) for (const listener of changes) listener(list);
    },
    notify(list) {
      for (const notice of list) {
        log.info(`Notified: ${notice.title} — ${notice.body}`);
        for (const listener of notices) listener(notice);
      }
    },
    onNotice(listener) {
      notices.add(listener);
      return () => void notices.delete(listener);
    },
    onChanges(listener) {
      changes.add(listener);
      return () => void changes.delete(listener);
    },
  };
}
