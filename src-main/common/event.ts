/**
 * The one event primitive (after VS Code's base/common/event.ts): an `Event<T>` is a subscribe
 * function that returns its unsubscribe; an `Emitter<T>` fires one to its listeners; a `Relay<T>`
 * is a re-pluggable pipe whose listeners stay while its `input` is swapped (the app core's source
 * switch). One error policy everywhere: a listener that throws is reported and the others still hear.
 */

/** Ends a subscription; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** Subscribes a listener; the result unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => Unsubscribe;

export interface EmitterOptions {
  /** Told about a listener that threw (the log); the remaining listeners are called all the same. */
  readonly onListenerError: (error: unknown) => void;
  /** The first listener arrived: a pipe can start listening upstream only now. */
  readonly onFirstListener?: () => void;
  /** The last listener left. */
  readonly onLastListenerRemoved?: () => void;
}

export class Emitter<T> {
  private readonly listeners = new Set<{ readonly call: (value: T) => void }>();
  private disposed = false;

  constructor(private readonly options: EmitterOptions) {}

  /** What listeners subscribe to. */
  readonly event: Event<T> = (listener) => {
    if (this.disposed) return () => undefined;
    // A wrapper per subscription: the same function subscribed twice is called twice, removed once each.
    const entry = { call: listener };
    this.listeners.add(entry);
    if (this.listeners.size === 1) this.options.onFirstListener?.();
    return () => {
      if (this.listeners.delete(entry) && this.listeners.size === 0) this.options.onLastListenerRemoved?.();
    };
  };

  /** Calls every listener subscribed now; one that throws does not keep the value from the others. */
  fire(value: T): void {
    for (const entry of [...this.listeners]) {
      // One that an earlier listener unsubscribed is not called any more.
      if (!this.listeners.has(entry)) continue;
      try {
        entry.call(value);
      } catch (error) {
        this.options.onListenerError(error);
      }
    }
  }

  hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  /** Drops every listener; later subscriptions are ignored. */
  dispose(): void {
    const had = this.listeners.size > 0;
    this.listeners.clear();
    this.disposed = true;
    if (had) this.options.onLastListenerRemoved?.();
  }
}

/** Never fires. */
const NO_EVENT: Event<never> = () => () => undefined;

/**
 * A re-pluggable event pipe: listeners subscribe to `event` once; `input` is the event it passes
 * on, swapped at will. It listens upstream only while it has listeners of its own.
 */
export class Relay<T> {
  private upstream: Event<T> = NO_EVENT;
  private unsubscribe: Unsubscribe | null = null;
  private readonly emitter: Emitter<T>;
  readonly event: Event<T>;

  constructor(onListenerError: (error: unknown) => void) {
    this.emitter = new Emitter<T>({
      onListenerError,
      onFirstListener: () => (this.unsubscribe = this.upstream((value) => this.emitter.fire(value))),
      onLastListenerRemoved: () => {
        this.unsubscribe?.();
        this.unsubscribe = null;
      },
    });
    this.event = this.emitter.event;
  }

  set input(event: Event<T>) {
    this.upstream = event;
    if (this.unsubscribe === null) return;
    this.unsubscribe();
    this.unsubscribe = event((value) => this.emitter.fire(value));
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** A stream of `{ type, payload }` values, as the app core sends them. */
export interface Typed {
  readonly type: string;
  readonly payload: unknown;
}

/** Listens to the values of one type in a typed stream, with their payload. */
export function on<E extends Typed, K extends E['type']>(
  events: Event<E>,
  type: K,
  listener: (payload: Extract<E, { type: K }>['payload']) => void,
): Unsubscribe {
  return events((value) => {
    if (value.type === type) listener(value.payload as Extract<E, { type: K }>['payload']);
  });
}

/** One event that carries what each of `events` fires; subscribing subscribes to all of them. */
export function anyOf<T>(...events: readonly Event<T>[]): Event<T> {
  return (listener) => {
    const offs = events.map((event) => event(listener));
    return () => offs.forEach((off) => off());
  };
}
