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

export function createWsClientTransport(url: string, options: WsClientOptions = {}): WsClientTransport {
  const WebSocketImpl = options.WebSocketImpl ?? WebSocket;
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(state);
  };
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<IpcEventChannel, Set<(payload: unknown) => void>>();
  const harnessListeners = new Set<(kind: string, payload: unknown) => void>();
  const reconnectListeners = new Set<() => void>();
  /** Requests made while the socket was not open: sent on the next 'open'. */
  let queue: { id: number; text: string }[] = [];
  let nextId = 1;
  let socket: WebSocket;
  /** Connection attempts since the socket was last open. */
  let failedAttempts = 0;
  let everOpened = false;
  let closed = false;

  const onMessage = (event: MessageEvent): void => {
    const message = typeof event.data === 'string' ? parseServerMessage(event.data) : null;
    if (!message) return;
    if (message.type === 'response') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
    } else if (message.type === 'event') {
      for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload);
    } else {
      for (const listener of harnessListeners) listener(message.kind, message.payload);
    }
  };

  const connect = (): void => {
    socket = new WebSocketImpl(url);
    socket.addEventListener('open', () => {
      failedAttempts = 0;
      setState('open');
      for (const item of queue) socket.send(item.text);
      queue = [];
      if (everOpened) for (const listener of reconnectListeners) listener();
      everOpened = true;
    });
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', () => {
      // Answers to requests sent on the dead socket will never come.
      const queued = new Set(queue.map((item) => item.id));
      for (const [id, waiter] of pending) {
        if (queued.has(id)) continue;
        waiter.reject(new Error('Connection to Backwatch lost'));
        pending.delete(id);
      }
      if (closed) return;
      failedAttempts += 1;
      void (options.isRefused?.() ?? Promise.resolve(false))
        .catch(() => false)
        .then((refused) => {
          if (closed) return;
          if (refused) return setState('refused');
          setState(everOpened ? 'lost' : 'connecting');
          setTimeout(connect, backoffDelayMs(failedAttempts, RECONNECT_BACKOFF));
        });
    });
  };
  connect();

  const addTo = <T>(set: Set<T>, item: T): (() => void) => {
    set.add(item);
    return () => set.delete(item);
  };

  return {
    invoke(channel: IpcRequestChannel, arg: unknown): Promise<unknown> {
      const id = nextId++;
      const request: WsRequest = { type: 'request', id, channel, arg };
      const text = JSON.stringify(request);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === WebSocketImpl.OPEN) socket.send(text);
        else queue.push({ id, text });
      });
    },
    subscribe(event, listener) {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      return addTo(set, listener);
    },
    onHarness: (listener) => addTo(harnessListeners, listener),
    onReconnect: (listener) => addTo(reconnectListeners, listener),
    onState(listener) {
      listener(state);
      return addTo(stateListeners, listener);
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}
