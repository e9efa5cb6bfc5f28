/**
 * A clock and a scheduler that move only when a test says so: `now` for everything that reads
 * time (simulators, connectors, the monitor) and `scheduler` for the monitor's timers.
 */
import type { Scheduler } from '../../src-main/core/poller/scheduler.js';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

export interface FakeTime {
  readonly now: () => number;
  readonly scheduler: Scheduler;
  /** Moves the clock forward, firing every timer that falls due on the way, each at its own time. */
  advance(ms: number): void;
  /** Delays from now of the timers still pending, soonest first. */
  pending(): number[];
}

export function createFakeTime(start: number): FakeTime {
  let t = start;
  let nextHandle = 1;
  const timers = new Map<number, Timer>();

  function soonestDue(until: number): [number, Timer] | undefined {
    let soonest: [number, Timer] | undefined;
    for (const entry of timers) if (entry[1].at <= until && (!soonest || entry[1].at < soonest[1].at)) soonest = entry;
    return soonest;
  }

  return {
    now: () => t,
    scheduler: {
      setTimeout(callback, delayMs) {
        const handle = nextHandle++;
        timers.set(handle, { at: t + Math.max(0, delayMs), callback });
        return handle;
      },
      clearTimeout(handle) {
        timers.delete(handle as number);
      },
    },
    advance(ms) {
      const end = t + ms;
      for (let due = soonestDue(end); due; due = soonestDue(end)) {
        timers.delete(due[0]);
        t = Math.max(t, due[1].at);
        due[1].callback();
      }
      t = end;
    },
    pending: () => [...timers.values()].map((timer) => timer.at - t).sort((a, b) => a - b),
  };
}
