/**
 * The timer port of the poller: real timers in the product, a fake one that tests move by hand,
 * so what happens over hours of polling is tested in milliseconds.
 */

/** An opaque timer handle, given back to `clearTimeout`. */
export type TimerHandle = unknown;

export interface Scheduler {
  /** Calls `callback` once, `delayMs` from now (as read from the clock the poller is given). */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers; they never keep the process alive on their own (the CLI exits when its work is done). */
export const realScheduler: Scheduler = {
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref?.();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
