/**
 * The window's side of the IPC contract over a WebSocket (browser mode and the test harness).
 * Requests carry ids so answers can arrive in any order; the socket reconnects with a back-off,
 * and requests made while it is down wait for the next connection.
 */
import { backoffDelayMs } from '../../src-main/common/backoff.js';
import type { ClientTransport } from '../../src-main/common/ipc-channels.js';
import type { IpcEventChannel, IpcRequestChannel } from '../../src-main/common/ipc-contract.js';
import { parseServerMessage, type WsRequest } from '../../src-main/common/ws-protocol.js';

/** What the tab can tell the admin about its link to Backwatch. */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

export interface WsClientOptions {
  readonly WebSocketImpl?: typeof WebSocket;
  /**
   * Asked after a connection failed: true when the server refuses this tab's token (a browser
   * does not show a WebSocket's 403), so the tab stops retrying and says what to do.
   */
  readonly isRefused?: () => Promise<boolean>;
}

export interface WsClientTransport extends ClientTransport {
  /** The connection's state now and on every change. */
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Harness-only messages (e.g. notices to raise as browser notifications). */
  onHarness(listener: (kind: string, payload: unknown) => void): () => void;
  /** Called after a lost connection is back, so stores can reload what they may have missed. */
  onReconnect(listener: () => void): () => void;
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Reconnects start fast (the harness restarts in a second) and settle at a few seconds. */
const RECONNECT_BACKOFF = { baseMs: 250, capMs: 5_000 } as const;

function addTo<T>(set: Set<T>, item: T): () => void {
  set.add(item);
  return () => set.delete(item);
}

class WsClient implements WsClientTransport {
  readonly #WebSocketImpl: typeof WebSocket;
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();
  #state: ConnectionState = 'connecting';
  readonly #pending = new Map<number, Pending>();
  readonly #eventListeners = new Map<IpcEventChannel, Set<(payload: unknown) => void>>();
  readonly #harnessListeners = new Set<(kind: string, payload: unknown) => void>();
  readonly #reconnectListeners = new Set<() => void>();
  /** Requests made while the socket was not open: sent on the next 'open'. */
  #queue: { id: number; text: string }[] = [];
  #nextId = 1;
  #socket!: WebSocket;
  /** Connection attempts since the socket was last open. */
  #failedAttempts = 0;
  #everOpened = false;
  #closed = false;

  constructor(
    private readonly url: string,
    private readonly options: WsClientOptions,
  ) {
    this.#WebSocketImpl = options.WebSocketImpl ?? WebSocket;
    this.#connect();
  }

  invoke(channel: IpcRequestChannel, arg: unknown): Promise<unknown> {
    const id = this.#nextId++;
    const request: WsRequest = { type: 'request', id, channel, arg };
    const text = JSON.stringify(request);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#socket.readyState === this.#WebSocketImpl.OPEN) this.#socket.send(text);
      else this.#queue.push({ id, text });
    });
  }

  subscribe(event: IpcEventChannel, listener: (payload: unknown) => void): () => void {
    let set = this.#eventListeners.get(event);
    if (!set) this.#eventListeners.set(event, (set = new Set()));
    return addTo(set, listener);
  }

  onHarness(listener: (kind: string, payload: unknown) => void): () => void {
    return addTo(this.#harnessListeners, listener);
  }

  onReconnect(listener: () => void): () => void {
    return addTo(this.#reconnectListeners, listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    listener(this.#state);
    return addTo(this.#stateListeners, listener);
  }

  close(): void {
    this.#closed = true;
    this.#socket.close();
  }

  #setState(next: ConnectionState): void {
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of this.#stateListeners) listener(next);
  }

  #connect(): void {
    const socket = new this.#WebSocketImpl(this.url);
    this.#socket = socket;
    socket.addEventListener('open', () => this.#opened());
    socket.addEventListener('message', (event: MessageEvent) => this.#received(event));
    socket.addEventListener('close', () => this.#lost());
  }

  #opened(): void {
    this.#failedAttempts = 0;
    this.#setState('open');
    for (const item of this.#queue) this.#socket.send(item.text);
    this.#queue = [];
    if (this.#everOpened) for (const listener of this.#reconnectListeners) listener();
    this.#everOpened = true;
  }

  #received(event: MessageEvent): void {
    const message = typeof event.data === 'string' ? parseServerMessage(event.data) : null;
    if (!message) return;
    if (message.type === 'response') {
      const waiter = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
    } else if (message.type === 'event') {
      for (const listener of this.#eventListeners.get(message.event) ?? []) listener(message.payload);
    } else {
      for (const listener of this.#harnessListeners) listener(message.kind, message.payload);
    }
  }

  #lost(): void {
    // Answers to requests sent on the dead socket will never come.
    const queued = new Set(this.#queue.map((item) => item.id));
    for (const [id, waiter] of this.#pending) {
      if (queued.has(id)) continue;
      waiter.reject(new Error('Connection to Backwatch lost'));
      this.#pending.delete(id);
    }
    if (this.#closed) return;
    this.#failedAttempts += 1;
    void (this.options.isRefused?.() ?? Promise.resolve(false))
      .catch(() => false)
      .then((refused) => {
        if (this.#closed) return;
        if (refused) return this.#setState('refused');
        this.#setState(this.#everOpened ? 'lost' : 'connecting');
        setTimeout(() => this.#connect(), backoffDelayMs(this.#failedAttempts, RECONNECT_BACKOFF));
      });
  }
}

export function createWsClientTransport(url: string, options: WsClientOptions = {}): WsClientTransport {
  return new WsClient(url, options);
}
