/** A coarse "now" for relative times ("3 min ago"): ticking every few seconds is plenty. */
export class Clock {
  #now = $state(Date.now());

  get now(): number {
    return this.#now;
  }

  /** Starts ticking; returns the stop function. */
  start(intervalMs = 10_000): () => void {
    const timer = setInterval(() => (this.#now = Date.now()), intervalMs);
    return () => clearInterval(timer);
  }
}
