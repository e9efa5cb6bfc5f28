/**
 * Shows the notification policy's `Notice`s as native notifications. Which events deserve one,
 * and in what words, is decided in src-main/common/notification-policy.ts; a click opens the
 * window at the notice's target.
 */
import { Notification } from 'electron';
import type { Notice, NoticeTarget } from '../common/notification-policy.js';

/** The notifier port. */
export interface Notifier {
  notify(notice: Notice): void;
  /** A plain message for the admin (e.g. the config file was damaged); a click opens the window. */
  message(title: string, body: string): void;
}

export interface ElectronNotifierOptions {
  /** Opens the window, on the target when there is one. */
  readonly onClick: (target: NoticeTarget) => void;
  readonly iconPath?: string;
}

export function createElectronNotifier(opts: ElectronNotifierOptions): Notifier & { readonly supported: boolean } {
  const supported = Notification.isSupported();
  // Electron drops a notification's click handler when the object is garbage-collected:
  // keep each one until it is clicked or closed.
  const alive = new Set<Notification>();
  const show = (title: string, body: string, target: NoticeTarget) => {
    if (!supported) return;
    const notification = new Notification({ title, body, ...(opts.iconPath ? { icon: opts.iconPath } : {}) });
    alive.add(notification);
    notification.on('click', () => {
      alive.delete(notification);
      opts.onClick(target);
    });
    notification.on('close', () => alive.delete(notification));
    notification.show();
  };
  return {
    supported,
    notify(notice) {
      show(notice.title, notice.body, notice.target);
    },
    message(title, body) {
      show(title, body, null);
    },
  };
}
