/** The services' events (status, sessions) fanned out to every subscribed transport. */
import type { IpcEventChannel, IpcEvents } from '../../common/ipc-contract.js';
import type { Logger } from '../logger.js';
import { messageOf } from './errors.js';

export type IpcEventPayload<E extends IpcEventChannel> = Parameters<IpcEvents[E]>[0];
export type ServiceEventListener = <E extends IpcEventChannel>(event: E, payload: IpcEventPayload<E>) => void;

export interface EventHub {
  readonly emit: ServiceEventListener;
  subscribe(listener: ServiceEventListener): () => void;
  /** False while nobody listens: an event that is costly to build (a fleet's snapshot) can wait. */
  hasListeners(): boolean;
  clear(): void;
}

export function createEventHub(log: Logger): EventHub {
  const listeners = new Set<ServiceEventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (e) {
          // One broken window must not keep the others (or the tray) from their update.
          log.warn(`An event listener failed: ${messageOf(e)}`);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hasListeners: () => listeners.size > 0,
    clear: () => listeners.clear(),
  };
}
