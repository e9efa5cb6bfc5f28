/**
 * The notification ledger: turns each poll's change events into the desktop notices to show, and
 * remembers across restarts what it did, so that every event is notified once (the ledger of keys),
 * events held during quiet hours, a pause or a maintenance window come out later as one digest, and each appliance's
 * last good poll (the restart watermark) lets failures that happened while Backwatch was closed
 * still be reported once.
 */
import { scopeOpenUntil, windowsOpenAt } from '../common/maintenance.js';
import { planNotifications, type Notice } from '../common/notification-policy.js';
import type { Settings } from '../common/settings.js';
import type { ChangeEvent } from '../common/snapshot.js';
import type { HistoryStore } from './history/history-store.js';
import type { Logger } from './logger.js';
import { cronWindows } from './maintenance/cron-starts.js';
import type { MonitorUpdate } from './poller/monitor-types.js';

/** Where the ledger keeps what it did: the history database (or a view of it that writes nowhere). */
export type LedgerMemory = Pick<HistoryStore, 'notifiedAmong' | 'markNotified' | 'held' | 'setHeld' | 'watermark' | 'setWatermark'>;

/** Only a watermark older than this is rewritten: the memory file is not touched on every poll. */
export const WATERMARK_STEP_MS = 60_000;

export interface NotificationLedgerDeps {
  readonly memory: LedgerMemory;
  readonly settings: () => Settings;
  readonly now: () => number;
  /** Minutes since local midnight of an epoch time (quiet hours). */
  readonly localMinutes: (epochMs: number) => number;
  /** The name of a configured appliance, for digests that span several. */
  readonly applianceName: (applianceId: string) => string | undefined;
  readonly log: Logger;
}

export interface NotificationLedger {
  /** The notices one poll's update deserves, already recorded as notified. */
  record(update: MonitorUpdate): readonly Notice[];
  /**
   * The notices of change events another process detected (a team server's), recorded as notified;
   * with no events it lets out what quiet hours or a pause held back, once they are over.
   */
  recordChanges(changes: readonly ChangeEvent[]): readonly Notice[];
  /** The last good poll of an appliance in an earlier run, or null. */
  watermark(applianceId: string): string | null;
}

interface Watermark {
  readonly applianceId: string;
  readonly at: string;
}

function sameHeld(a: readonly ChangeEvent[], b: readonly ChangeEvent[]): boolean {
  return a.length === b.length && a.every((event, i) => event.key === b[i]?.key);
}

export function createNotificationLedger(deps: NotificationLedgerDeps): NotificationLedger {
  const { memory } = deps;

  /** The last good poll of an earlier run; unreadable, none (the first poll then compares with the history). */
  const storedWatermark = (applianceId: string): string | null => {
    try {
      return memory.watermark(applianceId);
    } catch {
      return null;
    }
  };

  /** The watermark to store for this poll, or null when the stored one is recent enough. */
  const movedWatermark = (update: MonitorUpdate): string | null => {
    const good = update.appliance.health.lastGoodPoll;
    const stored = storedWatermark(update.appliance.appliance.id);
    if (good === null) return null;
    return !stored || Date.parse(good) - Date.parse(stored) >= WATERMARK_STEP_MS ? good : null;
  };

  const persist = (watermark: Watermark | null, notifiedKeys: readonly string[], held: readonly ChangeEvent[]) => {
    if (notifiedKeys.length > 0) memory.markNotified(notifiedKeys, new Date(deps.now()).toISOString());
    if (!sameHeld(held, memory.held())) memory.setHeld(held);
    if (watermark !== null) memory.setWatermark(watermark.applianceId, watermark.at);
  };

  /** What was held and notified before; unreadable, nothing was: better a notice twice than none. */
  const remembered = (events: readonly ChangeEvent[]) => {
    try {
      const held = memory.held();
      return { held, ledger: memory.notifiedAmong([...events, ...held].map((event) => event.key)) };
    } catch (error) {
      deps.log.error(`Could not read the notification state: ${(error as Error).message}`);
      return { held: [], ledger: new Set<string>() };
    }
  };

  const plan = (events: readonly ChangeEvent[], watermark: Watermark | null, applianceName: (id: string) => string) => {
    const { held, ledger } = remembered(events);
    const settings = deps.settings();
    const now = deps.now();
    const open = windowsOpenAt(settings.maintenanceWindows, now, cronWindows);
    const planned = planNotifications({
      events,
      settings,
      ledger,
      held,
      now,
      localMinutes: deps.localMinutes,
      applianceName,
      inMaintenance: (applianceId, jobId) => scopeOpenUntil(open, applianceId, jobId) !== null,
    });
    try {
      persist(watermark, planned.notifiedKeys, planned.held);
    } catch (error) {
      // The notices still show; at worst one is repeated after a restart.
      deps.log.error(`Could not save the notification state: ${(error as Error).message}`);
    }
    return planned.notices;
  };

  return {
    record(update) {
      const polled = update.appliance.appliance;
      const moved = movedWatermark(update);
      return plan(update.changes, moved === null ? null : { applianceId: polled.id, at: moved }, (id) =>
        id === polled.id ? polled.name : (deps.applianceName(id) ?? id),
      );
    },
    recordChanges: (changes) => plan(changes, null, (id) => deps.applianceName(id) ?? id),
    watermark: storedWatermark,
  };
}

/**
 * A ledger memory that reads `stored` and keeps its own writes to itself: a CLI run notifies
 * nobody, so it must not mark events as notified for the desktop app.
 */
export function privateLedgerMemory(stored: LedgerMemory): LedgerMemory {
  const notified = new Set<string>();
  const watermarks = new Map<string, string>();
  let held: ChangeEvent[] | null = null;
  return {
    notifiedAmong: (keys) => new Set([...stored.notifiedAmong(keys), ...keys.filter((key) => notified.has(key))]),
    markNotified: (keys) => keys.forEach((key) => notified.add(key)),
    held: () => held ?? stored.held(),
    setHeld: (events) => (held = [...events]),
    watermark: (applianceId) => watermarks.get(applianceId) ?? stored.watermark(applianceId),
    setWatermark: (applianceId, at) => watermarks.set(applianceId, at),
  };
}
